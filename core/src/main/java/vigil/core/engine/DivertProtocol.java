package vigil.core.engine;

import static vigil.core.Role.CONTROLLER;
import static vigil.core.Role.DESPATCHER;
import static vigil.core.Role.DUTY_OFFICER;
import static vigil.core.Role.INSPECTOR;
import static vigil.core.Role.QA_REVIEWER;

import vigil.core.Command.ChallengeDecision;
import vigil.core.Command.ChallengeOverride;
import vigil.core.Command.DivertDecision;
import vigil.core.Command.DivertUnit;
import vigil.core.Command.RecordDivertAudit;
import vigil.core.Command.RequestUrgentReview;
import vigil.core.Command.ResolveChallenge;
import vigil.core.Command.ReviewDivert;
import vigil.core.Command.TaskReallocation;
import vigil.core.Event.ChallengeResolved;
import vigil.core.Event.DivertApproved;
import vigil.core.Event.DivertAudited;
import vigil.core.Event.DivertOverridden;
import vigil.core.Event.DivertReviewRequested;
import vigil.core.Event.DivertTagged;
import vigil.core.Event.OverrideChallenged;
import vigil.core.Event.ReallocationRequested;
import vigil.core.Event.ReallocationTasked;
import vigil.core.Event.UnitAssigned;
import vigil.core.Event.UnitDiverted;
import vigil.core.Event.UrgentReviewRequested;
import vigil.core.Reason;
import vigil.core.Recipient;

/**
 * The divert protocol the force agreed after 2018: a divert tags the original incident and asks a controller to
 * review it; the controller approves (the inspector then gets another unit tasked) or overrides (the unit goes back);
 * a despatcher may challenge an override to the duty officer; QA audits the record. No step can be skipped by the
 * engine: the original incident is never left without either a unit or a visible request for one.
 */
final class DivertProtocol {
    private DivertProtocol() {}

    static void divert(Decision d, DivertUnit c) {
        if (!d.permitted()) {
            return;
        }
        UnitState u = d.unit(c.unitId());
        if (u == null) {
            return;
        }
        IncidentState to = d.incident(c.toIncidentId());
        if (to == null || !d.open(to)) {
            return;
        }
        if (!u.committed()) {
            d.reject(Reason.INVALID_STATE, "unit " + u.id + " is not committed: assign it instead");
            return;
        }
        if (u.committedTo.equals(to.id)) {
            d.reject(Reason.INVALID_STATE, "unit " + u.id + " is already committed to " + to.id);
            return;
        }
        String from = u.committedTo;
        if (d.room.incidents.get(from).diverts().size() >= IncidentState.MAX_DIVERTS) {
            d.reject(Reason.INVALID_STATE, "incident " + from + " has had " + IncidentState.MAX_DIVERTS
                    + " diverts, the most one incident may have");
            return;
        }
        d.emit(new UnitDiverted(from, to.id, u.id, c.reason()));
        d.emit(new DivertTagged(from));
        d.emit(new UnitAssigned(to.id, u.id));
        d.emit(new DivertReviewRequested(from, to.id, u.id, d.room.alertTo(from, CONTROLLER)));
    }

    static void review(Decision d, ReviewDivert c) {
        if (!d.permitted()) {
            return;
        }
        IncidentState i = d.incident(c.incidentId());
        if (i == null) {
            return;
        }
        DivertState v = i.divertAwaitingReview(c.unitId());
        if (v == null) {
            d.reject(Reason.INVALID_STATE, "incident " + i.id + " has no divert awaiting review"
                    + (c.unitId() == null ? "" : " for unit " + c.unitId()));
            return;
        }
        if (c.decision() == DivertDecision.APPROVE) {
            d.emit(new DivertApproved(i.id, v.unitId, c.note()));
            requestReallocationIfBare(d, i);
            return;
        }
        if (!d.open(i)) {
            return;
        }
        d.emit(new DivertOverridden(i.id, v.unitId, c.note()));
        sendBack(d, v.unitId, v.toIncidentId, i);
    }

    static void challenge(Decision d, ChallengeOverride c) {
        if (!d.permitted()) {
            return;
        }
        IncidentState i = d.incident(c.incidentId());
        if (i == null) {
            return;
        }
        DivertState v = i.overrideOpenToChallenge(c.unitId());
        if (v == null) {
            d.reject(Reason.INVALID_STATE, "incident " + i.id + " has no override open to challenge"
                    + (c.unitId() == null ? "" : " for unit " + c.unitId()));
            return;
        }
        d.emit(new OverrideChallenged(i.id, v.unitId, c.note(), d.room.alertTo(i.id, DUTY_OFFICER)));
    }

    static void resolve(Decision d, ResolveChallenge c) {
        if (!d.permitted()) {
            return;
        }
        IncidentState i = d.incident(c.incidentId());
        if (i == null) {
            return;
        }
        DivertState v = i.challengeAwaitingDecision(c.unitId());
        if (v == null) {
            d.reject(Reason.INVALID_STATE, "incident " + i.id + " has no challenge awaiting a decision"
                    + (c.unitId() == null ? "" : " for unit " + c.unitId()));
            return;
        }
        d.emit(new ChallengeResolved(i.id, v.unitId, c.decision(), c.note()));
        if (c.decision() == ChallengeDecision.ALLOW_DIVERT) {
            // The divert stands again: the unit returns to the incident it was diverted to if it is still on the
            // original (or free); that incident asks for nobody, as no divert was made from it.
            IncidentState to = d.room.incidents.get(v.toIncidentId);
            if (to != null && to.open()) {
                moveBackIfWhereLeft(d, v.unitId, i.id, to);
            }
            requestReallocationIfBare(d, i);
        }
    }

    static void taskReallocation(Decision d, TaskReallocation c) {
        if (!d.permitted()) {
            return;
        }
        IncidentState i = d.incident(c.incidentId());
        if (i == null) {
            return;
        }
        if (!i.reallocationRequested) {
            d.reject(Reason.INVALID_STATE, "incident " + i.id + " has no reallocation awaiting tasking");
            return;
        }
        d.emit(new ReallocationTasked(i.id, c.note(), d.room.alertTo(i.id, DESPATCHER)));
    }

    static void audit(Decision d, RecordDivertAudit c) {
        if (!d.permitted()) {
            return;
        }
        IncidentState i = d.incident(c.incidentId());
        if (i == null) {
            return;
        }
        if (!i.divertTagged) {
            d.reject(Reason.INVALID_STATE, "incident " + i.id + " has no DIVERT tag to audit");
            return;
        }
        d.emit(new DivertAudited(i.id, c.outcome(), c.note()));
    }

    static void urgentReview(Decision d, RequestUrgentReview c) {
        if (!d.permitted()) {
            return;
        }
        IncidentState i = d.incident(c.incidentId());
        if (i == null) {
            return;
        }
        if (!i.divertTagged) {
            d.reject(Reason.INVALID_STATE, "incident " + i.id + " has no DIVERT tag for QART to review");
            return;
        }
        d.emit(new UrgentReviewRequested(i.id, c.note(), QA_REVIEWER, Recipient.role(QA_REVIEWER)));
    }

    /**
     * Moves the unit to {@code dest} if it is still where the divert (or override) left it, or free; otherwise the
     * destination keeps its own countdown and, if bare, asks for reallocation.
     */
    private static void sendBack(Decision d, String unitId, String expectedAt, IncidentState dest) {
        if (!moveBackIfWhereLeft(d, unitId, expectedAt, dest)) {
            requestReallocationIfBare(d, dest);
        }
    }

    /** Assigns the unit to {@code dest} if it is at {@code expectedAt} or free; true when it is on {@code dest}. */
    private static boolean moveBackIfWhereLeft(Decision d, String unitId, String expectedAt, IncidentState dest) {
        UnitState u = d.room.units.get(unitId);
        if (dest.id.equals(u.committedTo)) {
            return true;
        }
        if (u.free() || expectedAt.equals(u.committedTo)) {
            d.emit(new UnitAssigned(dest.id, u.id));
            return true;
        }
        return false;
    }

    /**
     * A divert stands: if the original is open with no unit, the inspector must get one tasked, unless a request
     * for it is already waiting for the inspector (one open request is the visible need; a second would be noise).
     */
    private static void requestReallocationIfBare(Decision d, IncidentState i) {
        if (i.open() && i.committed.isEmpty() && !i.reallocationRequested) {
            d.emit(new ReallocationRequested(i.id, d.room.alertTo(i.id, INSPECTOR)));
        }
    }
}
