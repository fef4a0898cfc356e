package vigil.core.engine;

import static vigil.core.Role.CRIME_MANAGER;
import static vigil.core.Role.OIC;
import static vigil.core.Role.RTRD;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vigil.core.Command;
import vigil.core.Command.Explained;
import vigil.core.Command.SchemeDecision;
import vigil.core.Event;
import vigil.core.Event.*;
import vigil.core.Reason;
import vigil.core.Recipient;
import vigil.core.Recorded;
import vigil.core.Role;
import vigil.core.Roster;

/**
 * Special schemes, scheme matching and caller history. The lifecycle the force agreed after 2018: the RTRD activates
 * a complete request; the OIC must tell the victim (every attempt recorded) within {@code victimContactWithin}; a
 * first-stage review goes to the OIC {@code schemeReviewLead} before the end and a second-stage one to the BCU's crime
 * manager {@code secondStageAfter} later; no decision is taken without a contact attempt since the review began; and
 * a scheme is never removed by time alone. Matching uses indexes by E.164 CLI and address key, not scans.
 */
final class Schemes {
    private final Room room;
    private final Map<String, SchemeState> schemes = new LinkedHashMap<>();
    /** Active and withdrawn schemes by CLI and by address key; status is checked on lookup. */
    private final Map<String, List<SchemeState>> byCli = new HashMap<>();
    private final Map<String, List<SchemeState>> byAddress = new HashMap<>();
    private final CallerHistory history;

    Schemes(Room room) {
        this.room = room;
        this.history = new CallerHistory(room.policy);
    }

    // --- commands ------------------------------------------------------------------------------------------------

    void request(Decision d, Command.RequestScheme c) {
        if (!d.permitted(OIC)) {
            return;
        }
        if (schemes.containsKey(c.schemeId())) {
            d.reject(Reason.DUPLICATE_ID, "scheme " + c.schemeId() + " already requested");
            return;
        }
        d.emit(new SchemeRequested(c.schemeId(), c.address(), c.clis(), c.victimName(), c.preferredContact(),
                c.oic(), c.bcu(), c.crimeRef(), c.instructions(), c.requiredGrade()));
    }

    void activate(Decision d, Command.ActivateScheme c) {
        if (!d.permitted(RTRD)) {
            return;
        }
        SchemeState s = scheme(d, c.schemeId());
        if (s == null || !status(d, s, SchemeState.Status.REQUESTED)) {
            return;
        }
        String missing = incompleteness(s);
        if (missing != null) {
            d.reject(Reason.INCOMPLETE_REQUEST, "scheme " + s.id() + ": " + missing);
            return;
        }
        var maxUntil = room.policy.schemeMaxDuration().addTo(d.at, room.policy.zone());
        d.emit(new SchemeActivated(s.id(), maxUntil, firstReviewAt(maxUntil)));
    }

    void reject(Decision d, Command.RejectScheme c) {
        if (!d.permitted(RTRD)) {
            return;
        }
        SchemeState s = scheme(d, c.schemeId());
        if (s == null || !status(d, s, SchemeState.Status.REQUESTED)) {
            return;
        }
        d.emit(new SchemeRejected(s.id(), c.reason()));
    }

    void recordContact(Decision d, Command.RecordVictimContact c) {
        if (!d.permitted(OIC)) {
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
        d.emit(new VictimContactRecorded(s.id(), c.method(), c.outcome(), c.explained(), c.note()));
    }

    void review(Decision d, Command.ReviewScheme c) {
        if (!d.permitted(OIC, CRIME_MANAGER)) {
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
            var maxUntil = room.policy.schemeMaxDuration().addTo(s.maxUntil, room.policy.zone());
            d.emit(new SchemeExtended(s.id(), maxUntil, firstReviewAt(maxUntil), c.note()));
        } else {
            d.emit(new SchemeWithdrawn(s.id(), s.informedSinceReviewBegan(Explained.WITHDRAWAL), c.note()));
        }
    }

    private Instant firstReviewAt(Instant maxUntil) {
        return room.policy.schemeReviewLead().subtractFrom(maxUntil, room.policy.zone());
    }

    private SchemeState scheme(Decision d, String id) {
        SchemeState s = schemes.get(id);
        if (s == null) {
            d.reject(Reason.UNKNOWN_SCHEME, "no scheme " + id);
        }
        return s;
    }

    private static boolean status(Decision d, SchemeState s, SchemeState.Status wanted) {
        return s.status == wanted
                || d.reject(Reason.INVALID_STATE, "scheme " + s.id() + " is " + s.status + ", not " + wanted);
    }

    /** What an RTRD compliance check finds missing from Form 4564, or null when complete. */
    private static String incompleteness(SchemeState s) {
        SchemeRequested f = s.form;
        List<String> missing = new ArrayList<>();
        if (s.addressKey == null && f.clis().isEmpty()) {
            missing.add("an address or a CLI");
        }
        if (!s.unparsedClis.isEmpty()) {
            missing.add("CLIs that are phone numbers (cannot read " + String.join(", ", s.unparsedClis) + ")");
        }
        if (f.preferredContact() == null || f.preferredContact().method().isBlank()) {
            missing.add("the victim's preferred contact method");
        }
        if (blank(f.oic())) {
            missing.add("the OIC");
        }
        if (blank(f.bcu())) {
            missing.add("the BCU");
        }
        if (blank(f.crimeRef())) {
            missing.add("the CRIS reference");
        }
        if (blank(f.instructions())) {
            missing.add("instructions");
        }
        return missing.isEmpty() ? null : "missing " + String.join("; ", missing);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    // --- matching and caller history ----------------------------------------------------------------------------

    /** After a call is recorded: scheme matches, previous schemes, previous contacts, in that order. */
    void matchCall(Decision d, CallState call) {
        Recipient handler = Recipient.staff(d.by().id());
        List<SchemeState> cliSchemes = call.cli == null ? null : byCli.get(call.cli);
        List<SchemeState> addressSchemes = call.addressKey == null ? null : byAddress.get(call.addressKey);
        if (cliSchemes == null && addressSchemes == null) {
            previousContacts(d, call, handler);
            return;
        }
        Set<SchemeState> active = new LinkedHashSet<>();
        Map<SchemeState, MatchedOn> how = new HashMap<>();
        Set<SchemeState> withdrawn = new LinkedHashSet<>();
        collect(cliSchemes, MatchedOn.CLI, active, how, withdrawn, d.at);
        collect(addressSchemes, MatchedOn.ADDRESS, active, how, withdrawn, d.at);
        for (SchemeState s : active) {
            d.emit(new SchemeMatched(call.id, s.id(), how.get(s), s.requiredGrade(), s.form.instructions(), handler));
        }
        for (SchemeState s : withdrawn) {
            if (!active.contains(s)) {
                d.emit(new PreviousSchemeFound(call.id, s.id(), s.withdrawnAt, handler));
            }
        }
        previousContacts(d, call, handler);
    }

    private void previousContacts(Decision d, CallState call, Recipient handler) {
        CallerHistory.Found found = history.earlierContacts(call.id, d.at);
        if (found != null) {
            d.emit(new PreviousContactsFound(call.id, found.callIds(), found.count(), found.domestic(), handler));
        }
    }

    private void collect(List<SchemeState> candidates, MatchedOn on, Set<SchemeState> active,
                         Map<SchemeState, MatchedOn> how, Set<SchemeState> withdrawn, Instant at) {
        if (candidates == null) {
            return;
        }
        Instant cutoff = room.policy.historyWindow().subtractFrom(at, room.policy.zone());
        for (SchemeState s : candidates) {
            if (s.active()) {
                if (active.add(s)) {
                    how.put(s, on);
                }
            } else if (s.status == SchemeState.Status.WITHDRAWN && !s.withdrawnAt.isBefore(cutoff)) {
                withdrawn.add(s);
            }
        }
    }

    /** After an incident is created or regraded: below the required grade of a matched scheme is an alert. */
    void checkGrade(Decision d, IncidentState i) {
        for (String id : i.schemeIds) {
            SchemeState s = schemes.get(id);
            if (i.grade.isBelow(s.requiredGrade())) {
                d.emit(new GradeBelowScheme(i.id, s.id(), s.requiredGrade(), Recipient.role(Role.CONTROLLER, i.bcu)));
            }
        }
    }

    void remember(CallState call, Instant at) {
        history.remember(call.id, at, call.cli, call.addressKey);
    }

    void incidentCreated(String callId, boolean domestic) {
        if (domestic) {
            history.markDomestic(callId);
        }
    }

    // --- applying events -----------------------------------------------------------------------------------------

    void apply(Event e, Instant at) {
        switch (e) {
            case SchemeRequested r -> schemes.put(r.schemeId(), new SchemeState(r));
            case SchemeRejected r -> schemes.get(r.schemeId()).status = SchemeState.Status.REJECTED;
            case SchemeActivated a -> {
                SchemeState s = schemes.get(a.schemeId());
                s.status = SchemeState.Status.ACTIVE;
                s.activatedAt = at;
                startCycle(s, a.maxUntil(), a.firstReviewAt());
                room.arm(room.policy.victimContactWithin().addTo(at, room.policy.zone()),
                        Deadline.Kind.VICTIM_CONTACT, s.id(), 0);
                for (String cli : s.clis) {
                    byCli.computeIfAbsent(cli, k -> new ArrayList<>(1)).add(s);
                }
                if (s.addressKey != null) {
                    byAddress.computeIfAbsent(s.addressKey, k -> new ArrayList<>(1)).add(s);
                }
            }
            case VictimContactRecorded v -> {
                SchemeState s = schemes.get(v.schemeId());
                SchemeState.Contact c = new SchemeState.Contact(at, v.outcome(), v.explained());
                s.contacts.add(c);
                if (s.victimInformedAt == null && c.informed(Explained.SCHEME, Explained.DURATION)) {
                    s.victimInformedAt = at;
                }
            }
            case VictimContactOverdue v -> schemes.get(v.schemeId()).contactOverdue = true;
            case FirstStageReviewSent f -> {
                SchemeState s = schemes.get(f.schemeId());
                s.firstStageSentAt = at;
                s.contactsBeforeReview = s.contacts.size();
                room.arm(room.policy.secondStageAfter().addTo(at, room.policy.zone()),
                        Deadline.Kind.SECOND_STAGE_REVIEW, s.id(), s.cycle);
            }
            case SecondStageReviewSent f -> schemes.get(f.schemeId()).secondStageSent = true;
            case SchemeExtended x -> {
                SchemeState s = schemes.get(x.schemeId());
                s.cycle++;
                startCycle(s, x.maxUntil(), x.firstReviewAt());
            }
            case SchemeWithdrawn w -> {
                SchemeState s = schemes.get(w.schemeId());
                s.status = SchemeState.Status.WITHDRAWN;
                s.withdrawnAt = at;
            }
            case SchemeReviewOverdue o -> schemes.get(o.schemeId()).reviewOverdue = true;
            default -> throw new IllegalArgumentException("not a scheme event: " + e.type());
        }
    }

    private void startCycle(SchemeState s, Instant maxUntil, Instant firstReviewAt) {
        s.maxUntil = maxUntil;
        s.firstReviewAt = firstReviewAt;
        s.firstStageSentAt = null;
        s.secondStageSent = false;
        s.reviewOverdue = false;
        room.arm(firstReviewAt, Deadline.Kind.FIRST_STAGE_REVIEW, s.id(), s.cycle);
        room.arm(maxUntil, Deadline.Kind.SCHEME_END, s.id(), s.cycle);
    }

    // --- deadlines -----------------------------------------------------------------------------------------------

    void fire(Engine engine, Deadline d, Instant at, List<Recorded> out) {
        SchemeState s = schemes.get(d.subject());
        if (s == null) {
            return;
        }
        // The victim must have been told of the scheme within victimContactWithin of activation, whatever became of
        // the scheme since; review deadlines concern an active scheme only.
        if (!s.active() && d.kind() != Deadline.Kind.VICTIM_CONTACT) {
            return;
        }
        switch (d.kind()) {
            case VICTIM_CONTACT -> {
                if (s.victimInformedAt == null && !s.contactOverdue) {
                    engine.record(new VictimContactOverdue(s.id(), s.form.oic(), oic(s)), at, null, out);
                }
            }
            case FIRST_STAGE_REVIEW -> {
                if (s.cycle == d.token() && s.firstStageSentAt == null) {
                    engine.record(new FirstStageReviewSent(s.id(), s.form.oic(), oic(s)), at, null, out);
                }
            }
            case SECOND_STAGE_REVIEW -> {
                if (s.cycle == d.token() && !s.secondStageSent) {
                    String cm = crimeManagerOf(s.form.bcu());
                    Recipient to = cm != null ? Recipient.staff(cm) : Recipient.role(CRIME_MANAGER, s.form.bcu());
                    engine.record(new SecondStageReviewSent(s.id(), cm, to), at, null, out);
                }
            }
            case SCHEME_END -> {
                if (s.cycle == d.token() && !s.reviewOverdue) {
                    engine.record(new SchemeReviewOverdue(s.id(), Recipient.role(CRIME_MANAGER, s.form.bcu())),
                            at, null, out);
                }
            }
            default -> throw new IllegalArgumentException("not a scheme deadline: " + d.kind());
        }
    }

    private static Recipient oic(SchemeState s) {
        return s.form.oic() == null ? Recipient.role(OIC, s.form.bcu()) : Recipient.staff(s.form.oic());
    }

    /** The first crime manager of the BCU on the roster; null when there is none. */
    private String crimeManagerOf(String bcu) {
        for (Roster.StaffMember m : room.staff.values()) {
            if (m.role() == CRIME_MANAGER && bcu != null && bcu.equals(m.bcu())) {
                return m.id();
            }
        }
        return null;
    }

    // --- queries -------------------------------------------------------------------------------------------------

    boolean isActive(String schemeId) {
        SchemeState s = schemes.get(schemeId);
        return s != null && s.active();
    }

    String describe() {
        StringBuilder b = new StringBuilder();
        for (SchemeState s : schemes.values()) {
            b.append(s.id()).append(' ').append(s.status).append(' ').append(s.maxUntil).append(' ')
                    .append(s.firstReviewAt).append(' ').append(s.cycle).append(' ').append(s.firstStageSentAt)
                    .append(' ').append(s.secondStageSent).append(' ').append(s.reviewOverdue).append(' ')
                    .append(s.contactOverdue).append(' ').append(s.victimInformedAt).append(' ')
                    .append(s.contacts.size()).append('\n');
        }
        b.append(history.describe());
        return b.toString();
    }
}
