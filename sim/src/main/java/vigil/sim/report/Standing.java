package vigil.sim.report;

import static vigil.sim.report.Nanos.NONE;

import vigil.core.Grade;

/**
 * An incident as it stood at the end of a period ({@code to}): the facts by then, and what the contract derives
 * from them. Nothing here is a flag someone had to remember to set: "breached" is computed from the target and
 * the attendance or closing. Instants are nanoseconds ({@link Nanos}); {@code id} is null when no longer kept.
 */
record Standing(String id, String bcu, Grade grade, long createdAt, long targetAt, long attendedAt, long closedAt,
                boolean divertTagged, long to) {

    enum Outcome {
        /** Attended at or before its target. */
        WITHIN_TARGET,
        /** Attended late; closed unattended after its target; or unattended with its target passed. */
        BREACHED,
        /** Closed unattended by its target: no attendance was due any more. */
        CLOSED_UNATTENDED,
        /** Open, unattended, its target still ahead. */
        NOT_YET_DUE,
        /** No attendance target (R). */
        NO_TARGET
    }

    boolean attended() {
        return attendedAt != NONE;
    }

    Outcome outcome() {
        if (targetAt == NONE) {
            return Outcome.NO_TARGET;
        }
        if (attendedAt != NONE) {
            return attendedAt <= targetAt ? Outcome.WITHIN_TARGET : Outcome.BREACHED;
        }
        if (closedAt != NONE) {
            // Closed at the very target instant: the closing ran before the breach would have fired.
            return closedAt <= targetAt ? Outcome.CLOSED_UNATTENDED : Outcome.BREACHED;
        }
        return targetAt <= to ? Outcome.BREACHED : Outcome.NOT_YET_DUE;
    }

    boolean breached() {
        return outcome() == Outcome.BREACHED;
    }

    /** For a breached incident: from its target to attendance, to closing (which stops the clock), or to the end. */
    long lateByNanos() {
        long end = attendedAt != NONE ? attendedAt : closedAt != NONE ? closedAt : to;
        return end - targetAt;
    }

    /** Creation to first attendance, for an attended incident. */
    long responseNanos() {
        return attendedAt - createdAt;
    }
}
