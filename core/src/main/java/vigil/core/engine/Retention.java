package vigil.core.engine;

import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Housekeeping, not an alert: a closed incident (or a call never made an incident) leaves live state
 * {@code retainClosedFor} after it closed (was recorded); only the event log holds it then. No event is recorded.
 */
final class Retention {
    private final Room room;

    Retention(Room room) {
        this.room = room;
    }

    /** The delay is the same for all, so they come due in the order queued: a plain queue serves, not the heap. */
    sealed interface Forget {
        Instant queuedAt();
    }

    /** A closed incident, and its calls, leave live state. */
    record ForgetIncident(Instant queuedAt, IncidentState incident) implements Forget {}

    /** A call never made part of an incident leaves live state. */
    record ForgetCall(Instant queuedAt, CallState call) implements Forget {}

    /** Read and refilled by the snapshot codec. */
    final ArrayDeque<Forget> forgets = new ArrayDeque<>();
    private Instant headForgetDue;

    void forgetLater(Instant closedAt, IncidentState i) {
        if (room.policy.retainClosedFor() != null) {
            forgets.addLast(new ForgetIncident(closedAt, i));
        }
    }

    void forgetLater(Instant recordedAt, CallState c) {
        if (room.policy.retainClosedFor() != null) {
            forgets.addLast(new ForgetCall(recordedAt, c));
        }
    }

    /** Forgets everything due at or before {@code t} (strictly before when not {@code inclusive}). */
    void forgetDue(Instant t, boolean inclusive) {
        Forget f;
        while ((f = forgets.peekFirst()) != null) {
            if (headForgetDue == null) {
                headForgetDue = room.policy.retainClosedFor().addTo(f.queuedAt(), room.policy.zone());
            }
            int c = headForgetDue.compareTo(t);
            if (c > 0 || (c == 0 && !inclusive)) {
                return;
            }
            forgets.pollFirst();
            headForgetDue = null;
            switch (f) {
                case ForgetIncident i -> forgetIncident(i.incident());
                case ForgetCall call -> forgetCall(call.call());
            }
        }
    }

    /**
     * Removes a closed incident, and its calls, from live state. Housekeeping: no event. One whose divert still awaits
     * the controller's review, or whose DIVERT tag QA has not audited, stays: the review and the audit are still owed
     * and accepted; each queues it again when recorded (audit 9).
     */
    private void forgetIncident(IncidentState i) {
        if (room.incidents.get(i.id) != i || i.open() || i.divertAwaitingReview(null) != null
                || (i.divertTagged && !i.divertAudited)) {
            return;
        }
        room.incidents.remove(i.id);
        forgetCallOf(i.callId, i.id);
        for (String c : i.linkedCalls) {
            forgetCallOf(c, i.id);
        }
    }

    private void forgetCallOf(String callId, String incidentId) {
        CallState c = room.calls.get(callId);
        if (c != null && incidentId.equals(c.incidentId)) {
            room.calls.remove(callId);
        }
    }

    /** Removes a call that never became part of an incident. */
    private void forgetCall(CallState c) {
        if (room.calls.get(c.id) == c && c.incidentId == null) {
            room.calls.remove(c.id);
        }
    }
}
