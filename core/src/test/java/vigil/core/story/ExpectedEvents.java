package vigil.core.story;

import static vigil.core.story.Expected.event;

import java.time.Instant;
import vigil.core.Command.AuditOutcome;
import vigil.core.Command.ChallengeDecision;
import vigil.core.Grade;
import vigil.core.Reason;

/** The contract's events, by name, with the fields a story usually cares about. */
public final class ExpectedEvents {
    private ExpectedEvents() {}

    public static Expected callRecorded(String callId) {
        return event("CallRecorded", "callId", callId);
    }

    public static Expected incidentCreated(String incidentId, Grade grade, Instant targetAt) {
        return event("IncidentCreated", "incidentId", incidentId, "grade", grade, "targetAt", targetAt);
    }

    public static Expected incidentRegraded(String incidentId, Grade grade, Instant targetAt) {
        return event("IncidentRegraded", "incidentId", incidentId, "grade", grade, "targetAt", targetAt);
    }

    public static Expected unitAssigned(String incidentId, String unitId) {
        return event("UnitAssigned", "incidentId", incidentId, "unitId", unitId);
    }

    public static Expected assignmentAcknowledged(String incidentId, String unitId) {
        return event("AssignmentAcknowledged", "incidentId", incidentId, "unitId", unitId);
    }

    public static Expected assignmentUnacknowledged(String incidentId, String unitId) {
        return event("AssignmentUnacknowledged", "incidentId", incidentId, "unitId", unitId);
    }

    public static Expected unitArrived(String incidentId, String unitId, boolean firstAttendance,
                                       Boolean withinTarget) {
        return event("UnitArrived", "incidentId", incidentId, "unitId", unitId, "firstAttendance", firstAttendance,
                "withinTarget", withinTarget);
    }

    public static Expected unitCleared(String incidentId, String unitId) {
        return event("UnitCleared", "incidentId", incidentId, "unitId", unitId);
    }

    public static Expected incidentClosed(String incidentId) {
        return event("IncidentClosed", "incidentId", incidentId);
    }

    public static Expected unitStatusChanged(String unitId, vigil.core.Command.UnitStatus status) {
        return event("UnitStatusChanged", "unitId", unitId, "status", status);
    }

    public static Expected unitDiverted(String unitId, String fromIncidentId, String toIncidentId) {
        return event("UnitDiverted", "unitId", unitId, "fromIncidentId", fromIncidentId, "toIncidentId",
                toIncidentId);
    }

    public static Expected divertTagged(String incidentId) {
        return event("DivertTagged", "incidentId", incidentId);
    }

    public static Expected divertReviewRequested(String incidentId, String unitId, String toIncidentId) {
        return event("DivertReviewRequested", "incidentId", incidentId, "unitId", unitId, "toIncidentId",
                toIncidentId);
    }

    public static Expected divertReviewOverdue(String incidentId) {
        return event("DivertReviewOverdue", "incidentId", incidentId);
    }

    public static Expected divertApproved(String incidentId) {
        return event("DivertApproved", "incidentId", incidentId);
    }

    public static Expected divertOverridden(String incidentId) {
        return event("DivertOverridden", "incidentId", incidentId);
    }

    public static Expected reallocationRequested(String incidentId) {
        return event("ReallocationRequested", "incidentId", incidentId);
    }

    public static Expected reallocationTasked(String incidentId) {
        return event("ReallocationTasked", "incidentId", incidentId);
    }

    public static Expected overrideChallenged(String incidentId) {
        return event("OverrideChallenged", "incidentId", incidentId);
    }

    public static Expected challengeResolved(String incidentId, ChallengeDecision decision) {
        return event("ChallengeResolved", "incidentId", incidentId, "decision", decision);
    }

    public static Expected divertAudited(String incidentId, AuditOutcome outcome) {
        return event("DivertAudited", "incidentId", incidentId, "outcome", outcome);
    }

    public static Expected incidentUnresourced(String incidentId) {
        return event("IncidentUnresourced", "incidentId", incidentId);
    }

    public static Expected attendanceWarning(String incidentId, Instant targetAt) {
        return event("AttendanceWarning", "incidentId", incidentId, "targetAt", targetAt);
    }

    public static Expected attendanceBreached(String incidentId, Instant targetAt) {
        return event("AttendanceBreached", "incidentId", incidentId, "targetAt", targetAt);
    }

    public static Expected commandRejected(String command, Reason reason) {
        return event("CommandRejected", "command", command, "reason", reason);
    }
}
