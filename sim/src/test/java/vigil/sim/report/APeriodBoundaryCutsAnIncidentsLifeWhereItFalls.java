package vigil.sim.report;

import static vigil.sim.report.Reports.assertMeets;
import static vigil.sim.report.Reports.at;
import static vigil.sim.report.Reports.incident;
import static vigil.sim.report.Reports.step;

import org.junit.jupiter.api.Test;

/**
 * "Incidents count in the period they were created in", judged as they stood at its end. Over 10:00 to 12:00:
 * CAD-1, created at 09:30 and attended late inside the period, is not counted, nor is its divert of 09:40 or the
 * call before 10:00; CAD-2 (S, 10:30), attended only at 12:30, stands unattended and 30 minutes late at 12:00. Over
 * the whole shift CAD-2 is attended, an hour late.
 */
class APeriodBoundaryCutsAnIncidentsLifeWhereItFalls {
    private final Reports.Shift shift = Reports.day("09:00", "13:00",
            incident("09:30", "CAD-1", "I"),
            step("09:31", "dsp1", "AssignUnit", "incidentId", "CAD-1", "unitId", "U1"),
            incident("09:35", "CAD-9", "I"),
            step("09:40", "dsp1", "DivertUnit", "unitId", "U1", "toIncidentId", "CAD-9", "reason", "nearer"),
            step("10:20", "dsp1", "AssignUnit", "incidentId", "CAD-1", "unitId", "U2"),
            step("10:25", "U2", "ArriveAtScene", "incidentId", "CAD-1", "unitId", "U2"),
            incident("10:30", "CAD-2", "S"),
            step("10:31", "dsp1", "AssignUnit", "incidentId", "CAD-2", "unitId", "U3"),
            step("12:30", "U3", "ArriveAtScene", "incidentId", "CAD-2", "unitId", "U3"));

    @Test
    void overThePeriodOnlyWhatWasCreatedInItCountsAsItStoodAtTheEnd() {
        assertMeets(Reports.json(shift.daris().report(at("10:00"), at("12:00"))), """
                { "from": "2024-06-12T10:00:00Z", "to": "2024-06-12T12:00:00Z",
                  "responseTimes": { "byGrade": {
                    "S": { "incidents": 1, "attended": 0, "withinTarget": 0, "breached": 1 } } },
                  "delayedAttendance": [ { "incidentId": "CAD-2", "attendedAt": null, "lateByMinutes": 30.0 } ],
                  "diverts": [],
                  "demand": { "calls": 1, "incidents": 1 } }
                """);
    }

    @Test
    void overTheWholeShiftTheLateAttendanceIsSeen() {
        assertMeets(shift.report(), """
                { "responseTimes": { "byGrade": {
                    "I": { "incidents": 2, "attended": 1, "breached": 2 },
                    "S": { "incidents": 1, "attended": 1, "withinTarget": 0, "breached": 1,
                           "responseMinutes": { "p50": 120.0 } } } },
                  "delayedAttendance": [
                    { "incidentId": "CAD-1", "attendedAt": "2024-06-12T10:25:00Z", "lateByMinutes": 40.0,
                      "divertTagged": true },
                    { "incidentId": "CAD-9", "attendedAt": null, "lateByMinutes": 190.0, "divertTagged": false },
                    { "incidentId": "CAD-2", "attendedAt": "2024-06-12T12:30:00Z", "lateByMinutes": 60.0 } ],
                  "diverts": [ { "incidentId": "CAD-1", "at": "2024-06-12T09:40:00Z", "originalBreached": true } ],
                  "demand": { "calls": 3, "incidents": 3 } }
                """);
    }
}
