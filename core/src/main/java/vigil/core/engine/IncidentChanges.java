package vigil.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vigil.core.Command.DivertDecision;
import vigil.core.Event.*;
import vigil.core.Roster;

/**
 * The part of {@link Room#apply} that changes calls, incidents, units, diverts and the roster: one method per event,
 * called from that one switch only, each asserting what must hold before it (TigerBeetle-style).
 */
final class IncidentChanges {
    private final Room room;

    IncidentChanges(Room room) {
        this.room = room;
    }

    void callRecorded(CallRecorded e, Instant at) {
        CallState c = new CallState(e.callId(), at, e.cli(), Addresses.key(e.address()), e.location());
        room.calls.put(c.id, c);
        room.history.remember(c.id, at, c.cli, c.addressKey);
        room.retention.forgetLater(at, c);
    }

    void incidentCreated(IncidentCreated e, Instant at) {
        IncidentState i = new IncidentState(e.incidentId(), e.callId(), at, e.grade(), e.targetAt(), e.incidentType(),
                e.domestic(), e.bcu());
        room.incidents.put(i.id, i);
        room.openIncidents++;
        i.countdownToken = room.nextToken();
        CallState c = room.calls.get(e.callId());
        if (c != null) {
            c.incidentId = i.id;
            i.schemeIds = c.schemeIds;
            i.location = c.location;
        }
        if (Boolean.TRUE.equals(e.domestic())) {
            room.history.markDomestic(e.callId());
        }
        Deadlines.armCountdown(room, i);
        startUnresourced(i, at);
    }

    void callLinked(CallLinked e) {
        CallState c = room.calls.get(e.callId());
        IncidentState i = room.incidents.get(e.incidentId());
        c.incidentId = i.id;
        i.linkedCalls.add(c.id);
        for (String s : c.schemeIds) {
            if (!i.schemeIds.contains(s)) {
                i.schemeIds = plus(i.schemeIds, s);
            }
        }
        if (Boolean.TRUE.equals(i.domestic)) {
            room.history.markDomestic(c.id);
        }
    }

    void regraded(IncidentRegraded e) {
        IncidentState i = room.incidents.get(e.incidentId());
        i.grade = e.grade();
        i.targetAt = e.targetAt();
        i.countdownToken = room.nextToken();
        i.warningAlerted = false;
        i.breachAlerted = false;
        Deadlines.armCountdown(room, i);
        if (i.unresourcedSince != null && !i.unresourcedAlerted) {
            armUnresourced(i);
        }
    }

    void closed(IncidentClosed e, Instant at) {
        IncidentState i = room.incidents.get(e.incidentId());
        assert i.open() : "incident " + i.id + " closed twice";
        assert i.committed.isEmpty() : "incident " + i.id + " closed with units committed: " + i.committed;
        i.closed = true;
        i.unresourcedSince = null;
        i.reallocationRequested = false;
        room.openIncidents--;
        room.retention.forgetLater(at, i);
    }

    void assigned(UnitAssigned e, Instant at) {
        UnitState u = room.units.get(e.unitId());
        if (u.committedTo != null) {
            release(u, at);
        }
        IncidentState i = room.incidents.get(e.incidentId());
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
        i.unresourcedToken = room.nextToken();
        i.reallocationRequested = false;
        i.reallocationTasked = false;
        Deadlines.armAcknowledgement(room, u, at);
        room.finder.changed(u);
    }

    void acknowledged(AssignmentAcknowledged e) {
        UnitState u = room.units.get(e.unitId());
        assert e.incidentId().equals(u.committedTo) : "unit " + u.id + " acknowledged where not committed";
        u.acknowledged = true;
    }

    void unacknowledgedAlerted(AssignmentUnacknowledged e) {
        UnitState u = room.units.get(e.unitId());
        assert !u.unacknowledgedAlerted : "unacknowledged alert raised twice for unit " + u.id;
        u.unacknowledgedAlerted = true;
    }

    void arrived(UnitArrived e, Instant at) {
        UnitState u = room.units.get(e.unitId());
        IncidentState i = room.incidents.get(e.incidentId());
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
        room.finder.moved(u);
    }

    void cleared(UnitCleared e, Instant at) {
        UnitState u = room.units.get(e.unitId());
        assert e.incidentId().equals(u.committedTo) : "unit " + u.id + " cleared from where not committed";
        release(u, at);
        room.finder.changed(u);
    }

    void statusChanged(UnitStatusChanged e) {
        UnitState u = room.units.get(e.unitId());
        u.status = e.status();
        room.finder.changed(u);
    }

    void diverted(UnitDiverted e, Instant at) {
        IncidentState from = room.incidents.get(e.fromIncidentId());
        UnitState u = room.units.get(e.unitId());
        assert from.id.equals(u.committedTo) : "unit " + u.id + " diverted from where not committed";
        release(u, at);
        if (from.diverts == null) {
            from.diverts = new ArrayList<>(1);
        }
        assert from.diverts.size() < IncidentState.MAX_DIVERTS : "incident " + from.id + " over its divert bound";
        from.diverts.add(new DivertState(room.nextToken(), e.unitId(), e.toIncidentId(), at));
        room.finder.changed(u);
    }

    void divertTagged(DivertTagged e) {
        IncidentState i = room.incidents.get(e.incidentId());
        i.divertTagged = true;
        i.divertAudited = false;
    }

    void divertReviewRequested(DivertReviewRequested e, Instant at) {
        IncidentState i = room.incidents.get(e.incidentId());
        Deadlines.armDivertReview(room, i, i.latestDivert(), at);
    }

    /** Overdue deadlines fire in the order the diverts were made: the first of this unit's not yet marked. */
    void divertReviewOverdueAlerted(DivertReviewOverdue e) {
        for (DivertState d : room.incidents.get(e.incidentId()).diverts()) {
            if (d.awaitingReview() && !d.reviewOverdueAlerted && d.unitId.equals(e.unitId())) {
                d.reviewOverdueAlerted = true;
                return;
            }
        }
        assert false : "divert review overdue raised twice, or for no divert awaiting review: " + e;
    }

    void divertReviewed(String incidentId, String unitId, DivertDecision decision, Instant at) {
        IncidentState i = room.incidents.get(incidentId);
        DivertState d = i.divertAwaitingReview(unitId);
        assert d != null : "incident " + incidentId + " has no divert of " + unitId + " awaiting review";
        d.stage = DivertState.Stage.reviewed(decision);
        room.retention.forgetLater(at, i); // a closed incident held for its review (passed over while still owed)
    }

    void divertAudited(DivertAudited e, Instant at) {
        IncidentState i = room.incidents.get(e.incidentId());
        i.divertAudited = true;
        room.retention.forgetLater(at, i); // as for a review: passed over while open (its closing queues it)
    }

    /** ReallocationRequested (true) or ReallocationTasked (false: the inspector has tasked despatch). */
    void reallocationRequested(String incidentId, boolean requested) {
        IncidentState i = room.incidents.get(incidentId);
        i.reallocationRequested = requested;
        i.reallocationTasked |= !requested;
    }

    void overrideChallenged(OverrideChallenged e) {
        room.incidents.get(e.incidentId()).overrideOpenToChallenge(e.unitId()).stage =
                DivertState.Stage.OVERRIDE_CHALLENGED;
    }

    void challengeResolved(ChallengeResolved e) {
        room.incidents.get(e.incidentId()).challengeAwaitingDecision(e.unitId()).stage =
                DivertState.Stage.resolved(e.decision());
    }

    void unresourcedAlerted(IncidentUnresourced e) {
        IncidentState i = room.incidents.get(e.incidentId());
        assert !i.unresourcedAlerted && i.committed.isEmpty() : "unresourced alert for " + i.id + " wrongly";
        i.unresourcedAlerted = true;
    }

    void warningAlerted(AttendanceWarning e) {
        IncidentState i = room.incidents.get(e.incidentId());
        assert !i.warningAlerted && !i.attended() : "attendance warning for " + i.id + " twice or attended";
        i.warningAlerted = true;
    }

    void breachAlerted(AttendanceBreached e) {
        IncidentState i = room.incidents.get(e.incidentId());
        assert !i.breachAlerted && !i.attended() : "attendance breach for " + i.id + " twice or attended";
        i.breachAlerted = true;
    }

    void schemeMatched(SchemeMatched e) {
        CallState c = room.calls.get(e.callId());
        if (c != null) {
            c.schemeIds = plus(c.schemeIds, e.schemeId());
        }
    }

    void staffAdded(StaffAdded e) {
        room.staff.put(e.staffId(), new Roster.StaffMember(e.staffId(), e.role(), e.bcu()));
    }

    void staffRemoved(StaffRemoved e) {
        room.staff.remove(e.staffId());
        room.removedStaff.add(e.staffId());
    }

    void unitAdded(UnitAdded e) {
        UnitState u = new UnitState(e.unitId(), e.callSign(), e.bcu(), e.location());
        room.units.put(u.id, u);
        room.finder.added(u);
    }

    void unitRetired(UnitRetired e) {
        UnitState u = room.units.get(e.unitId());
        u.retired = true;
        room.finder.changed(u);
    }

    void locationReported(UnitLocationReported e) {
        UnitState u = room.units.get(e.unitId());
        u.location = e.location();
        room.finder.moved(u);
    }

    private static List<String> plus(List<String> list, String item) {
        List<String> out = new ArrayList<>(list.size() + 1);
        out.addAll(list);
        out.add(item);
        return List.copyOf(out);
    }

    /** The unit stops being committed; the incident it leaves starts its unresourced clock if it is left bare. */
    private void release(UnitState u, Instant at) {
        IncidentState i = room.incidents.get(u.committedTo);
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
        i.unresourcedToken = room.nextToken();
        Deadlines.armUnresourced(room, i);
    }
}
