package vigil.sim.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The 2018 failure against Vigil's safeguards, on one busy model: the same calls (same seed), diverts enabled for
 * immediate calls. With safeguards the controller approves, the inspector tasks a reallocation and the original goes
 * back in the queue at once, so no incident is ever left unseen. Without them the original keeps a stale unit until
 * that unit clears elsewhere: every such original is orphaned, and more of them breach their target.
 */
class DivertsWithSafeguardsOrphanNoIncident {

    @Test
    void withSafeguardsEveryDivertedOriginalIsReQueuedAndNoneIsOrphaned() {
        Summary s = Models.run("diverts.json");

        assertThat(s.diverts()).isPositive();
        assertThat(s.orphaned()).isZero();
    }

    @Test
    void theWay2018WorkedOrphansOriginalsAndBreachesMoreOfThem() {
        Summary safeguarded = Models.run("diverts.json");
        Summary unguarded = Models.run("diverts-2018.json");

        assertThat(unguarded.diverts()).isPositive();
        assertThat(unguarded.orphaned()).isPositive().isLessThanOrEqualTo(unguarded.diverts());
        assertThat(unguarded.originalsBreached()).isGreaterThan(safeguarded.originalsBreached());
    }
}
