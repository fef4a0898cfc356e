package vigil.sim.report;

import static vigil.sim.report.Reports.assertMeets;
import static vigil.sim.report.Reports.at;
import static vigil.sim.report.Reports.incident;
import static vigil.sim.report.Reports.step;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * "Incidents count ... under their grade at the end of the period (after any regrade); targetAt is the latest one",
 * recomputed from creation. CAD-1 is raised from S to I mid-way and attended 20 minutes after creation: late against
 * the I target, though well within the S one. CAD-2 is lowered from I to S and attended 40 minutes on: within.
 */
class ARegradedIncidentIsJudgedUnderItsGradeAtTheEndOfThePeriod {
    private final Reports.Shift shift = Reports.day("09:00", "12:00",
            incident("10:00", "CAD-1", "S"),
            incident("10:00", "CAD-2", "I"),
            step("10:01", "dsp1", "AssignUnit", "incidentId", "CAD-1", "unitId", "U1"),
            step("10:01", "dsp1", "AssignUnit", "incidentId", "CAD-2", "unitId", "U2"),
            step("10:05", "ch1", "Regrade", "incidentId", "CAD-1", "grade", "I", "reason", "weapon seen"),
            step("10:06", "ch1", "Regrade", "incidentId", "CAD-2", "grade", "S", "reason", "suspects left"),
            step("10:20", "U1", "ArriveAtScene", "incidentId", "CAD-1", "unitId", "U1"),
            step("10:40", "U2", "ArriveAtScene", "incidentId", "CAD-2", "unitId", "U2"));

    @Test
    void theRaisedIncidentIsLateAgainstItsNewTargetAndTheLoweredOneIsWithin() {
        JsonNode report = shift.report();

        assertMeets(report, """
                { "responseTimes": { "byGrade": {
                    "I": { "incidents": 1, "attended": 1, "withinTarget": 0, "breached": 1, "withinTargetRate": 0.0,
                           "responseMinutes": { "p50": 20.0, "p90": 20.0, "max": 20.0 } },
                    "S": { "incidents": 1, "attended": 1, "withinTarget": 1, "breached": 0, "withinTargetRate": 1.0,
                           "responseMinutes": { "p50": 40.0, "p90": 40.0, "max": 40.0 } } } },
                  "delayedAttendance": [ { "incidentId": "CAD-1", "grade": "I", "targetAt": "2024-06-12T10:15:00Z",
                                           "attendedAt": "2024-06-12T10:20:00Z", "lateByMinutes": 5.0,
                                           "divertTagged": false } ] }
                """);
    }

    @Test
    void beforeTheRegradesTheyStillStandUnderTheirFirstGrades() {
        JsonNode report = Reports.json(shift.daris().report(at("09:00"), at("10:04")));

        assertMeets(report, """
                { "responseTimes": { "byGrade": {
                    "I": { "incidents": 1, "attended": 0, "withinTarget": 0, "breached": 0, "withinTargetRate": null },
                    "S": { "incidents": 1, "attended": 0, "withinTarget": 0, "breached": 0, "withinTargetRate": null } } },
                  "delayedAttendance": [] }
                """);
    }
}
