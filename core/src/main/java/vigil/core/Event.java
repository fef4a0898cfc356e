package vigil.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What happened, in the past tense. Events are the record: the engine's state is whatever applying them in order
 * gives, so each carries everything needed to rebuild it. Optional fields are {@code null} when absent.
 * Alerts carry {@code notifies}: who must see them.
 */
public sealed interface Event {

    /** The event's type name as printed in replay output. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** Alerts name who must see them. */
    sealed interface Alert extends Event {
        Recipient notifies();
    }

    // --- calls and incidents -------------------------------------------------------------------------------------

    record CallRecorded(String callId, String cli, String address, Location location, Command.CallerKind caller,
                        String narrative) implements Event {}

    record IncidentCreated(String incidentId, String callId, Grade grade, Instant targetAt, String incidentType,
                           Boolean domestic, String bcu) implements Event {}

    record CallLinked(String callId, String incidentId) implements Event {}

    record IncidentRegraded(String incidentId, Grade grade, Instant targetAt, String reason) implements Event {}

    record IncidentClosed(String incidentId, String disposition) implements Event {}

    // --- despatch --------------------------------------------------------------------------------------------------

    record UnitAssigned(String incidentId, String unitId) implements Event {}

    record AssignmentAcknowledged(String incidentId, String unitId) implements Event {}

    record AssignmentUnacknowledged(String incidentId, String unitId, Recipient notifies) implements Alert {}

    record UnitArrived(String incidentId, String unitId, boolean firstAttendance, Boolean withinTarget)
            implements Event {}

    record UnitCleared(String incidentId, String unitId) implements Event {}

    record UnitStatusChanged(String unitId, Command.UnitStatus status) implements Event {}

    // --- divert protocol -----------------------------------------------------------------------------------------

    /** Ids incident first, unit last, as every event names them; replay lines keep the contract's field order. */
    record UnitDiverted(String fromIncidentId, String toIncidentId, String unitId, String reason) implements Event {}

    record DivertTagged(String incidentId) implements Event {}

    record DivertReviewRequested(String incidentId, String toIncidentId, String unitId, Recipient notifies)
            implements Alert {}

    record DivertReviewOverdue(String incidentId, String unitId, Recipient notifies) implements Alert {}

    record DivertApproved(String incidentId, String unitId, String note) implements Event {}

    record DivertOverridden(String incidentId, String unitId, String note) implements Event {}

    record ReallocationRequested(String incidentId, Recipient notifies) implements Alert {}

    /** The inspector tasks despatch: an alert to the BCU's despatchers until a unit is assigned or it closes. */
    record ReallocationTasked(String incidentId, String note, Recipient notifies) implements Alert {}

    record OverrideChallenged(String incidentId, String unitId, String note, Recipient notifies) implements Alert {}

    record ChallengeResolved(String incidentId, String unitId, Command.ChallengeDecision decision, String note)
            implements Event {}

    record DivertAudited(String incidentId, Command.AuditOutcome outcome, String note) implements Event {}

    /** QART is asked to review this divert first; {@code to} names the role addressed. */
    record UrgentReviewRequested(String incidentId, String note, Role to, Recipient notifies) implements Alert {}

    // --- countdowns ------------------------------------------------------------------------------------------------

    record IncidentUnresourced(String incidentId, Recipient notifies) implements Alert {}

    record AttendanceWarning(String incidentId, Instant targetAt, Recipient notifies) implements Alert {}

    record AttendanceBreached(String incidentId, Instant targetAt, Recipient notifies) implements Alert {}

    // --- refusals --------------------------------------------------------------------------------------------------

    /** A command refused. {@code step} is the driver's reference for the command (a scenario's step index). */
    record CommandRejected(long step, String command, Reason reason, String detail) implements Event {
        public CommandRejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    // --- special schemes -----------------------------------------------------------------------------------------

    record SchemeRequested(String schemeId, String address, List<String> clis, String victimName,
                           Command.ContactPreference preferredContact, String oic, String bcu, String crimeRef,
                           String instructions, Grade requiredGrade) implements Event {}

    record SchemeRejected(String schemeId, String reason) implements Event {}

    record SchemeActivated(String schemeId, Instant maxUntil, Instant firstReviewAt) implements Event {}

    record VictimContactRecorded(String schemeId, String method, Command.ContactOutcome outcome,
                                 Set<Command.Explained> explained, String note) implements Event {}

    record VictimContactOverdue(String schemeId, String oic, Recipient notifies) implements Alert {}

    record FirstStageReviewSent(String schemeId, String to, Recipient notifies) implements Alert {}

    record SecondStageReviewSent(String schemeId, String to, Recipient notifies) implements Alert {}

    record SchemeExtended(String schemeId, Instant maxUntil, Instant firstReviewAt, String note) implements Event {}

    record SchemeWithdrawn(String schemeId, boolean victimInformed, String note) implements Event {}

    record SchemeReviewOverdue(String schemeId, Recipient notifies) implements Alert {}

    /** A call's CLI or address matches an active scheme. */
    record SchemeMatched(String callId, String schemeId, MatchedOn matchedOn, Grade requiredGrade,
                         String instructions, Recipient notifies) implements Alert {}

    enum MatchedOn { CLI, ADDRESS }

    /** A call matches a scheme withdrawn within the history window: the marker is gone. */
    record PreviousSchemeFound(String callId, String schemeId, Instant withdrawnAt, Recipient notifies)
            implements Alert {}

    /**
     * Earlier calls within the history window share the CLI or address: {@code callIds} names the most recent of them
     * (at most {@link #MOST_RECENT}, in time order), {@code count} all of them; {@code domestic} if any led to a
     * domestic incident.
     */
    record PreviousContactsFound(String callId, List<String> callIds, int count, boolean domestic,
                                 Recipient notifies) implements Alert {
        public static final int MOST_RECENT = 20;

        public PreviousContactsFound {
            callIds = List.copyOf(callIds);
            if (callIds.size() > MOST_RECENT || callIds.size() > count || callIds.isEmpty()) {
                throw new IllegalArgumentException(callIds.size() + " call ids for " + count + " contacts");
            }
        }
    }

    record GradeBelowScheme(String incidentId, String schemeId, Grade requiredGrade, Recipient notifies)
            implements Alert {}

    // --- guidance (Vigil's addition) --------------------------------------------------------------------------------

    /** Guidance for everyone holding one of {@code roles}: each must confirm it has been read and understood. */
    record GuidancePublished(String guidanceId, String title, String text, List<Role> roles) implements Event {
        public GuidancePublished {
            roles = List.copyOf(roles);
        }
    }

    /** {@code staffId} has read and understood the guidance. */
    record GuidanceConfirmed(String guidanceId, String staffId) implements Event {}

    /**
     * The daily reminder of guidance some of those it is for have not confirmed: {@code unconfirmed} names them, in
     * roster order.
     */
    record GuidanceReminderSent(String guidanceId, List<String> unconfirmed) implements Event {
        public GuidanceReminderSent {
            unconfirmed = List.copyOf(unconfirmed);
        }
    }

    // --- administration ------------------------------------------------------------------------------------------

    record StaffAdded(String staffId, Role role, String bcu) implements Event {}

    record StaffRemoved(String staffId) implements Event {}

    record UnitAdded(String unitId, String callSign, String bcu, Location location) implements Event {}

    record UnitRetired(String unitId) implements Event {}

    record UnitLocationReported(String unitId, Location location) implements Event {}
}
