package vigil.sim.simulate;

/**
 * Wall-clock time since a run began, for the timing figures and progress only: nothing a run decides depends on it.
 * The one place the simulator reads a real clock.
 */
public final class Stopwatch {
    private final long startNanos;

    private Stopwatch(long startNanos) {
        this.startNanos = startNanos;
    }

    public static Stopwatch start() {
        return new Stopwatch(System.nanoTime());
    }

    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
