package vigil.core.engine;

import static vigil.core.Role.CRIME_MANAGER;
import static vigil.core.Role.OIC;
import static vigil.core.Role.RTRD;

import java.time.Instant;
import vigil.core.Command;
import vigil.core.Command.Explained;
import vigil.core.Command.SchemeDecision;
import vigil.core.Event.SchemeActivated;
import vigil.core.Event.SchemeExtended;
import vigil.core.Event.SchemeRejected;
import vigil.core.Event.SchemeRequested;
import vigil.core.Event.SchemeWithdrawn;
import vigil.core.Event.VictimContactRecorded;
import vigil.core.Reason;

/**
 * The special-scheme lifecycle the force agreed after 2018: the OIC requests a scheme (Form 4564); the RTRD activates
 * a complete request ({@link Form4564}) or rejects it; the OIC records every attempt to contact the victim; a review
 * extends or withdraws the scheme, never without a contact attempt since the review began. A scheme is never removed
 * by time alone. The review and contact deadlines are in {@link Deadlines}.
 */
final class SchemeLifecycle {
    private SchemeLifecycle() {}

    static void request(Decision d, Command.RequestScheme c) {
        if (!d.permitted()) {
            return;
        }
        if (d.room.schemes.containsKey(c.schemeId())) {
            d.reject(Reason.DUPLICATE_ID, "scheme " + c.schemeId() + " already requested");
            return;
        }
        d.emit(new SchemeRequested(c.schemeId(), c.address(), c.clis(), c.victimName(), c.preferredContact(),
                c.oic(), c.bcu(), c.crimeRef(), c.instructions(), c.requiredGrade()));
    }

    static void activate(Decision d, Command.ActivateScheme c) {
        if (!d.permitted()) {
            return;
        }
        SchemeState s = scheme(d, c.schemeId());
        if (s == null || !status(d, s, SchemeState.Status.REQUESTED)) {
            return;
        }
        String missing = Form4564.whatIsMissing(s);
        if (missing != null) {
            d.reject(Reason.INCOMPLETE_REQUEST, "scheme " + s.id() + ": " + missing);
            return;
        }
        var maxUntil = d.room.policy.schemeMaxDuration().addTo(d.at, d.room.policy.zone());
        d.emit(new SchemeActivated(s.id(), maxUntil, firstReviewAt(d, maxUntil)));
    }

    static void reject(Decision d, Command.RejectScheme c) {
        if (!d.permitted()) {
            return;
        }
        SchemeState s = scheme(d, c.schemeId());
        if (s == null || !status(d, s, SchemeState.Status.REQUESTED)) {
            return;
        }
        d.emit(new SchemeRejected(s.id(), c.reason()));
    }

    static void recordContact(Decision d, Command.RecordVictimContact c) {
        if (!d.permitted()) {
            return;
        }
        SchemeState s = scheme(d, c.schemeId());
        if (s == null) {
            return;
        }
        if (s.status != SchemeState.Status.ACTIVE && s.status != SchemeState.Status.WITHDRAWN) {
            d.reject(Reason.INVALID_STATE, "scheme " + s.id() + " is " + s.status + ": there is no scheme to tell "
                    + "the victim about");
            return;
        }
        if (s.contacts.size() >= SchemeState.MAX_CONTACTS) {
            d.reject(Reason.INVALID_STATE, "scheme " + s.id() + " has " + SchemeState.MAX_CONTACTS
                    + " contact attempts recorded, the most one scheme may have");
            return;
        }
        d.emit(new VictimContactRecorded(s.id(), c.method(), c.outcome(), c.explained(), c.note()));
    }

    static void review(Decision d, Command.ReviewScheme c) {
        if (!d.permitted()) {
            return;
        }
        SchemeState s = scheme(d, c.schemeId());
        if (s == null) {
            return;
        }
        if (d.by().role() == CRIME_MANAGER && d.by().bcu() != null && s.form.bcu() != null
                && !d.by().bcu().equals(s.form.bcu())) {
            d.reject(Reason.NOT_PERMITTED, "crime manager " + d.by().id() + " of " + d.by().bcu()
                    + " may not review a scheme of " + s.form.bcu());
            return;
        }
        if (!status(d, s, SchemeState.Status.ACTIVE)) {
            return;
        }
        if (s.firstStageSentAt == null) {
            // The contract's rule read as written: no first-stage review yet, so no attempt since it.
            d.reject(Reason.VICTIM_NOT_CONTACTED, "scheme " + s.id() + " is not under review until "
                    + s.firstReviewAt + ": a decision needs a contact attempt recorded after the first-stage review");
            return;
        }
        if (!s.attemptedSinceReviewBegan()) {
            d.reject(Reason.VICTIM_NOT_CONTACTED, "no contact attempt with the victim has been recorded since the "
                    + "first-stage review on " + s.firstStageSentAt);
            return;
        }
        if (c.decision() == SchemeDecision.EXTEND) {
            var maxUntil = d.room.policy.schemeMaxDuration().addTo(s.maxUntil, d.room.policy.zone());
            d.emit(new SchemeExtended(s.id(), maxUntil, firstReviewAt(d, maxUntil), c.note()));
        } else {
            d.emit(new SchemeWithdrawn(s.id(), s.informedSinceReviewBegan(Explained.WITHDRAWAL), c.note()));
        }
    }

    private static Instant firstReviewAt(Decision d, Instant maxUntil) {
        return d.room.policy.schemeReviewLead().subtractFrom(maxUntil, d.room.policy.zone());
    }

    private static SchemeState scheme(Decision d, String id) {
        SchemeState s = d.room.schemes.get(id);
        if (s == null) {
            d.reject(Reason.UNKNOWN_SCHEME, "no scheme " + id);
        }
        return s;
    }

    private static boolean status(Decision d, SchemeState s, SchemeState.Status wanted) {
        return s.status == wanted
                || d.reject(Reason.INVALID_STATE, "scheme " + s.id() + " is " + s.status + ", not " + wanted);
    }
}
