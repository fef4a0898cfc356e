package vigil.sim.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Under {@code preference} dispatch the first free unit in the zone's list goes, so the list's head is busiest. Each
 * unit's share of the time is worked out exactly from the Markov chain of who is busy, and the simulation must match
 * it unit by unit.
 */
class PreferenceDispatchLoadsUnitsInListOrder {

    @Test
    void threeUnitsCarryTheLoadTheMarkovChainGivesEach() {
        Summary s = Models.run("preference-3.json");
        double[] theory = Theory.preferenceWorkloads(3, 2.0, 1.0, 400);

        List<Double> workloads = s.units().stream().map(Summary.UnitFigures::workload).toList();
        for (int u = 0; u < 3; u++) {
            assertThat(workloads.get(u)).as("U" + (u + 1)).isCloseTo(theory[u], within(0.01));
        }
        assertThat(workloads).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void theMm5UnitsAreLoadedAsTheChainSays() {
        Summary s = Models.run("mm5-erlang.json");
        double[] theory = Theory.preferenceWorkloads(5, 4.0, 1.0, 400);

        for (int u = 0; u < 5; u++) {
            assertThat(s.units().get(u).workload()).as("U" + (u + 1)).isCloseTo(theory[u], within(0.005));
        }
    }

    @Test
    void dispatchesToAnyUnitButTheListsFirstAreOutOfArea() {
        Summary s = Models.run("preference-3.json");

        // Out of area = not U1: every dispatch U1 did not take. U1 is busy 77% of the time, so most calls that
        // queue, and those that find it busy, go elsewhere; the fraction is far from 0 and from 1.
        assertThat(s.outOfAreaFraction()).isBetween(0.3, 0.9);
    }
}
