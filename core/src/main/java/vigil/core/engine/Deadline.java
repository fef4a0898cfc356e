package vigil.core.engine;

import java.time.Instant;

/**
 * A moment the engine must look at again. Armed when an event is applied; checked against state when it comes due,
 * so a deadline whose condition has gone (or whose {@code token} has been superseded) fires nothing.
 * Ordered by instant, then by the order armed.
 */
record Deadline(Instant at, long armed, Kind kind, String subject, long token) implements Comparable<Deadline> {

    enum Kind {
        ACKNOWLEDGEMENT, DIVERT_REVIEW, UNRESOURCED, ATTENDANCE_WARNING, ATTENDANCE_BREACH,
        VICTIM_CONTACT, FIRST_STAGE_REVIEW, SECOND_STAGE_REVIEW, SCHEME_END,
        /** Housekeeping, not an alert: drop a closed incident (or a call never made an incident) from live state. */
        FORGET_INCIDENT, FORGET_CALL
    }

    @Override
    public int compareTo(Deadline o) {
        int c = at.compareTo(o.at);
        return c != 0 ? c : Long.compare(armed, o.armed);
    }
}
