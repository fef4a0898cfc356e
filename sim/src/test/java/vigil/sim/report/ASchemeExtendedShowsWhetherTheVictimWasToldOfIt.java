package vigil.sim.report;

import static vigil.sim.report.Reports.assertMeets;
import static vigil.sim.report.Reports.step;
import static vigil.sim.report.Reports.steps;

import org.junit.jupiter.api.Test;

/**
 * Two schemes activated together (30 days, review 7 days before the end, victim to be told within 2 days), both
 * extended after the first-stage review. S1's victim was told of the scheme in time and of the extension after the
 * review. S2's victim was told of the scheme a day late, and of the extension only at the review's very instant:
 * recorded before the review was sent, so not "since the first-stage review"; the attempt after it had no answer.
 */
class ASchemeExtendedShowsWhetherTheVictimWasToldOfIt {
    static final String POLICY = """
            { "schemeMaxDuration": "P30D", "schemeReviewLead": "P7D", "secondStageAfter": "P3D",
              "victimContactWithin": "P2D" }""";

    static String request(String time, String id, String cli) {
        return step(time, "oic1", "RequestScheme", "schemeId", id, "address", id + " Example Road, London SE1 1AA",
                "clis", "[\"" + cli + "\"]", "victimName", "A. Victim", "preferredContact", "{\"method\": \"phone\"}",
                "oic", "oic1", "bcu", "SE", "crimeRef", "CRIS-" + id, "instructions", "I grade, ask for A.");
    }

    static String contact(String time, String id, String outcome, String explained) {
        return step(time, "oic1", "RecordVictimContact", "schemeId", id, "method", "phone", "outcome", outcome,
                "explained", explained);
    }

    @Test
    void theExtensionIsTheDecisionAndTellingTheVictimIsCountedSinceTheReview() {
        Reports.Shift shift = Reports.Shift.of(Reports.shift("2025-01-06T09:00:00Z", "2025-02-10T00:00:00Z", POLICY,
                steps(request("2025-01-06T09:30:00Z", "S1", "07700 900123"),
                        request("2025-01-06T09:31:00Z", "S2", "07700 900456"),
                        step("2025-01-06T10:00:00Z", "rtrd1", "ActivateScheme", "schemeId", "S2"),
                        step("2025-01-06T10:00:00Z", "rtrd1", "ActivateScheme", "schemeId", "S1"),
                        contact("2025-01-07T12:00:00Z", "S1", "CONTACTED", "[\"SCHEME\", \"DURATION\"]"),
                        contact("2025-01-09T12:00:00Z", "S2", "CONTACTED", "[\"SCHEME\", \"DURATION\"]"),
                        contact("2025-01-29T10:00:00Z", "S2", "CONTACTED", "[\"EXTENSION\"]"),
                        contact("2025-01-30T11:00:00Z", "S1", "CONTACTED", "[\"EXTENSION\"]"),
                        contact("2025-01-30T11:00:00Z", "S2", "NO_ANSWER", "[]"),
                        step("2025-01-30T12:00:00Z", "oic1", "ReviewScheme", "schemeId", "S1", "decision", "EXTEND",
                                "note", "risk remains"),
                        step("2025-01-30T12:00:00Z", "oic1", "ReviewScheme", "schemeId", "S2", "decision", "EXTEND",
                                "note", "risk remains"))));

        assertMeets(shift.report(), """
                { "schemes": [
                    { "schemeId": "S1", "activatedAt": "2025-01-06T10:00:00Z",
                      "victimInformedAt": "2025-01-07T12:00:00Z", "victimInformedInTime": true,
                      "contactAttempts": 2, "firstStageAt": "2025-01-29T10:00:00Z", "secondStageAt": null,
                      "decision": "EXTEND", "decidedAt": "2025-01-30T12:00:00Z", "victimInformedOfDecision": true,
                      "reviewOverdue": false },
                    { "schemeId": "S2", "activatedAt": "2025-01-06T10:00:00Z",
                      "victimInformedAt": "2025-01-09T12:00:00Z", "victimInformedInTime": false,
                      "contactAttempts": 3, "firstStageAt": "2025-01-29T10:00:00Z", "secondStageAt": null,
                      "decision": "EXTEND", "decidedAt": "2025-01-30T12:00:00Z", "victimInformedOfDecision": false,
                      "reviewOverdue": false } ] }
                """);
    }
}
