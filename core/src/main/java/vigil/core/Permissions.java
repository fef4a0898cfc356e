package vigil.core;

import static vigil.core.Role.ADMIN;
import static vigil.core.Role.CALL_HANDLER;
import static vigil.core.Role.CONTROLLER;
import static vigil.core.Role.CRIME_MANAGER;
import static vigil.core.Role.DESPATCHER;
import static vigil.core.Role.DUTY_OFFICER;
import static vigil.core.Role.INSPECTOR;
import static vigil.core.Role.OIC;
import static vigil.core.Role.QA_REVIEWER;
import static vigil.core.Role.RTRD;
import static vigil.core.Role.UNIT;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import vigil.core.Command.AcknowledgeAssignment;
import vigil.core.Command.ActivateScheme;
import vigil.core.Command.AddStaff;
import vigil.core.Command.AddUnit;
import vigil.core.Command.ArriveAtScene;
import vigil.core.Command.AssignUnit;
import vigil.core.Command.ChallengeOverride;
import vigil.core.Command.ClearUnit;
import vigil.core.Command.CloseIncident;
import vigil.core.Command.ConfirmGuidance;
import vigil.core.Command.CreateIncident;
import vigil.core.Command.DivertUnit;
import vigil.core.Command.LinkCall;
import vigil.core.Command.PublishGuidance;
import vigil.core.Command.RecordCall;
import vigil.core.Command.RecordDivertAudit;
import vigil.core.Command.RecordVictimContact;
import vigil.core.Command.Regrade;
import vigil.core.Command.RejectScheme;
import vigil.core.Command.RemoveStaff;
import vigil.core.Command.ReportUnitLocation;
import vigil.core.Command.RequestScheme;
import vigil.core.Command.RequestUrgentReview;
import vigil.core.Command.ResolveChallenge;
import vigil.core.Command.RetireUnit;
import vigil.core.Command.ReviewDivert;
import vigil.core.Command.ReviewScheme;
import vigil.core.Command.SetUnitStatus;
import vigil.core.Command.TaskReallocation;

/**
 * Which roles may send each command: the engine's one table (scenario.md's command list). The engine refuses anyone
 * else {@code NOT_PERMITTED}; the pages read the same table to offer each role only the forms it may send. Some
 * commands narrow it further as they are decided: a unit acts for its own unit only, guidance is confirmed by those
 * it is for (every role of staff may hold it), a crime manager reviews the schemes of their own BCU.
 */
public final class Permissions {
    /** The roles that despatch: they assign, divert, clear, close and set a unit's status. */
    public static final Set<Role> DESPATCH_ROLES = Set.copyOf(EnumSet.of(DESPATCHER, CONTROLLER, INSPECTOR));

    private static final Map<Class<? extends Command>, Set<Role>> SENDERS = Map.ofEntries(
            Map.entry(RecordCall.class, Set.of(CALL_HANDLER)),
            Map.entry(CreateIncident.class, Set.of(CALL_HANDLER)),
            Map.entry(LinkCall.class, Set.of(CALL_HANDLER)),
            Map.entry(Regrade.class, Set.of(CALL_HANDLER, CONTROLLER)),
            Map.entry(AssignUnit.class, DESPATCH_ROLES),
            Map.entry(DivertUnit.class, DESPATCH_ROLES),
            Map.entry(AcknowledgeAssignment.class, Set.of(UNIT, DESPATCHER)),
            Map.entry(ArriveAtScene.class, Set.of(UNIT, DESPATCHER)),
            Map.entry(ClearUnit.class, Set.of(UNIT, DESPATCHER, CONTROLLER, INSPECTOR)),
            Map.entry(CloseIncident.class, DESPATCH_ROLES),
            Map.entry(SetUnitStatus.class, DESPATCH_ROLES),
            Map.entry(ReviewDivert.class, Set.of(CONTROLLER)),
            Map.entry(ChallengeOverride.class, Set.of(DESPATCHER)),
            Map.entry(ResolveChallenge.class, Set.of(DUTY_OFFICER)),
            Map.entry(TaskReallocation.class, Set.of(INSPECTOR)),
            Map.entry(RecordDivertAudit.class, Set.of(QA_REVIEWER)),
            Map.entry(RequestUrgentReview.class, Set.of(INSPECTOR, DUTY_OFFICER)),
            Map.entry(RequestScheme.class, Set.of(OIC)),
            Map.entry(ActivateScheme.class, Set.of(RTRD)),
            Map.entry(RejectScheme.class, Set.of(RTRD)),
            Map.entry(RecordVictimContact.class, Set.of(OIC)),
            Map.entry(ReviewScheme.class, Set.of(OIC, CRIME_MANAGER)),
            Map.entry(PublishGuidance.class, Set.of(ADMIN, DUTY_OFFICER)),
            Map.entry(ConfirmGuidance.class, Set.copyOf(EnumSet.complementOf(EnumSet.of(UNIT)))),
            Map.entry(AddStaff.class, Set.of(ADMIN)),
            Map.entry(RemoveStaff.class, Set.of(ADMIN)),
            Map.entry(AddUnit.class, Set.of(ADMIN)),
            Map.entry(RetireUnit.class, Set.of(ADMIN)),
            Map.entry(ReportUnitLocation.class, Set.of(UNIT, DESPATCHER)));

    private Permissions() {}

    /** The roles that may send a command of this type. Every command type has its entry (a test walks them all). */
    public static Set<Role> senders(Class<? extends Command> type) {
        Set<Role> roles = SENDERS.get(type);
        if (roles == null) {
            throw new IllegalArgumentException("no senders are named for " + type.getSimpleName());
        }
        return roles;
    }

    /** Whether {@code role} may send a command of this type (before what the command itself narrows). */
    public static boolean may(Role role, Class<? extends Command> type) {
        return senders(type).contains(role);
    }
}
