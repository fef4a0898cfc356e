package vigil.server.demo;

import java.time.Duration;

/**
 * How much faster than real time the demo shift runs: its own durations (the gaps between calls, travel, time at a
 * scene, the staff's thinking) pass {@code factor} times faster on the wall clock. The engine's deadlines (targets,
 * acknowledgement and review windows) are the force's policy and stay on the real clock (docs/adr/101).
 */
record Speed(double factor) {
    static final double SLOWEST = 0.1;
    static final double FASTEST = 1000;

    Speed {
        if (!(factor >= SLOWEST && factor <= FASTEST)) {
            throw new IllegalArgumentException("the demo's speed must be from " + SLOWEST + " to " + (int) FASTEST
                    + ", not " + factor);
        }
    }

    /** How long {@code shiftTime} of the shift's own time takes on the wall clock. */
    Duration onTheWall(Duration shiftTime) {
        return Duration.ofNanos(Math.round(shiftTime.toNanos() / factor));
    }

    /** {@code 10} or {@code 2.5}: as a person would write it. */
    @Override
    public String toString() {
        return factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
    }
}
