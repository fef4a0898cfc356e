package vigil.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.sim.report.Reports.assertMeets;
import static vigil.sim.report.Reports.at;
import static vigil.sim.report.Reports.step;
import static vigil.sim.report.Reports.steps;

import org.junit.jupiter.api.Test;

/**
 * A scheme nobody reviews: activated 6 January for 30 days, the victim never told. By 10 February both review stages
 * have gone out, its end has passed with no decision and it is still active: review overdue. Read earlier, the same
 * record says less: on 7 January the contact deadline is still ahead (null, not false); on 3 February the reviews are
 * out but its end is not yet reached.
 */
class ASchemePastItsEndWithNoDecisionIsOverdueAndStillListed {
    private final Reports.Shift shift = Reports.Shift.of(Reports.shift("2025-01-06T09:00:00Z",
            "2025-02-10T00:00:00Z", ASchemeExtendedShowsWhetherTheVictimWasToldOfIt.POLICY,
            steps(ASchemeExtendedShowsWhetherTheVictimWasToldOfIt.request("2025-01-06T09:30:00Z", "S3", "07700 900789"),
                    step("2025-01-06T10:00:00Z", "rtrd1", "ActivateScheme", "schemeId", "S3"))));

    @Test
    void atTheEndItIsOverdueWithNoDecisionAndTheVictimNotToldInTime() {
        assertMeets(shift.report(), """
                { "schemes": [ { "schemeId": "S3", "victimInformedAt": null, "victimInformedInTime": false,
                                 "contactAttempts": 0, "firstStageAt": "2025-01-29T10:00:00Z",
                                 "secondStageAt": "2025-02-01T10:00:00Z", "decision": null, "decidedAt": null,
                                 "victimInformedOfDecision": null, "reviewOverdue": true } ] }
                """);
        assertThat(shift.has("SchemeReviewOverdue")).as("the engine raised it too").isTrue();
    }

    @Test
    void earlierTheContactDeadlineIsAheadAndLaterOnlyTheReviewsAreOut() {
        Daris daris = shift.daris();
        assertMeets(Reports.json(daris.report(at("2025-01-06T09:00:00Z"), at("2025-01-07T00:00:00Z"))), """
                { "schemes": [ { "schemeId": "S3", "victimInformedInTime": null, "firstStageAt": null,
                                 "secondStageAt": null, "reviewOverdue": false } ] }
                """);
        assertMeets(Reports.json(daris.report(at("2025-01-06T09:00:00Z"), at("2025-02-03T00:00:00Z"))), """
                { "schemes": [ { "schemeId": "S3", "victimInformedInTime": false,
                                 "firstStageAt": "2025-01-29T10:00:00Z", "secondStageAt": "2025-02-01T10:00:00Z",
                                 "reviewOverdue": false } ] }
                """);
    }
}
