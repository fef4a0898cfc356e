package vigil.core.engine;

import java.time.Instant;
import vigil.core.Command.Explained;
import vigil.core.Event.*;

/**
 * The part of {@link Room#apply} that changes special schemes: one method per scheme event, called from that one
 * switch only, each asserting what must hold before it.
 */
final class SchemeChanges {
    private final Room room;

    SchemeChanges(Room room) {
        this.room = room;
    }

    void requested(SchemeRequested e) {
        room.schemes.put(e.schemeId(), new SchemeState(e));
    }

    void rejected(SchemeRejected e) {
        room.schemes.get(e.schemeId()).status = SchemeState.Status.REJECTED;
    }

    void activated(SchemeActivated e, Instant at) {
        SchemeState s = room.schemes.get(e.schemeId());
        s.status = SchemeState.Status.ACTIVE;
        s.activatedAt = at;
        startCycle(s, e.maxUntil(), e.firstReviewAt());
        Deadlines.armVictimContact(room, s, at);
        room.matching.index(s);
    }

    void contactRecorded(VictimContactRecorded e, Instant at) {
        SchemeState s = room.schemes.get(e.schemeId());
        assert s.contacts.size() < SchemeState.MAX_CONTACTS : "scheme " + s.id() + " over its contact bound";
        SchemeState.Contact c = new SchemeState.Contact(at, e.outcome(), e.explained());
        s.contacts.add(c);
        if (s.victimInformedAt == null && c.informed(Explained.SCHEME, Explained.DURATION)) {
            s.victimInformedAt = at;
        }
    }

    void contactOverdueAlerted(VictimContactOverdue e) {
        SchemeState s = room.schemes.get(e.schemeId());
        assert !s.contactOverdueAlerted && s.victimInformedAt == null : "contact overdue for " + s.id() + " wrongly";
        s.contactOverdueAlerted = true;
    }

    void firstStageSent(FirstStageReviewSent e, Instant at) {
        SchemeState s = room.schemes.get(e.schemeId());
        assert s.active() && s.firstStageSentAt == null : "first-stage review for " + s.id() + " wrongly";
        s.firstStageSentAt = at;
        s.contactsBeforeReview = s.contacts.size();
        Deadlines.armSecondStage(room, s, at);
    }

    void secondStageAlerted(SecondStageReviewSent e) {
        SchemeState s = room.schemes.get(e.schemeId());
        assert s.active() && !s.secondStageAlerted : "second-stage review for " + s.id() + " wrongly";
        s.secondStageAlerted = true;
    }

    void extended(SchemeExtended e) {
        SchemeState s = room.schemes.get(e.schemeId());
        s.cycle++;
        startCycle(s, e.maxUntil(), e.firstReviewAt());
    }

    void withdrawn(SchemeWithdrawn e, Instant at) {
        SchemeState s = room.schemes.get(e.schemeId());
        s.status = SchemeState.Status.WITHDRAWN;
        s.withdrawnAt = at;
    }

    void reviewOverdueAlerted(SchemeReviewOverdue e) {
        SchemeState s = room.schemes.get(e.schemeId());
        assert s.active() && !s.reviewOverdueAlerted : "scheme review overdue for " + s.id() + " wrongly";
        s.reviewOverdueAlerted = true;
    }

    private void startCycle(SchemeState s, Instant maxUntil, Instant firstReviewAt) {
        s.maxUntil = maxUntil;
        s.firstReviewAt = firstReviewAt;
        s.firstStageSentAt = null;
        s.secondStageAlerted = false;
        s.reviewOverdueAlerted = false;
        Deadlines.armCycle(room, s);
    }
}
