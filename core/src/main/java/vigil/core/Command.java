package vigil.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What someone in the control room asks the engine to do. Imperative names; every command carries its {@link Actor}.
 * Optional fields are {@code null} when not given. The engine answers each with events: the change it records, or a
 * {@link Event.CommandRejected} naming why not.
 */
public sealed interface Command {

    Actor by();

    /** The command's name as it appears in scenarios and in {@code CommandRejected}. */
    default String name() {
        return getClass().getSimpleName();
    }

    enum CallerKind { VICTIM, THIRD_PARTY, WITNESS, OTHER }

    enum UnitStatus { AVAILABLE, UNAVAILABLE }

    enum DivertDecision { APPROVE, OVERRIDE }

    enum ChallengeDecision { UPHOLD_OVERRIDE, ALLOW_DIVERT }

    enum AuditOutcome { APPROPRIATE, INAPPROPRIATE, LEARNING }

    enum ContactOutcome { CONTACTED, NO_ANSWER, MESSAGE_LEFT, UNSAFE, OTHER }

    enum Explained { SCHEME, DURATION, WITHDRAWAL, EXTENSION }

    enum SchemeDecision { EXTEND, WITHDRAW }

    /** How the victim prefers to be contacted: a method (PHONE, EMAIL, VISIT, ...) and optional detail. */
    record ContactPreference(String method, String detail) {
        public ContactPreference {
            Objects.requireNonNull(method, "method");
        }
    }

    // --- call handling -------------------------------------------------------------------------------------------

    record RecordCall(Actor by, String callId, String cli, String address, Location location, CallerKind caller,
                      String narrative) implements Command {
        public RecordCall {
            Objects.requireNonNull(callId, "callId");
        }
    }

    record CreateIncident(Actor by, String incidentId, String callId, Grade grade, String type, Boolean domestic,
                          String bcu) implements Command {
        public CreateIncident {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(grade, "grade");
        }
    }

    record LinkCall(Actor by, String callId, String incidentId) implements Command {
        public LinkCall {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(incidentId, "incidentId");
        }
    }

    record Regrade(Actor by, String incidentId, Grade grade, String reason) implements Command {
        public Regrade {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(grade, "grade");
        }
    }

    // --- despatch ------------------------------------------------------------------------------------------------

    record AssignUnit(Actor by, String incidentId, String unitId) implements Command {
        public AssignUnit {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(unitId, "unitId");
        }
    }

    record DivertUnit(Actor by, String toIncidentId, String unitId, String reason) implements Command {
        public DivertUnit {
            Objects.requireNonNull(unitId, "unitId");
            Objects.requireNonNull(toIncidentId, "toIncidentId");
        }
    }

    record AcknowledgeAssignment(Actor by, String incidentId, String unitId) implements Command {
        public AcknowledgeAssignment {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(unitId, "unitId");
        }
    }

    record ArriveAtScene(Actor by, String incidentId, String unitId) implements Command {
        public ArriveAtScene {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(unitId, "unitId");
        }
    }

    record ClearUnit(Actor by, String incidentId, String unitId) implements Command {
        public ClearUnit {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(unitId, "unitId");
        }
    }

    record CloseIncident(Actor by, String incidentId, String disposition) implements Command {
        public CloseIncident {
            Objects.requireNonNull(incidentId, "incidentId");
        }
    }

    record SetUnitStatus(Actor by, String unitId, UnitStatus status) implements Command {
        public SetUnitStatus {
            Objects.requireNonNull(unitId, "unitId");
            Objects.requireNonNull(status, "status");
        }
    }

    // --- divert protocol -----------------------------------------------------------------------------------------

    /** Reviews the oldest unreviewed divert from {@code incidentId} (or the one of {@code unitId} when given). */
    record ReviewDivert(Actor by, String incidentId, DivertDecision decision, String note, String unitId)
            implements Command {
        public ReviewDivert {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(decision, "decision");
        }

        public ReviewDivert(Actor by, String incidentId, DivertDecision decision, String note) {
            this(by, incidentId, decision, note, null);
        }
    }

    /** Challenges the latest unchallenged override on {@code incidentId} (the one of {@code unitId} when given). */
    record ChallengeOverride(Actor by, String incidentId, String note, String unitId) implements Command {
        public ChallengeOverride {
            Objects.requireNonNull(incidentId, "incidentId");
        }

        public ChallengeOverride(Actor by, String incidentId, String note) {
            this(by, incidentId, note, null);
        }
    }

    /** Settles the oldest challenge awaiting a decision on {@code incidentId} (the one of {@code unitId} when given). */
    record ResolveChallenge(Actor by, String incidentId, ChallengeDecision decision, String note, String unitId)
            implements Command {
        public ResolveChallenge {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(decision, "decision");
        }

        public ResolveChallenge(Actor by, String incidentId, ChallengeDecision decision, String note) {
            this(by, incidentId, decision, note, null);
        }
    }

    record TaskReallocation(Actor by, String incidentId, String note) implements Command {
        public TaskReallocation {
            Objects.requireNonNull(incidentId, "incidentId");
        }
    }

    record RecordDivertAudit(Actor by, String incidentId, AuditOutcome outcome, String note) implements Command {
        public RecordDivertAudit {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Asks QART to review this incident's divert first. The incident must carry a DIVERT tag. */
    record RequestUrgentReview(Actor by, String incidentId, String note) implements Command {
        public RequestUrgentReview {
            Objects.requireNonNull(incidentId, "incidentId");
        }
    }

    // --- special schemes -----------------------------------------------------------------------------------------

    /** Form 4564. Completeness is the RTRD's check at activation, so missing parts are allowed here. */
    record RequestScheme(Actor by, String schemeId, String address, List<String> clis, String victimName,
                         ContactPreference preferredContact, String oic, String bcu, String crimeRef,
                         String instructions, Grade requiredGrade) implements Command {
        public RequestScheme {
            Objects.requireNonNull(schemeId, "schemeId");
            clis = clis == null ? List.of() : List.copyOf(clis);
        }
    }

    record ActivateScheme(Actor by, String schemeId) implements Command {
        public ActivateScheme {
            Objects.requireNonNull(schemeId, "schemeId");
        }
    }

    record RejectScheme(Actor by, String schemeId, String reason) implements Command {
        public RejectScheme {
            Objects.requireNonNull(schemeId, "schemeId");
        }
    }

    /** {@code explained} iterates in declaration order, so output is deterministic. */
    record RecordVictimContact(Actor by, String schemeId, String method, ContactOutcome outcome,
                               Set<Explained> explained, String note) implements Command {
        public RecordVictimContact {
            Objects.requireNonNull(schemeId, "schemeId");
            Objects.requireNonNull(outcome, "outcome");
            explained = explained == null || explained.isEmpty()
                    ? Collections.unmodifiableSet(EnumSet.noneOf(Explained.class))
                    : Collections.unmodifiableSet(EnumSet.copyOf(explained));
        }
    }

    record ReviewScheme(Actor by, String schemeId, SchemeDecision decision, String note) implements Command {
        public ReviewScheme {
            Objects.requireNonNull(schemeId, "schemeId");
            Objects.requireNonNull(decision, "decision");
        }
    }

    // --- guidance (Vigil's addition: docs/contracts/extensions.md) -------------------------------------------------

    /**
     * Publishes guidance to be read and understood by everyone on the roster holding one of {@code roles} (the SOP the
     * force disseminated "to all staff and responses recorded when the guidance has been read").
     */
    record PublishGuidance(Actor by, String guidanceId, String title, String text, List<Role> roles)
            implements Command {
        public PublishGuidance {
            Objects.requireNonNull(guidanceId, "guidanceId");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
            roles = List.copyOf(roles);
        }
    }

    /** The actor has read and understood the guidance: a recorded response, in the audit chain like any other. */
    record ConfirmGuidance(Actor by, String guidanceId) implements Command {
        public ConfirmGuidance {
            Objects.requireNonNull(guidanceId, "guidanceId");
        }
    }

    // --- administration ------------------------------------------------------------------------------------------

    /** Puts a member of staff on the roster. Ids stay taken: staff and units share one set of ids. */
    record AddStaff(Actor by, String staffId, Role role, String bcu) implements Command {
        public AddStaff {
            Objects.requireNonNull(staffId, "staffId");
            Objects.requireNonNull(role, "role");
        }
    }

    /** Takes a member of staff off the roster: their later commands are refused {@code NOT_PERMITTED}. */
    record RemoveStaff(Actor by, String staffId) implements Command {
        public RemoveStaff {
            Objects.requireNonNull(staffId, "staffId");
        }
    }

    /** Puts a unit on the roster, available. */
    record AddUnit(Actor by, String unitId, String callSign, String bcu, Location location) implements Command {
        public AddUnit {
            Objects.requireNonNull(unitId, "unitId");
        }
    }

    /** Takes an uncommitted unit off the roster for good. */
    record RetireUnit(Actor by, String unitId) implements Command {
        public RetireUnit {
            Objects.requireNonNull(unitId, "unitId");
        }
    }

    /** Where a unit is now, from its AVL or relayed by radio: the nearest-unit query uses it. */
    record ReportUnitLocation(Actor by, String unitId, Location location) implements Command {
        public ReportUnitLocation {
            Objects.requireNonNull(unitId, "unitId");
            Objects.requireNonNull(location, "location");
        }
    }
}
