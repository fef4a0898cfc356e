package vigil.sim.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import org.junit.jupiter.api.Test;
import vigil.core.Grade;

/**
 * With travel taking no time the control room is a textbook queue, so the simulator's figures must land on the
 * theory's: Erlang C for M/M/n, Pollaczek-Khinchine for M/D/1 and M/G/1, Cobham's formula for non-preemptive
 * priority. Tolerances are a few standard errors of runs this long; the runs are seeded, so they never flake.
 */
class SimulatedQueuesLandOnQueueingTheory {

    @Test
    void theMm5ModelLandsOnErlangC() {
        Summary s = Models.run("mm5-erlang.json");

        assertThat(s.delayProbability()).isCloseTo(0.5541, within(0.005));
        assertThat(s.workloadSum()).isCloseTo(4.0, withPercentage(2));
        assertThat(s.grades().get(Grade.I).responseMinutes().mean()).isCloseTo(33.25, withPercentage(3));
    }

    @Test
    void oneUnitHalfLoadedWaitsAsMm1() {
        Summary s = Models.run("mm1.json");

        assertThat(s.delayProbability()).isCloseTo(0.5, within(0.01));
        assertThat(s.workloadSum()).isCloseTo(0.5, withPercentage(2));
        assertThat(s.grades().get(Grade.I).responseMinutes().mean()).isCloseTo(60.0, withPercentage(5));
    }

    @Test
    void twoThreeAndTenUnitsWaitAsErlangCSays() {
        checkMmn("mm2.json", 2, 1.5, 1.0);
        checkMmn("mm3.json", 3, 2.4, 1.0);
        checkMmn("mm10.json", 10, 16.0, 0.5);
    }

    private static void checkMmn(String model, int n, double callsPerHour, double serviceHours) {
        Summary s = Models.run(model);
        double a = callsPerHour * serviceHours;

        assertThat(s.delayProbability()).as(model + " delay").isCloseTo(Theory.erlangC(n, a), within(0.01));
        assertThat(s.workloadSum()).as(model + " workloads").isCloseTo(a, withPercentage(2));
        assertThat(s.grades().get(Grade.I).responseMinutes().mean()).as(model + " mean wait")
                .isCloseTo(Theory.mmnWaitMinutes(n, callsPerHour, serviceHours), withPercentage(5));
    }

    @Test
    void fixedServiceWaitsAsMd1() {
        Summary s = Models.run("md1.json");

        assertThat(s.delayProbability()).isCloseTo(0.5, within(0.01));
        assertThat(s.grades().get(Grade.I).responseMinutes().mean())
                .isCloseTo(Theory.mg1WaitMinutes(0.5, 1.0, 0.0), withPercentage(5));
    }

    @Test
    void lognormalServiceWaitsAsPollaczekKhinchineSays() {
        Summary s = Models.run("mg1-lognormal.json");

        assertThat(s.workloadSum()).isCloseTo(0.5, withPercentage(2));
        assertThat(s.grades().get(Grade.I).responseMinutes().mean())
                .isCloseTo(Theory.mg1WaitMinutes(0.5, 1.0, 0.5), withPercentage(5));
    }

    @Test
    void immediateCallsJumpTheQueueAsNonPreemptivePriorityTheorySays() {
        Summary s = Models.run("priority-mm1.json");
        // Cobham: W_k = W0 / ((1 - sigma_{k-1})(1 - sigma_k)), W0 = lambda E[S^2] / 2 = 0.5 h for exponential 1 h.
        double w0 = 0.5 * 2.0 / 2;
        double rhoI = 0.5 * 0.3;

        assertThat(s.grades().get(Grade.I).responseMinutes().mean()).isCloseTo(w0 / (1 - rhoI) * 60, withPercentage(5));
        assertThat(s.grades().get(Grade.S).responseMinutes().mean())
                .isCloseTo(w0 / ((1 - rhoI) * (1 - 0.5)) * 60, withPercentage(5));
    }
}
