package vigil.sim.report;

import static vigil.sim.report.Reports.assertMeets;
import static vigil.sim.report.Reports.at;
import static vigil.sim.report.Reports.incident;
import static vigil.sim.report.Reports.step;

import org.junit.jupiter.api.Test;

/**
 * The controller overrides U1's divert; the despatcher challenges; the duty officer allows the divert, so U1 returns
 * to CAD-2 and U2 is sent to CAD-1. The row keeps the controller's review (OVERRIDDEN) and shows the duty officer's
 * resolution; U1's own return to CAD-1 after the override is not a reallocation, U2's assignment is.
 */
class AChallengedOverrideShowsTheDutyOfficersDecision {
    private final Reports.Shift shift = Reports.day("09:00", "11:00",
            incident("10:00", "CAD-1", "S"),
            step("10:01", "dsp1", "AssignUnit", "incidentId", "CAD-1", "unitId", "U1"),
            incident("10:05", "CAD-2", "I"),
            step("10:06", "dsp1", "DivertUnit", "unitId", "U1", "toIncidentId", "CAD-2", "reason", "knife"),
            step("10:08", "ctl1", "ReviewDivert", "incidentId", "CAD-1", "decision", "OVERRIDE", "note", "at risk"),
            step("10:09", "dsp1", "ChallengeOverride", "incidentId", "CAD-1", "note", "CAD-2 is a knife"),
            step("10:12", "duty1", "ResolveChallenge", "incidentId", "CAD-1", "decision", "ALLOW_DIVERT",
                    "note", "knife first"),
            step("10:14", "U1", "ArriveAtScene", "incidentId", "CAD-2", "unitId", "U1"),
            step("10:15", "dsp1", "AssignUnit", "incidentId", "CAD-1", "unitId", "U2"),
            step("10:40", "U2", "ArriveAtScene", "incidentId", "CAD-1", "unitId", "U2"));

    @Test
    void theRowShowsTheOverrideTheChallengeAllowedAndTheReallocation() {
        assertMeets(shift.report(), """
                { "diverts": [ { "incidentId": "CAD-1", "unitId": "U1", "review": "OVERRIDDEN",
                                 "reviewedAt": "2024-06-12T10:08:00Z", "reviewOverdue": false,
                                 "challenge": "ALLOW_DIVERT", "reallocatedAt": "2024-06-12T10:15:00Z",
                                 "originalAttendedAt": "2024-06-12T10:40:00Z", "originalBreached": false } ],
                  "delayedAttendance": [] }
                """);
    }

    @Test
    void whileTheChallengeAwaitsTheDutyOfficerTheRowHasNoResolution() {
        assertMeets(Reports.json(shift.daris().report(at("09:00"), at("10:10"))), """
                { "diverts": [ { "incidentId": "CAD-1", "review": "OVERRIDDEN", "challenge": null,
                                 "reallocatedAt": null, "originalAttendedAt": null, "originalBreached": false } ] }
                """);
    }
}
