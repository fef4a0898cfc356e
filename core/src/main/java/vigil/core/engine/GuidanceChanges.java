package vigil.core.engine;

import java.time.Duration;
import java.time.Instant;
import vigil.core.Event.GuidanceConfirmed;
import vigil.core.Event.GuidancePublished;
import vigil.core.Event.GuidanceReminderSent;
import vigil.core.Event.StaffAdded;

/**
 * How guidance changes as its events are applied (called from {@link Room#apply} only), and its one deadline: a
 * reminder a day after publication, then a day after each reminder, while anyone it is for has not confirmed. A
 * reminder that finds everyone confirmed raises nothing and the chain stops; someone joining the roster with one of its
 * roles after that starts it again, a day after they join.
 */
final class GuidanceChanges {
    /** The seed's SOP: the unconfirmed are reminded daily. */
    static final Duration REMIND_EVERY = Duration.ofDays(1);
    /** Bound on guidance held (published guidance stays, so that its confirmations can be asked for). */
    static final int MAX_GUIDANCE = 100_000;

    private final Room room;

    GuidanceChanges(Room room) {
        this.room = room;
    }

    void published(GuidancePublished e, Instant at) {
        assert room.guidance.size() < MAX_GUIDANCE : "over " + MAX_GUIDANCE + " guidance held";
        GuidanceState g = new GuidanceState(e.guidanceId(), e.title(), e.text(), e.roles(), at);
        room.guidance.put(g.id, g);
        armReminder(g, at);
    }

    void confirmed(GuidanceConfirmed e, Instant at) {
        GuidanceState g = room.guidance.get(e.guidanceId());
        assert !g.confirmed.containsKey(e.staffId()) : e.staffId() + " confirmed guidance " + g.id + " twice";
        g.confirmed.put(e.staffId(), at);
    }

    void reminded(GuidanceReminderSent e, Instant at) {
        armReminder(room.guidance.get(e.guidanceId()), at);
    }

    /**
     * Someone joined who is to read guidance whose reminders have stopped (the last one came due before now and found
     * everyone confirmed): the reminders start again. A reminder due now or later will find the newcomer itself.
     */
    void staffAdded(StaffAdded e, Instant at) {
        for (GuidanceState g : room.guidance.values()) {
            if (g.isFor(e.role()) && g.reminderDueAt.isBefore(at)) {
                armReminder(g, at);
            }
        }
    }

    private void armReminder(GuidanceState g, Instant from) {
        g.reminderToken = room.nextToken();
        g.reminderDueAt = from.plus(REMIND_EVERY);
        room.arm(g.reminderDueAt, Deadline.Kind.GUIDANCE_REMINDER, g.id, g.reminderToken);
    }
}
