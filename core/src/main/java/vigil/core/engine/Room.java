package vigil.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import vigil.core.Actor;
import vigil.core.Event;
import vigil.core.Event.*;
import vigil.core.Grade;
import vigil.core.Command.Explained;
import vigil.core.Policy;
import vigil.core.Recipient;
import vigil.core.Role;
import vigil.core.Roster;

/**
 * The control room's live state and the one place it changes: {@link #apply}. Applying the same events to the same
 * roster gives the same state, deadlines included, because deadlines are armed only here.
 */
final class Room {
    final Policy policy;
    final Map<String, Roster.StaffMember> staff = new LinkedHashMap<>();
    /** Staff taken off the roster: their ids stay taken and their commands are refused. */
    final Set<String> removedStaff = new HashSet<>();
    /** Units in roster order: "ties by unit order" and listings rely on it. */
    final Map<String, UnitState> units = new LinkedHashMap<>();
    final Map<String, IncidentState> incidents = new HashMap<>();
    final Map<String, CallState> calls = new HashMap<>();
    final PriorityQueue<Deadline> deadlines = new PriorityQueue<>();
    final Map<String, SchemeState> schemes = new LinkedHashMap<>();
    final SchemeMatching matching = new SchemeMatching(this);
    /** Earlier calls by CLI and address: not a scheme concept, but what the call handler is shown beside one. */
    final CallerHistory history;
    final Retention retention;
    /** Guidance published, in the order it was (Vigil's addition). */
    final Map<String, GuidanceState> guidance = new LinkedHashMap<>();
    private final GuidanceChanges guidanceChanges = new GuidanceChanges(this);
    private long armed;
    long openIncidents;

    Room(Policy policy, Roster roster) {
        this.policy = policy;
        for (Roster.StaffMember s : roster.staff()) {
            staff.put(s.id(), s);
        }
        for (Roster.UnitSpec u : roster.units()) {
            units.put(u.id(), new UnitState(u.id(), u.callSign(), u.bcu(), u.location()));
        }
        this.history = new CallerHistory(policy);
        this.retention = new Retention(this);
    }

    /** Whether {@code id} names, or once named, a member of staff or a unit: staff and units share one set of ids. */
    boolean idTaken(String id) {
        return staff.containsKey(id) || removedStaff.contains(id) || units.containsKey(id);
    }

    /**
     * Who is acting, as the roster knows them: the staff member's role and BCU come from the roster, not from the
     * command. Null when the actor is not on the roster (never added or removed) or is a retired unit.
     */
    Actor onRoster(Actor claimed) {
        if (claimed.role() == Role.UNIT) {
            // A unit unknown to the room speaks only of itself, and is refused UNKNOWN_UNIT for that.
            UnitState u = units.get(claimed.id());
            return u == null || !u.retired ? claimed : null;
        }
        Roster.StaffMember m = staff.get(claimed.id());
        return m == null ? null : m.actor();
    }

    /**
     * A token no deadline has carried before. Deadlines name their subject by id, and ids can come back (after
     * {@code retainClosedFor}), so what a deadline belongs to is told by a token unique in the room's life.
     */
    private long tokens;

    long nextToken() {
        return ++tokens;
    }

    void arm(Instant at, Deadline.Kind kind, String subject, long token) {
        assert deadlines.size() < Deadlines.MAX_PENDING : "over " + Deadlines.MAX_PENDING + " deadlines pending";
        deadlines.add(new Deadline(at, ++armed, kind, subject, token));
    }

    /** Applies one event at instant {@code at}. Exhaustive: a new event type does not compile until handled here. */
    void apply(Event event, Instant at) {
        switch (event) {
            case CallRecorded e -> {
                CallState c = new CallState(e.callId(), at, e.cli(), Addresses.key(e.address()), e.location());
                calls.put(c.id, c);
                history.remember(c.id, at, c.cli, c.addressKey);
                retention.forgetLater(at, c);
            }
            case IncidentCreated e -> {
                IncidentState i = new IncidentState(e.incidentId(), e.callId(), at, e.grade(), e.targetAt(), e.incidentType(),
                        e.domestic(), e.bcu());
                incidents.put(i.id, i);
                openIncidents++;
                i.countdownToken = nextToken();
                CallState c = calls.get(e.callId());
                if (c != null) {
                    c.incidentId = i.id;
                    i.schemeIds = c.schemeIds;
                    i.location = c.location;
                }
                if (Boolean.TRUE.equals(e.domestic())) {
                    history.markDomestic(e.callId());
                }
                Deadlines.armCountdown(this, i);
                startUnresourced(i, at);
            }
            case CallLinked e -> {
                CallState c = calls.get(e.callId());
                IncidentState i = incidents.get(e.incidentId());
                c.incidentId = i.id;
                i.linkedCalls.add(c.id);
                for (String s : c.schemeIds) {
                    if (!i.schemeIds.contains(s)) {
                        i.schemeIds = plus(i.schemeIds, s);
                    }
                }
                if (Boolean.TRUE.equals(i.domestic)) {
                    history.markDomestic(c.id);
                }
            }
            case IncidentRegraded e -> {
                IncidentState i = incidents.get(e.incidentId());
                i.grade = e.grade();
                i.targetAt = e.targetAt();
                i.countdownToken = nextToken();
                i.warningAlerted = false;
                i.breachAlerted = false;
                Deadlines.armCountdown(this, i);
                if (i.unresourcedSince != null && !i.unresourcedAlerted) {
                    armUnresourced(i);
                }
            }
            case IncidentClosed e -> {
                IncidentState i = incidents.get(e.incidentId());
                assert i.open() : "incident " + i.id + " closed twice";
                assert i.committed.isEmpty() : "incident " + i.id + " closed with units committed: " + i.committed;
                i.closed = true;
                i.unresourcedSince = null;
                i.reallocationRequested = false;
                openIncidents--;
                retention.forgetLater(at, i);
            }
            case UnitAssigned e -> {
                UnitState u = units.get(e.unitId());
                if (u.committedTo != null) {
                    release(u, at);
                }
                IncidentState i = incidents.get(e.incidentId());
                assert i.open() : "unit " + u.id + " assigned to closed incident " + i.id;
                assert !u.retired : "retired unit " + u.id + " assigned";
                assert !i.committed.contains(u.id) : "unit " + u.id + " committed twice to " + i.id;
                u.committedTo = i.id;
                u.assignment++;
                u.acknowledged = false;
                u.atScene = false;
                u.unacknowledgedAlerted = false;
                i.committed.add(u.id);
                i.unresourcedSince = null;
                i.unresourcedToken = nextToken();
                i.reallocationRequested = false;
                Deadlines.armAcknowledgement(this, u, at);
            }
            case AssignmentAcknowledged e -> {
                UnitState u = units.get(e.unitId());
                assert e.incidentId().equals(u.committedTo) : "unit " + u.id + " acknowledged where not committed";
                u.acknowledged = true;
            }
            case AssignmentUnacknowledged e -> {
                UnitState u = units.get(e.unitId());
                assert !u.unacknowledgedAlerted : "unacknowledged alert raised twice for unit " + u.id;
                u.unacknowledgedAlerted = true;
            }
            case UnitArrived e -> {
                UnitState u = units.get(e.unitId());
                IncidentState i = incidents.get(e.incidentId());
                assert i.id.equals(u.committedTo) : "unit " + u.id + " arrived at " + i.id + ", not where committed";
                assert !u.atScene : "unit " + u.id + " arrived twice";
                u.atScene = true;
                if (i.location != null) {
                    u.location = i.location;
                }
                if (i.attendedAt == null) {
                    i.attendedAt = at;
                    i.unresourcedSince = null;
                }
            }
            case UnitCleared e -> {
                UnitState u = units.get(e.unitId());
                assert e.incidentId().equals(u.committedTo) : "unit " + u.id + " cleared from where not committed";
                release(u, at);
            }
            case UnitStatusChanged e -> units.get(e.unitId()).status = e.status();
            case UnitDiverted e -> {
                IncidentState from = incidents.get(e.fromIncidentId());
                UnitState u = units.get(e.unitId());
                assert from.id.equals(u.committedTo) : "unit " + u.id + " diverted from where not committed";
                release(u, at);
                if (from.diverts == null) {
                    from.diverts = new ArrayList<>(1);
                }
                assert from.diverts.size() < IncidentState.MAX_DIVERTS : "incident " + from.id + " over its divert bound";
                from.diverts.add(new DivertState(nextToken(), e.unitId(), e.toIncidentId(), at));
            }
            case DivertTagged e -> incidents.get(e.incidentId()).divertTagged = true;
            case DivertReviewRequested e -> {
                IncidentState i = incidents.get(e.incidentId());
                Deadlines.armDivertReview(this, i, i.latestDivert(), at);
            }
            case DivertReviewOverdue e -> reviewOverdue(e);
            case DivertApproved e -> reviewed(e.incidentId(), e.unitId(), vigil.core.Command.DivertDecision.APPROVE);
            case DivertOverridden e -> reviewed(e.incidentId(), e.unitId(), vigil.core.Command.DivertDecision.OVERRIDE);
            case ReallocationRequested e -> incidents.get(e.incidentId()).reallocationRequested = true;
            case ReallocationTasked e -> incidents.get(e.incidentId()).reallocationRequested = false;
            case OverrideChallenged e ->
                    incidents.get(e.incidentId()).overrideOpenToChallenge(e.unitId()).stage = DivertState.Stage.OVERRIDE_CHALLENGED;
            case ChallengeResolved e -> incidents.get(e.incidentId()).challengeAwaitingDecision(e.unitId()).stage =
                    DivertState.Stage.resolved(e.decision());
            case DivertAudited e -> { /* an audit record only: live state does not change */ }
            case UrgentReviewRequested e -> { /* an alert for QART only */ }
            case IncidentUnresourced e -> {
                IncidentState i = incidents.get(e.incidentId());
                assert !i.unresourcedAlerted && i.committed.isEmpty() : "unresourced alert for " + i.id + " wrongly";
                i.unresourcedAlerted = true;
            }
            case AttendanceWarning e -> {
                IncidentState i = incidents.get(e.incidentId());
                assert !i.warningAlerted && !i.attended() : "attendance warning for " + i.id + " twice or attended";
                i.warningAlerted = true;
            }
            case AttendanceBreached e -> {
                IncidentState i = incidents.get(e.incidentId());
                assert !i.breachAlerted && !i.attended() : "attendance breach for " + i.id + " twice or attended";
                i.breachAlerted = true;
            }
            case CommandRejected e -> { /* a refusal changes nothing */ }
            case SchemeRequested e -> schemes.put(e.schemeId(), new SchemeState(e));
            case SchemeRejected e -> schemes.get(e.schemeId()).status = SchemeState.Status.REJECTED;
            case SchemeActivated e -> {
                SchemeState s = schemes.get(e.schemeId());
                s.status = SchemeState.Status.ACTIVE;
                s.activatedAt = at;
                startCycle(s, e.maxUntil(), e.firstReviewAt());
                Deadlines.armVictimContact(this, s, at);
                matching.index(s);
            }
            case VictimContactRecorded e -> {
                SchemeState s = schemes.get(e.schemeId());
                assert s.contacts.size() < SchemeState.MAX_CONTACTS : "scheme " + s.id() + " over its contact bound";
                SchemeState.Contact c = new SchemeState.Contact(at, e.outcome(), e.explained());
                s.contacts.add(c);
                if (s.victimInformedAt == null && c.informed(Explained.SCHEME, Explained.DURATION)) {
                    s.victimInformedAt = at;
                }
            }
            case VictimContactOverdue e -> {
                SchemeState s = schemes.get(e.schemeId());
                assert !s.contactOverdueAlerted && s.victimInformedAt == null : "contact overdue for " + s.id() + " wrongly";
                s.contactOverdueAlerted = true;
            }
            case FirstStageReviewSent e -> {
                SchemeState s = schemes.get(e.schemeId());
                assert s.active() && s.firstStageSentAt == null : "first-stage review for " + s.id() + " wrongly";
                s.firstStageSentAt = at;
                s.contactsBeforeReview = s.contacts.size();
                Deadlines.armSecondStage(this, s, at);
            }
            case SecondStageReviewSent e -> {
                SchemeState s = schemes.get(e.schemeId());
                assert s.active() && !s.secondStageAlerted : "second-stage review for " + s.id() + " wrongly";
                s.secondStageAlerted = true;
            }
            case SchemeExtended e -> {
                SchemeState s = schemes.get(e.schemeId());
                s.cycle++;
                startCycle(s, e.maxUntil(), e.firstReviewAt());
            }
            case SchemeWithdrawn e -> {
                SchemeState s = schemes.get(e.schemeId());
                s.status = SchemeState.Status.WITHDRAWN;
                s.withdrawnAt = at;
            }
            case SchemeReviewOverdue e -> {
                SchemeState s = schemes.get(e.schemeId());
                assert s.active() && !s.reviewOverdueAlerted : "scheme review overdue for " + s.id() + " wrongly";
                s.reviewOverdueAlerted = true;
            }
            case SchemeMatched e -> {
                CallState c = calls.get(e.callId());
                if (c != null) {
                    c.schemeIds = plus(c.schemeIds, e.schemeId());
                }
            }
            case PreviousSchemeFound e -> { /* an alert only */ }
            case PreviousContactsFound e -> { /* an alert only */ }
            case GradeBelowScheme e -> { /* an alert only */ }
            case StaffAdded e -> {
                staff.put(e.staffId(), new Roster.StaffMember(e.staffId(), e.role(), e.bcu()));
                guidanceChanges.staffAdded(e, at);
            }
            case StaffRemoved e -> {
                staff.remove(e.staffId());
                removedStaff.add(e.staffId());
            }
            case UnitAdded e -> units.put(e.unitId(), new UnitState(e.unitId(), e.callSign(), e.bcu(), e.location()));
            case UnitRetired e -> units.get(e.unitId()).retired = true;
            case UnitLocationReported e -> units.get(e.unitId()).location = e.location();
            case GuidancePublished e -> guidanceChanges.published(e, at);
            case GuidanceConfirmed e -> guidanceChanges.confirmed(e, at);
            case GuidanceReminderSent e -> guidanceChanges.reminded(e, at);
        }
    }

    private static List<String> plus(List<String> list, String item) {
        List<String> out = new ArrayList<>(list.size() + 1);
        out.addAll(list);
        out.add(item);
        return List.copyOf(out);
    }

    /** Overdue deadlines fire in the order the diverts were made: the first of this unit's not yet marked. */
    private void reviewOverdue(DivertReviewOverdue e) {
        for (DivertState d : incidents.get(e.incidentId()).diverts()) {
            if (d.awaitingReview() && !d.reviewOverdueAlerted && d.unitId.equals(e.unitId())) {
                d.reviewOverdueAlerted = true;
                return;
            }
        }
        assert false : "divert review overdue raised twice, or for no divert awaiting review: " + e;
    }

    private void reviewed(String incidentId, String unitId, vigil.core.Command.DivertDecision decision) {
        DivertState d = incidents.get(incidentId).divertAwaitingReview(unitId);
        assert d != null : "incident " + incidentId + " has no divert of " + unitId + " awaiting review";
        d.stage = DivertState.Stage.reviewed(decision);
    }

    /** The unit stops being committed; the incident it leaves starts its unresourced clock if it is left bare. */
    private void release(UnitState u, Instant at) {
        IncidentState i = incidents.get(u.committedTo);
        u.committedTo = null;
        u.acknowledged = false;
        u.atScene = false;
        if (i == null) {
            return;
        }
        i.committed.remove(u.id);
        if (i.open() && i.committed.isEmpty() && !i.attended()) {
            startUnresourced(i, at);
        }
    }

    private void startUnresourced(IncidentState i, Instant since) {
        i.unresourcedSince = since;
        i.unresourcedAlerted = false;
        armUnresourced(i);
    }

    private void armUnresourced(IncidentState i) {
        i.unresourcedToken = nextToken();
        Deadlines.armUnresourced(this, i);
    }

    private void startCycle(SchemeState s, Instant maxUntil, Instant firstReviewAt) {
        s.maxUntil = maxUntil;
        s.firstReviewAt = firstReviewAt;
        s.firstStageSentAt = null;
        s.secondStageAlerted = false;
        s.reviewOverdueAlerted = false;
        Deadlines.armCycle(this, s);
    }

    /** Who an incident's alert goes to: {@code role} in the incident's BCU (any BCU when it is not known). */
    Recipient alertTo(String incidentId, Role role) {
        IncidentState i = incidents.get(incidentId);
        return Recipient.role(role, i == null ? null : i.bcu);
    }

    /** Target time for an incident of {@code grade} created at {@code createdAt}; null for a grade with no target. */
    Instant targetAt(Instant createdAt, Grade grade) {
        return policy.targetFor(grade).map(createdAt::plus).orElse(null);
    }
}
