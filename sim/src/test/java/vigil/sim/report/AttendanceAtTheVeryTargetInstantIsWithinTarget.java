package vigil.sim.report;

import static vigil.sim.report.Reports.assertMeets;
import static vigil.sim.report.Reports.incident;
import static vigil.sim.report.Reports.step;

import org.junit.jupiter.api.Test;

/**
 * "withinTarget: attended at or before targetAt". CAD-1 (I, created 10:00) is attended at 10:15:00 exactly, the
 * instant its target falls; CAD-2 one second after its own. The second is breached, late by 0.0 minutes once rounded:
 * a breach is a breach however small.
 */
class AttendanceAtTheVeryTargetInstantIsWithinTarget {

    @Test
    void onTheSecondIsWithinAndASecondLateIsBreached() {
        Reports.Shift shift = Reports.day("09:00", "11:00",
                incident("10:00", "CAD-1", "I"),
                incident("10:00", "CAD-2", "I"),
                step("10:01", "dsp1", "AssignUnit", "incidentId", "CAD-1", "unitId", "U1"),
                step("10:01", "dsp1", "AssignUnit", "incidentId", "CAD-2", "unitId", "U2"),
                step("10:15:00", "U1", "ArriveAtScene", "incidentId", "CAD-1", "unitId", "U1"),
                step("10:15:01", "U2", "ArriveAtScene", "incidentId", "CAD-2", "unitId", "U2"));

        assertMeets(shift.report(), """
                { "responseTimes": { "byGrade": {
                    "I": { "incidents": 2, "attended": 2, "withinTarget": 1, "breached": 1, "closedUnattended": 0,
                           "withinTargetRate": 0.5,
                           "responseMinutes": { "p50": 15.0, "p90": 15.0, "max": 15.0 } } } },
                  "delayedAttendance": [ { "incidentId": "CAD-2", "targetAt": "2024-06-12T10:15:00Z",
                                           "attendedAt": "2024-06-12T10:15:01Z", "lateByMinutes": 0.0 } ] }
                """);
    }
}
