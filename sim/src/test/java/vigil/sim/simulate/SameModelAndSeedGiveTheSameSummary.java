package vigil.sim.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vigil.sim.model.Model;

/** A run is a function of the model and the seed: only the timing figures differ between two runs. */
class SameModelAndSeedGiveTheSameSummary {

    @Test
    void twoRunsOfOneModelAndSeedAgreeInEverythingButTiming() {
        Model m = Models.model("diverts.json");

        Summary first = withoutTiming(Simulation.run(m, 99, Progress.silent()));
        Summary second = withoutTiming(Simulation.run(m, 99, Progress.silent()));

        assertThat(second).isEqualTo(first);
        assertThat(SummaryJson.text(second)).isEqualTo(SummaryJson.text(first));
    }

    @Test
    void anotherSeedGivesAnotherRun() {
        Model m = Models.model("diverts.json");

        Summary a = Simulation.run(m, 1, Progress.silent());
        Summary b = Simulation.run(m, 2, Progress.silent());

        assertThat(b.calls()).isNotEqualTo(a.calls());
        assertThat(b.seed()).isEqualTo(2);
    }

    private static Summary withoutTiming(Summary s) {
        return new Summary(s.name(), s.seed(), s.simulatedDays(), s.calls(), s.grades(), s.units(),
                s.delayProbability(), s.outOfAreaFraction(), s.diverts(), s.originalsBreached(), s.orphaned(),
                s.events(), 0, 0);
    }
}
