package vigil.sim.simulate;

import java.util.List;
import java.util.Map;
import vigil.core.Grade;

/**
 * The figures of one run, as printed. Everything except {@code wallSeconds} and {@code eventsPerSecond} is the same
 * for the same model and seed.
 */
public record Summary(String name, long seed, double simulatedDays, long calls, Map<Grade, GradeFigures> grades,
                      List<UnitFigures> units, double delayProbability, double outOfAreaFraction, long diverts,
                      long originalsBreached, long orphaned, long events, double wallSeconds,
                      double eventsPerSecond) {

    /** Response from incident creation to first attendance, in minutes. */
    public record Response(double mean, double p50, double p90, double p99) {}

    public record GradeFigures(long calls, long attended, long withinTarget, double withinTargetRate,
                               Response responseMinutes) {}

    /** {@code workload}: share of the simulated time after warm-up that the unit was committed. */
    public record UnitFigures(String id, double workload) {}

    public double workloadSum() {
        return units.stream().mapToDouble(UnitFigures::workload).sum();
    }
}
