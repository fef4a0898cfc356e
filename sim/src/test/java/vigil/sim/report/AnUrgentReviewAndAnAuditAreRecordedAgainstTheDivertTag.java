package vigil.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.sim.report.Reports.assertMeets;
import static vigil.sim.report.Reports.at;
import static vigil.sim.report.Reports.incident;
import static vigil.sim.report.Reports.step;

import org.junit.jupiter.api.Test;

/**
 * QART "will regularly review the DIVERT tag list": an inspector asks for CAD-1's divert to be reviewed first
 * ({@code urgentReview}), and QA records its outcome ({@code audit}), a later audit superseding an earlier one. Both
 * name the incident, whose tag covers every divert made from it so far: the urgent review of 10:20 covers U1's and
 * U2's diverts, not U3's of 10:42; the audit of 11:00 covers all three.
 */
class AnUrgentReviewAndAnAuditAreRecordedAgainstTheDivertTag {
    private final Reports.Shift shift = Reports.day("09:00", "12:00",
            incident("10:00", "CAD-1", "S"),
            step("10:01", "dsp1", "AssignUnit", "incidentId", "CAD-1", "unitId", "U1"),
            step("10:01", "dsp1", "AssignUnit", "incidentId", "CAD-1", "unitId", "U2"),
            incident("10:05", "CAD-2", "I"),
            incident("10:05", "CAD-3", "I"),
            step("10:06", "dsp1", "DivertUnit", "unitId", "U1", "toIncidentId", "CAD-2", "reason", "knife"),
            step("10:07", "dsp1", "DivertUnit", "unitId", "U2", "toIncidentId", "CAD-3", "reason", "gun"),
            step("10:08", "ctl1", "ReviewDivert", "incidentId", "CAD-1", "decision", "APPROVE", "note", "ok"),
            step("10:08", "ctl1", "ReviewDivert", "incidentId", "CAD-1", "decision", "APPROVE", "note", "ok"),
            step("10:20", "insp1", "RequestUrgentReview", "incidentId", "CAD-1", "note", "two units gone"),
            step("10:30", "qa1", "RecordDivertAudit", "incidentId", "CAD-1", "outcome", "LEARNING",
                    "note", "first look"),
            step("10:40", "dsp1", "AssignUnit", "incidentId", "CAD-1", "unitId", "U3"),
            incident("10:41", "CAD-4", "I"),
            step("10:42", "dsp1", "DivertUnit", "unitId", "U3", "toIncidentId", "CAD-4", "reason", "RTC"),
            step("11:00", "qa1", "RecordDivertAudit", "incidentId", "CAD-1", "outcome", "INAPPROPRIATE",
                    "note", "both units taken from an S call"));

    @Test
    void bothDivertsOfTheTagCarryTheUrgentReviewAndTheLatestAudit() {
        assertThat(shift.has("UrgentReviewRequested")).as("the engine took the request\n%s", shift.eventLog()).isTrue();

        assertMeets(shift.report(), """
                { "diverts": [
                    { "incidentId": "CAD-1", "unitId": "U1", "audit": "INAPPROPRIATE", "urgentReview": true },
                    { "incidentId": "CAD-1", "unitId": "U2", "audit": "INAPPROPRIATE", "urgentReview": true },
                    { "incidentId": "CAD-1", "unitId": "U3", "audit": "INAPPROPRIATE", "urgentReview": false } ] }
                """);
    }

    @Test
    void beforeTheRequestAndTheSecondAuditTheRowsSayWhatWasKnownThen() {
        assertMeets(Reports.json(shift.daris().report(at("09:00"), at("10:10"))), """
                { "diverts": [ { "audit": null, "urgentReview": false }, { "audit": null, "urgentReview": false } ] }
                """);
        assertMeets(Reports.json(shift.daris().report(at("09:00"), at("10:50"))), """
                { "diverts": [ { "audit": "LEARNING", "urgentReview": true },
                               { "audit": "LEARNING", "urgentReview": true },
                               { "unitId": "U3", "audit": null, "urgentReview": false } ] }
                """);
    }
}
