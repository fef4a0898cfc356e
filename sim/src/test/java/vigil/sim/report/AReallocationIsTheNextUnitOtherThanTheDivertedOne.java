package vigil.sim.report;

import static vigil.sim.report.Reports.assertMeets;
import static vigil.sim.report.Reports.at;
import static vigil.sim.report.Reports.incident;
import static vigil.sim.report.Reports.step;

import org.junit.jupiter.api.Test;

/**
 * "reallocatedAt is the first assignment to the original, after the divert, of a unit other than the diverted one";
 * "reviewOverdue is true when DivertReviewOverdue fired for the divert, even if a review came later". U1 is diverted
 * from CAD-1 at 10:06; the controller approves only at 10:20, after the five-minute window; the inspector tasks a
 * reallocation and U3 is assigned at 10:25, then U4 as well. QA records its outcome at 10:50.
 */
class AReallocationIsTheNextUnitOtherThanTheDivertedOne {
    private final Reports.Shift shift = Reports.day("09:00", "11:30",
            incident("10:00", "CAD-1", "S"),
            step("10:01", "dsp1", "AssignUnit", "incidentId", "CAD-1", "unitId", "U1"),
            incident("10:05", "CAD-2", "I"),
            step("10:06", "dsp1", "DivertUnit", "unitId", "U1", "toIncidentId", "CAD-2", "reason", "knife"),
            step("10:15", "U1", "ArriveAtScene", "incidentId", "CAD-2", "unitId", "U1"),
            step("10:20", "ctl1", "ReviewDivert", "incidentId", "CAD-1", "decision", "APPROVE", "note", "knife first"),
            step("10:22", "insp1", "TaskReallocation", "incidentId", "CAD-1", "note", "U3 from the station"),
            step("10:25", "dsp1", "AssignUnit", "incidentId", "CAD-1", "unitId", "U3"),
            step("10:26", "dsp1", "AssignUnit", "incidentId", "CAD-1", "unitId", "U4"),
            step("10:50", "qa1", "RecordDivertAudit", "incidentId", "CAD-1", "outcome", "APPROPRIATE",
                    "note", "comparative risk recorded"));

    @Test
    void theFirstOtherUnitAssignedAfterTheDivertIsTheReallocation() {
        assertMeets(shift.report(), """
                { "diverts": [ { "incidentId": "CAD-1", "unitId": "U1", "review": "APPROVED",
                                 "reviewedAt": "2024-06-12T10:20:00Z", "reviewOverdue": true,
                                 "reallocatedAt": "2024-06-12T10:25:00Z", "originalAttendedAt": null,
                                 "originalBreached": true, "audit": "APPROPRIATE" } ],
                  "delayedAttendance": [ { "incidentId": "CAD-1", "lateByMinutes": 30.0, "divertTagged": true } ] }
                """);
    }

    @Test
    void beforeTheReviewItIsOverdueUnreviewedAndUnaudited() {
        assertMeets(Reports.json(shift.daris().report(at("09:00"), at("10:15"))), """
                { "diverts": [ { "review": null, "reviewedAt": null, "reviewOverdue": true, "reallocatedAt": null,
                                 "originalBreached": false, "audit": null } ] }
                """);
    }
}
