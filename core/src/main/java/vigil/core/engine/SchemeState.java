package vigil.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.Explained;
import vigil.core.Event.SchemeRequested;
import vigil.core.Grade;

/** One special scheme from request (Form 4564) to withdrawal. */
final class SchemeState {
    enum Status { REQUESTED, REJECTED, ACTIVE, WITHDRAWN }

    record Contact(Instant at, ContactOutcome outcome, Set<Explained> explained) {
        boolean informed(Explained... what) {
            if (outcome != ContactOutcome.CONTACTED) {
                return false;
            }
            for (Explained e : what) {
                if (!explained.contains(e)) {
                    return false;
                }
            }
            return true;
        }
    }

    final SchemeRequested form;
    /** E.164 numbers of the form's CLIs; those that do not parse are kept in {@link #unparsedClis}. */
    final List<String> clis = new ArrayList<>(2);
    final List<String> unparsedClis = new ArrayList<>(0);
    final String addressKey;
    Status status = Status.REQUESTED;
    Instant activatedAt;
    Instant maxUntil;
    Instant firstReviewAt;
    /** Review cycles: 0 for the first period, +1 for each extension. Deadlines carry the cycle they belong to. */
    long cycle;
    Instant firstStageSentAt;
    /** How many contacts had been recorded when the current cycle's first-stage review was sent. */
    int contactsBeforeReview;
    /** Alerts raised: the second-stage review and the scheme's end in this cycle, the victim not told in time. */
    boolean secondStageAlerted;
    boolean reviewOverdueAlerted;
    boolean contactOverdueAlerted;
    Instant victimInformedAt;
    Instant withdrawnAt;
    final List<Contact> contacts = new ArrayList<>(4);
    /** Bound on contact attempts recorded for one scheme: beyond it, refused (a year of ten a day fits). */
    static final int MAX_CONTACTS = 10_000;

    SchemeState(SchemeRequested form) {
        this.form = form;
        for (String raw : form.clis()) {
            String n = CallerLines.normalise(raw);
            if (CallerLines.isE164(n)) {
                if (!clis.contains(n)) {
                    clis.add(n);
                }
            } else {
                unparsedClis.add(raw);
            }
        }
        this.addressKey = Addresses.key(form.address());
    }

    String id() {
        return form.schemeId();
    }

    Grade requiredGrade() {
        return form.requiredGrade() == null ? Grade.I : form.requiredGrade();
    }

    boolean active() {
        return status == Status.ACTIVE;
    }

    /**
     * A contact attempt of any outcome recorded after the current cycle's first-stage review was sent. "After" is by
     * order of recording, not by instant: a step at the review's very instant runs before the review is sent.
     */
    boolean attemptedSinceReviewBegan() {
        return firstStageSentAt != null && contacts.size() > contactsBeforeReview;
    }

    boolean informedSinceReviewBegan(Explained what) {
        if (firstStageSentAt == null) {
            return false;
        }
        for (int i = contactsBeforeReview; i < contacts.size(); i++) {
            if (contacts.get(i).informed(what)) {
                return true;
            }
        }
        return false;
    }

    /** The scheme's state in one line, for comparing two engines. */
    String describe() {
        return id() + ' ' + status + ' ' + maxUntil + ' ' + firstReviewAt + ' ' + cycle + ' ' + firstStageSentAt + ' '
                + secondStageAlerted + ' ' + reviewOverdueAlerted + ' ' + contactOverdueAlerted + ' ' + victimInformedAt + ' '
                + contacts.size();
    }
}
