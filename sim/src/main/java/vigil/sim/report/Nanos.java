package vigil.sim.report;

import java.time.Instant;

/**
 * Instants as nanoseconds since the epoch in a {@code long}: exact, compact, and enough for the years Vigil keeps
 * time for (1900 to 2199; a long holds 1677 to 2262). Instants beyond that saturate. {@link #NONE} means absent.
 */
final class Nanos {
    static final long NONE = Long.MIN_VALUE;
    private static final long MIN = Long.MIN_VALUE + 1;
    private static final long MAX = Long.MAX_VALUE;

    private Nanos() {}

    static long of(Instant t) {
        if (t == null) {
            return NONE;
        }
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? MIN : MAX;
        }
    }

    static Instant instant(long nanos) {
        return nanos == NONE ? null : Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L));
    }

    /** True when {@code t} is present and at or before {@code to}. */
    static boolean byThen(long t, long to) {
        return t != NONE && t <= to;
    }

    /** {@code t} when it happened at or before {@code to}, else {@link #NONE}. */
    static long asOf(long t, long to) {
        return byThen(t, to) ? t : NONE;
    }
}
