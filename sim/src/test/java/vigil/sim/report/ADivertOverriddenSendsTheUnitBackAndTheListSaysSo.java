package vigil.sim.report;

import static vigil.sim.report.Reports.assertMeets;
import static vigil.sim.report.Reports.incident;
import static vigil.sim.report.Reports.step;

import org.junit.jupiter.api.Test;

/**
 * U1 is diverted from CAD-1 (S) to CAD-2 (I); the controller overrides within the review window and U1 goes back to
 * CAD-1, arriving in time. The divert row says OVERRIDDEN, not overdue, and not reallocated: the unit that came back
 * is the diverted one. CAD-2, left without U1, breaches its own target, and is not the tagged incident.
 */
class ADivertOverriddenSendsTheUnitBackAndTheListSaysSo {

    @Test
    void theRowShowsTheOverrideAndTheOriginalAttendedInTime() {
        Reports.Shift shift = Reports.day("09:00", "11:00",
                incident("10:00", "CAD-1", "S"),
                step("10:01", "dsp1", "AssignUnit", "incidentId", "CAD-1", "unitId", "U1"),
                incident("10:05", "CAD-2", "I"),
                step("10:06", "dsp1", "DivertUnit", "unitId", "U1", "toIncidentId", "CAD-2", "reason", "knife"),
                step("10:08", "ctl1", "ReviewDivert", "incidentId", "CAD-1", "decision", "OVERRIDE",
                        "note", "CAD-1 caller at risk"),
                step("10:30", "U1", "ArriveAtScene", "incidentId", "CAD-1", "unitId", "U1"));

        assertMeets(shift.report(), """
                { "diverts": [ { "incidentId": "CAD-1", "unitId": "U1", "toIncidentId": "CAD-2",
                                 "at": "2024-06-12T10:06:00Z", "review": "OVERRIDDEN",
                                 "reviewedAt": "2024-06-12T10:08:00Z", "reviewOverdue": false, "challenge": null,
                                 "reallocatedAt": null, "originalAttendedAt": "2024-06-12T10:30:00Z",
                                 "originalBreached": false, "audit": null, "urgentReview": false } ],
                  "delayedAttendance": [ { "incidentId": "CAD-2", "attendedAt": null, "lateByMinutes": 40.0,
                                           "divertTagged": false } ],
                  "responseTimes": { "byGrade": {
                    "S": { "incidents": 1, "withinTarget": 1, "breached": 0 },
                    "I": { "incidents": 1, "withinTarget": 0, "breached": 1 } } } }
                """);
    }
}
