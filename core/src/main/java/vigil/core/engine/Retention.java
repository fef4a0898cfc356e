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
    record Forget(Instant queuedAt, Object what) {}

    /** Read and refilled by the snapshot codec. */
    final ArrayDeque<Forget> forgets = new ArrayDeque<>();
    private Instant headForgetDue;

    void forgetLater(Instant at, Object what) {
        if (room.policy.retainClosedFor() != null) {
            forgets.addLast(new Forget(at, what));
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
            switch (f.what()) {
                case IncidentState i -> forgetIncident(i);
                case CallState call -> forgetCall(call);
                default -> throw new IllegalStateException("cannot forget " + f.what());
            }
        }
    }

    /** Removes a closed incident, and its calls, from live state. Housekeeping: no event. */
    private void forgetIncident(IncidentState i) {
        if (room.incidents.get(i.id) != i || i.open()) {
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
