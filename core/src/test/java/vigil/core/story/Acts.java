package vigil.core.story;

import static vigil.core.story.ControlRoom.admin;
import static vigil.core.story.ControlRoom.callHandler;
import static vigil.core.story.ControlRoom.controller;
import static vigil.core.story.ControlRoom.despatcher;
import static vigil.core.story.ControlRoom.dutyOfficer;
import static vigil.core.story.ControlRoom.inspector;
import static vigil.core.story.ControlRoom.qaReviewer;

import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Command.AuditOutcome;
import vigil.core.Command.ChallengeDecision;
import vigil.core.Command.DivertDecision;
import vigil.core.Command.UnitStatus;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Role;

/** The commands of the contract, phrased the way the control room says them. Each starts with the usual actor. */
public final class Acts {
    private Acts() {}

    // --- call handling -------------------------------------------------------------------------------------------

    public static Act recordCall(String callId) {
        return new Act(callHandler(), by -> new Command.RecordCall(by, callId, null, null, null, null, null));
    }

    public static Act createIncident(String incidentId, String fromCallId, Grade grade) {
        return new Act(callHandler(),
                by -> new Command.CreateIncident(by, incidentId, fromCallId, grade, null, null, null));
    }

    public static Act linkCall(String callId, String incidentId) {
        return new Act(callHandler(), by -> new Command.LinkCall(by, callId, incidentId));
    }

    public static Regrading regrade(String incidentId) {
        return new Regrading(incidentId);
    }

    public record Regrading(String incidentId) {
        public Act to(Grade grade) {
            return new Act(callHandler(), by -> new Command.Regrade(by, incidentId, grade, "new information"));
        }
    }

    // --- despatch ------------------------------------------------------------------------------------------------

    public static Assigning assign(String unitId) {
        return new Assigning(unitId);
    }

    public record Assigning(String unitId) {
        public Act to(String incidentId) {
            return new Act(despatcher(), by -> new Command.AssignUnit(by, incidentId, unitId));
        }
    }

    public static Diverting divert(String unitId) {
        return new Diverting(unitId);
    }

    public record Diverting(String unitId) {
        public Act to(String incidentId) {
            return new Act(despatcher(),
                    by -> new Command.DivertUnit(by, incidentId, unitId, "more urgent call"));
        }
    }

    /** What a unit does for itself over the radio. */
    public static UnitSpeaking unit(String unitId) {
        return new UnitSpeaking(unitId);
    }

    public record UnitSpeaking(String unitId) {
        public Act acknowledges(String incidentId) {
            return new Act(Actor.unit(unitId), by -> new Command.AcknowledgeAssignment(by, incidentId, unitId));
        }

        public Act arrivesAt(String incidentId) {
            return new Act(Actor.unit(unitId), by -> new Command.ArriveAtScene(by, incidentId, unitId));
        }

        public Act clearsFrom(String incidentId) {
            return new Act(Actor.unit(unitId), by -> new Command.ClearUnit(by, incidentId, unitId));
        }

        public Act reportsItsLocation(Location location) {
            return new Act(Actor.unit(unitId), by -> new Command.ReportUnitLocation(by, unitId, location));
        }
    }

    /** A despatcher clears a unit from an incident. */
    public static Act clear(String unitId, String incidentId) {
        return new Act(despatcher(), by -> new Command.ClearUnit(by, incidentId, unitId));
    }

    public static Act close(String incidentId) {
        return new Act(despatcher(), by -> new Command.CloseIncident(by, incidentId, "dealt with"));
    }

    public static Act standDown(String unitId) {
        return new Act(despatcher(), by -> new Command.SetUnitStatus(by, unitId, UnitStatus.UNAVAILABLE));
    }

    public static Act makeAvailable(String unitId) {
        return new Act(despatcher(), by -> new Command.SetUnitStatus(by, unitId, UnitStatus.AVAILABLE));
    }

    // --- divert protocol -----------------------------------------------------------------------------------------

    public static Reviewing reviewDivertFrom(String incidentId) {
        return new Reviewing(incidentId, null);
    }

    public record Reviewing(String incidentId, String unitId) {
        public Act approve() {
            return new Act(controller(),
                    by -> new Command.ReviewDivert(by, incidentId, DivertDecision.APPROVE, "outweighs", unitId));
        }

        public Act override() {
            return new Act(controller(),
                    by -> new Command.ReviewDivert(by, incidentId, DivertDecision.OVERRIDE, "original at risk", unitId));
        }

        /** The review of the divert of {@code unitId} (the contract's optional {@code unitId}). */
        public Reviewing unit(String unitId) {
            return new Reviewing(incidentId, unitId);
        }
    }

    public static Act challengeOverride(String incidentId) {
        return new Act(despatcher(), by -> new Command.ChallengeOverride(by, incidentId, "knife call first"));
    }

    public static Resolving resolveChallengeOn(String incidentId) {
        return new Resolving(incidentId);
    }

    public record Resolving(String incidentId) {
        public Act upholdOverride() {
            return new Act(dutyOfficer(), by -> new Command.ResolveChallenge(by, incidentId,
                    ChallengeDecision.UPHOLD_OVERRIDE, "controller was right"));
        }

        public Act allowDivert() {
            return new Act(dutyOfficer(), by -> new Command.ResolveChallenge(by, incidentId,
                    ChallengeDecision.ALLOW_DIVERT, "divert stands"));
        }
    }

    public static Act taskReallocation(String incidentId) {
        return new Act(inspector(), by -> new Command.TaskReallocation(by, incidentId, "next free unit"));
    }

    public static Act auditDivert(String incidentId, AuditOutcome outcome) {
        return new Act(qaReviewer(), by -> new Command.RecordDivertAudit(by, incidentId, outcome, "QART review"));
    }

    public static Act requestUrgentReview(String incidentId) {
        return new Act(inspector(), by -> new Command.RequestUrgentReview(by, incidentId, "QART first"));
    }

    // --- administration ------------------------------------------------------------------------------------------

    // --- guidance (Vigil's addition) ------------------------------------------------------------------------------

    /** The duty officer publishes guidance {@code guidanceId} for {@code roles}. */
    public static Act publishGuidance(String guidanceId, Role... roles) {
        return new Act(dutyOfficer(), by -> new Command.PublishGuidance(by, guidanceId, "Diverted units",
                "When a unit is diverted, the original CAD is tagged and the controller reviews the divert.",
                java.util.List.of(roles)));
    }

    /** {@code who} has read and understood guidance {@code guidanceId}. */
    public static Act confirmGuidance(String guidanceId, Actor who) {
        return new Act(who, by -> new Command.ConfirmGuidance(by, guidanceId));
    }

    public static Act addStaff(String staffId, Role role, String bcu) {
        return new Act(admin(), by -> new Command.AddStaff(by, staffId, role, bcu));
    }

    public static Act removeStaff(String staffId) {
        return new Act(admin(), by -> new Command.RemoveStaff(by, staffId));
    }

    public static Act addUnit(String unitId, String callSign, String bcu, Location location) {
        return new Act(admin(), by -> new Command.AddUnit(by, unitId, callSign, bcu, location));
    }

    public static Act retireUnit(String unitId) {
        return new Act(admin(), by -> new Command.RetireUnit(by, unitId));
    }
}
