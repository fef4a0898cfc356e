package vigil.core.engine;

import java.time.Instant;

/**
 * A moment the engine must look at again. Armed when an event is applied; checked against state when it comes due,
 * so a deadline whose condition has gone (or whose {@code token} has been superseded) fires nothing.
 * Ordered by instant, then by the order armed.
 */
record Deadline(Instant at, long atNanos, long armed, Kind kind, String subject, long token)
        implements Comparable<Deadline> {

    enum Kind {
        ACKNOWLEDGEMENT, DIVERT_REVIEW, UNRESOURCED, ATTENDANCE_WARNING, ATTENDANCE_BREACH,
        VICTIM_CONTACT, FIRST_STAGE_REVIEW, SECOND_STAGE_REVIEW, SCHEME_END, GUIDANCE_REMINDER
    }

    Deadline(Instant at, long armed, Kind kind, String subject, long token) {
        this(at, nanos(at), armed, kind, subject, token);
    }

    /**
     * Nanoseconds since the epoch: a primitive key, so the queue compares longs, not objects. Instants a long cannot
     * count (before 1677 or after 2262) saturate: such deadlines keep the order they were armed in.
     */
    static long nanos(Instant t) {
        long s = t.getEpochSecond();
        if (s >= MAX_SECONDS) {
            return Long.MAX_VALUE;
        }
        if (s <= -MAX_SECONDS) {
            return Long.MIN_VALUE;
        }
        return s * 1_000_000_000L + t.getNano();
    }

    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;

    @Override
    public int compareTo(Deadline o) {
        int c = Long.compare(atNanos, o.atNanos);
        return c != 0 ? c : Long.compare(armed, o.armed);
    }
}
