package vigil.core.engine;

import static vigil.core.Command.DivertDecision.APPROVE;
import static vigil.core.Command.DivertDecision.OVERRIDE;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import vigil.core.Actor;
import vigil.core.Event;
import vigil.core.Event.*;
import vigil.core.Grade;
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
    /** Free units by place, kept beside the units as they change; built afresh from them when the room is restored. */
    UnitFinder finder;
    /** Guidance published, in the order it was (Vigil's addition). */
    final Map<String, GuidanceState> guidance = new LinkedHashMap<>();
    private final GuidanceChanges guidanceChanges = new GuidanceChanges(this);
    private long armed;
    private final IncidentChanges incidentChanges = new IncidentChanges(this);
    private final SchemeChanges schemeChanges = new SchemeChanges(this);
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
        indexUnits();
    }

    /** (Re)builds the unit finder from the units as they stand. */
    void indexUnits() {
        finder = new UnitFinder(this);
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

    /** The counters that number deadlines and tokens, for a snapshot; and setting them when one is restored. */
    long armed() {
        return armed;
    }

    long tokens() {
        return tokens;
    }

    void restoreCounters(long armedSoFar, long tokensSoFar) {
        armed = armedSoFar;
        tokens = tokensSoFar;
    }

    void arm(Instant at, Deadline.Kind kind, String subject, long token) {
        assert deadlines.size() < Deadlines.MAX_PENDING : "over " + Deadlines.MAX_PENDING + " deadlines pending";
        deadlines.add(new Deadline(at, ++armed, kind, subject, token));
    }

    /**
     * Applies one event at instant {@code at}: the one place live state changes. Exhaustive: a new event type does not
     * compile until handled here. Each case hands the event to the part of the room it changes
     * ({@link IncidentChanges}, {@link SchemeChanges}), whose methods only this switch calls (an architecture test
     * holds them to it).
     */
    void apply(Event event, Instant at) {
        switch (event) {
            case CallRecorded e -> incidentChanges.callRecorded(e, at);
            case IncidentCreated e -> incidentChanges.incidentCreated(e, at);
            case CallLinked e -> incidentChanges.callLinked(e);
            case IncidentRegraded e -> incidentChanges.regraded(e);
            case IncidentClosed e -> incidentChanges.closed(e, at);
            case UnitAssigned e -> incidentChanges.assigned(e, at);
            case AssignmentAcknowledged e -> incidentChanges.acknowledged(e);
            case AssignmentUnacknowledged e -> incidentChanges.unacknowledgedAlerted(e);
            case UnitArrived e -> incidentChanges.arrived(e, at);
            case UnitCleared e -> incidentChanges.cleared(e, at);
            case UnitStatusChanged e -> incidentChanges.statusChanged(e);
            case UnitDiverted e -> incidentChanges.diverted(e, at);
            case DivertTagged e -> incidentChanges.divertTagged(e);
            case DivertReviewRequested e -> incidentChanges.divertReviewRequested(e, at);
            case DivertReviewOverdue e -> incidentChanges.divertReviewOverdueAlerted(e);
            case DivertApproved e -> incidentChanges.divertReviewed(e.incidentId(), e.unitId(), APPROVE, at);
            case DivertOverridden e -> incidentChanges.divertReviewed(e.incidentId(), e.unitId(), OVERRIDE, at);
            case ReallocationRequested e -> incidentChanges.reallocationRequested(e.incidentId(), true);
            case ReallocationTasked e -> incidentChanges.reallocationRequested(e.incidentId(), false);
            case OverrideChallenged e -> incidentChanges.overrideChallenged(e);
            case ChallengeResolved e -> incidentChanges.challengeResolved(e);
            case DivertAudited e -> incidentChanges.divertAudited(e, at);
            case UrgentReviewRequested e -> { /* an alert for QART only */ }
            case IncidentUnresourced e -> incidentChanges.unresourcedAlerted(e);
            case AttendanceWarning e -> incidentChanges.warningAlerted(e);
            case AttendanceBreached e -> incidentChanges.breachAlerted(e);
            case CommandRejected e -> { /* a refusal changes nothing */ }
            case SchemeRequested e -> schemeChanges.requested(e);
            case SchemeRejected e -> schemeChanges.rejected(e);
            case SchemeActivated e -> schemeChanges.activated(e, at);
            case VictimContactRecorded e -> schemeChanges.contactRecorded(e, at);
            case VictimContactOverdue e -> schemeChanges.contactOverdueAlerted(e);
            case FirstStageReviewSent e -> schemeChanges.firstStageSent(e, at);
            case SecondStageReviewSent e -> schemeChanges.secondStageAlerted(e);
            case SchemeExtended e -> schemeChanges.extended(e);
            case SchemeWithdrawn e -> schemeChanges.withdrawn(e, at);
            case SchemeReviewOverdue e -> schemeChanges.reviewOverdueAlerted(e);
            case SchemeMatched e -> incidentChanges.schemeMatched(e);
            case PreviousSchemeFound e -> { /* an alert only */ }
            case PreviousContactsFound e -> { /* an alert only */ }
            case GradeBelowScheme e -> { /* an alert only */ }
            case StaffAdded e -> {
                incidentChanges.staffAdded(e);
                guidanceChanges.staffAdded(e, at);
            }
            case StaffRemoved e -> incidentChanges.staffRemoved(e);
            case UnitAdded e -> incidentChanges.unitAdded(e);
            case UnitRetired e -> incidentChanges.unitRetired(e);
            case UnitLocationReported e -> incidentChanges.locationReported(e);
            case GuidancePublished e -> guidanceChanges.published(e, at);
            case GuidanceConfirmed e -> guidanceChanges.confirmed(e, at);
            case GuidanceReminderSent e -> guidanceChanges.reminded(e, at);
        }
    }

    /** Who an incident's alert goes to: {@code role} in the incident's BCU (any BCU when it is not known). */
    Recipient alertTo(String incidentId, Role role) {
        IncidentState i = incidents.get(incidentId);
        return roleIn(role, i == null ? null : i.bcu);
    }

    /**
     * {@code role} in {@code bcu} while the roster holds someone of that role there, else the role force-wide: an
     * alert is never addressed to nobody (audit 9; a BCU's only controller removed, a force-wide duty officer).
     */
    Recipient roleIn(Role role, String bcu) {
        if (bcu != null) {
            for (Roster.StaffMember m : staff.values()) {
                if (m.role() == role && bcu.equals(m.bcu())) {
                    return Recipient.role(role, bcu);
                }
            }
        }
        return Recipient.role(role);
    }

    /** The member of staff {@code staffId} while on the roster, else {@code role} in {@code bcu} ({@link #roleIn}). */
    Recipient staffOr(String staffId, Role role, String bcu) {
        return staffId != null && staff.containsKey(staffId) ? Recipient.staff(staffId) : roleIn(role, bcu);
    }

    /** Target time for an incident of {@code grade} created at {@code createdAt}; null for a grade with no target. */
    Instant targetAt(Instant createdAt, Grade grade) {
        return policy.targetFor(grade).map(createdAt::plus).orElse(null);
    }
}
