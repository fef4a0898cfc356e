package vigil.sim.report;

/**
 * The projection as rows, for a follower that keeps it in database tables (the server's read tables): what
 * {@link Daris#drainChanges} hands out to save and {@link Daris.Loader} takes back, to go on from where it was or to
 * answer a report over the rows a period needs. Instants are nanoseconds since the epoch, {@link #NONE} when absent.
 * The {@code data} of diverts and schemes is the projection's own JSON: read it back only through {@link Daris.Loader}.
 */
public final class Rows {
    /** An absent instant. */
    public static final long NONE = Nanos.NONE;

    private Rows() {}

    /**
     * An incident: {@code row} is its place in creation order; {@code incidentId} is null once no report could list
     * it; {@code flags} holds the latest grade's ordinal in its low two bits and whether it was attended (4), closed
     * unattended (8), regraded (16), tagged (32) and is still open (64); {@code grades} its grade history when
     * regraded ("at GRADE targetAt;…"), else null.
     */
    public record Incident(int row, String incidentId, String bcu, long createdAt, long targetAt, long endAt,
                           long flags, long taggedAt, String grades) {
        /** Still open: later events can change it. */
        public boolean open() {
            return (flags & 64) != 0;
        }

        /** The grade it has now (its latest). */
        public vigil.core.Grade grade() {
            return vigil.core.Grade.values()[(int) (flags & 3)];
        }
    }

    /**
     * A call: {@code incidentRow} is the row of the incident it became or was linked to, -1 while it waits for one,
     * -2 when it never will; {@code waitingCallId} its id while it waits.
     */
    public record Call(int row, long recordedAt, int incidentRow, String waitingCallId) {}

    /** A divert (its place in the divert list, in time order), its original incident's row, when it was made. */
    public record Divert(int index, int originalRow, String incidentId, long at, String data) {}

    /** An activated scheme (its place in activation order). */
    public record Scheme(int index, String schemeId, String bcu, long activatedAt, String data) {}

    /**
     * What changed since the last drain, and where the projection stands: the last event fed ({@code lastSeq},
     * {@code lastAt}) and its small state ({@code state}: scheme requests not yet decided), to save in the same
     * transaction as the rows.
     */
    public record Changes(java.util.List<Incident> incidents, java.util.List<Call> calls,
                          java.util.List<Divert> diverts, java.util.List<Scheme> schemes, long lastSeq, long lastAt,
                          String state) {
        public boolean isEmpty() {
            return incidents.isEmpty() && calls.isEmpty() && diverts.isEmpty() && schemes.isEmpty();
        }
    }
}
