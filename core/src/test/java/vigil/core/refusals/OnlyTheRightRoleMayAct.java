package vigil.core.refusals;

import static vigil.core.Grade.I;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.addStaff;
import static vigil.core.story.Acts.addUnit;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.auditDivert;
import static vigil.core.story.Acts.challengeOverride;
import static vigil.core.story.Acts.clear;
import static vigil.core.story.Acts.close;
import static vigil.core.story.Acts.createIncident;
import static vigil.core.story.Acts.divert;
import static vigil.core.story.Acts.linkCall;
import static vigil.core.story.Acts.recordCall;
import static vigil.core.story.Acts.regrade;
import static vigil.core.story.Acts.removeStaff;
import static vigil.core.story.Acts.requestUrgentReview;
import static vigil.core.story.Acts.retireUnit;
import static vigil.core.story.Acts.resolveChallengeOn;
import static vigil.core.story.Acts.reviewDivertFrom;
import static vigil.core.story.Acts.standDown;
import static vigil.core.story.Acts.taskReallocation;
import static vigil.core.story.Acts.unit;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.U2;
import static vigil.core.story.ControlRoom.U3;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.ControlRoom.staffWith;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Command.AuditOutcome;
import vigil.core.Location;
import vigil.core.Permissions;
import vigil.core.Reason;
import vigil.core.Role;
import vigil.core.story.Act;
import vigil.core.story.Acts;
import vigil.core.story.ControlRoom;

/**
 * Every command names who may give it. Anyone else is refused with NOT_PERMITTED and nothing changes; a unit speaks
 * only for itself. Each case first sets the scene in which the command would be accepted from the right person, and
 * proves that it is, so a refusal cannot be an accident of the scene.
 */
class OnlyTheRightRoleMayAct {

    /** A command, the scene in which it is valid, and the roles the contract lets give it. */
    record Rule(String command, Consumer<ControlRoom> scene, Act act, Set<Role> allowed) {
        @Override
        public String toString() {
            return command;
        }
    }

    private static final Set<Role> DESPATCH = EnumSet.of(Role.DESPATCHER, Role.CONTROLLER, Role.INSPECTOR);

    static List<Rule> rules() {
        return List.of(
                new Rule("RecordCall", room -> { }, recordCall("C9"), EnumSet.of(Role.CALL_HANDLER)),
                new Rule("CreateIncident", room -> room.given(recordCall("C9")), createIncident("CAD-9", "C9", S),
                        EnumSet.of(Role.CALL_HANDLER)),
                new Rule("LinkCall", room -> {
                    room.givenIncident(CAD_1, S);
                    room.given(recordCall("C9"));
                }, linkCall("C9", CAD_1), EnumSet.of(Role.CALL_HANDLER)),
                new Rule("Regrade", room -> room.givenIncident(CAD_1, S), regrade(CAD_1).to(I),
                        EnumSet.of(Role.CALL_HANDLER, Role.CONTROLLER)),
                new Rule("AssignUnit", room -> room.givenIncident(CAD_1, S), assign(U1).to(CAD_1), DESPATCH),
                new Rule("DivertUnit", OnlyTheRightRoleMayAct::unitOnCad1AndCad2Waiting, divert(U1).to(CAD_2),
                        DESPATCH),
                // "A DESPATCHER may also record a unit's own command for it, as relayed by radio."
                new Rule("AcknowledgeAssignment", room -> room.givenIncident(CAD_1, S).assignedTo(U1),
                        unit(U1).acknowledges(CAD_1), EnumSet.of(Role.UNIT, Role.DESPATCHER)),
                new Rule("ArriveAtScene", room -> room.givenIncident(CAD_1, S).assignedTo(U1),
                        unit(U1).arrivesAt(CAD_1), EnumSet.of(Role.UNIT, Role.DESPATCHER)),
                new Rule("ReportUnitLocation", room -> { }, unit(U1).reportsItsLocation(new Location(51.5, -0.1)),
                        EnumSet.of(Role.UNIT, Role.DESPATCHER)),
                new Rule("ClearUnit", room -> room.givenIncident(CAD_1, S).assignedTo(U1), clear(U1, CAD_1),
                        EnumSet.of(Role.UNIT, Role.DESPATCHER, Role.CONTROLLER, Role.INSPECTOR)),
                new Rule("CloseIncident", room -> room.givenIncident(CAD_1, S), close(CAD_1), DESPATCH),
                new Rule("SetUnitStatus", room -> { }, standDown(U1), DESPATCH),
                new Rule("ReviewDivert", OnlyTheRightRoleMayAct::divertAwaitingReview,
                        reviewDivertFrom(CAD_1).approve(), EnumSet.of(Role.CONTROLLER)),
                new Rule("ChallengeOverride", room -> {
                    divertAwaitingReview(room);
                    room.given(reviewDivertFrom(CAD_1).override());
                }, challengeOverride(CAD_1), EnumSet.of(Role.DESPATCHER)),
                new Rule("ResolveChallenge", room -> {
                    divertAwaitingReview(room);
                    room.given(reviewDivertFrom(CAD_1).override(), challengeOverride(CAD_1));
                }, resolveChallengeOn(CAD_1).upholdOverride(), EnumSet.of(Role.DUTY_OFFICER)),
                new Rule("TaskReallocation", room -> {
                    divertAwaitingReview(room);
                    room.given(reviewDivertFrom(CAD_1).approve());
                }, taskReallocation(CAD_1), EnumSet.of(Role.INSPECTOR)),
                new Rule("RecordDivertAudit", OnlyTheRightRoleMayAct::divertAwaitingReview,
                        auditDivert(CAD_1, AuditOutcome.APPROPRIATE), EnumSet.of(Role.QA_REVIEWER)),
                new Rule("RequestUrgentReview", OnlyTheRightRoleMayAct::divertAwaitingReview,
                        requestUrgentReview(CAD_1), EnumSet.of(Role.INSPECTOR, Role.DUTY_OFFICER)),
                new Rule("AddStaff", room -> { }, addStaff("ch2", Role.CALL_HANDLER, "SE"), EnumSet.of(Role.ADMIN)),
                new Rule("RemoveStaff", room -> { }, removeStaff("ch1"), EnumSet.of(Role.ADMIN)),
                new Rule("AddUnit", room -> { }, addUnit("U4", "MD24", "SE", null), EnumSet.of(Role.ADMIN)),
                new Rule("RetireUnit", room -> { }, retireUnit(U3), EnumSet.of(Role.ADMIN)));
    }

    private static void unitOnCad1AndCad2Waiting(ControlRoom room) {
        room.givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);
        room.givenIncident(CAD_2, I);
    }

    private static void divertAwaitingReview(ControlRoom room) {
        unitOnCad1AndCad2Waiting(room);
        room.given(divert(U1).to(CAD_2));
    }

    /**
     * Who gives the command. A unit acting for itself is U1, the unit these commands name. The unit's right to set
     * its own status is a separate story below, so it is left out of the matrix.
     */
    static Stream<Arguments> refusals() {
        List<Arguments> cases = new ArrayList<>();
        for (Rule rule : rules()) {
            for (Role role : Role.values()) {
                boolean unitOwnStatus = role == Role.UNIT && rule.command().equals("SetUnitStatus");
                if (!rule.allowed().contains(role) && !unitOwnStatus) {
                    cases.add(Arguments.of(rule, role));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> permissions() {
        List<Arguments> cases = new ArrayList<>();
        for (Rule rule : rules()) {
            for (Role role : rule.allowed()) {
                cases.add(Arguments.of(rule, role));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} may not {0}")
    @MethodSource("refusals")
    void someoneWithoutTheRoleIsRefused(Rule rule, Role role) {
        ControlRoom room = controlRoom();
        rule.scene().accept(room);
        String before = room.queries().describe();

        room.at(minute(1)).when(rule.act().by(staffWith(role))).thenRejected(Reason.NOT_PERMITTED);

        Assertions.assertThat(room.queries().describe()).as("a refusal changes nothing").isEqualTo(before);
    }

    @ParameterizedTest(name = "{1} may {0}")
    @MethodSource("permissions")
    void someoneWithTheRoleIsHeard(Rule rule, Role role) {
        ControlRoom room = controlRoom();
        rule.scene().accept(room);

        room.at(minute(1)).when(rule.act().by(staffWith(role))).thenAccepted();
    }

    /** The table the pages read to offer each role its forms is the one the engine decides by, and names all. */
    @Test
    void everyCommandNamesWhoMaySendItAndTheTableIsTheContracts() {
        for (Class<?> type : Command.class.getPermittedSubclasses()) {
            if (type.isRecord()) {
                Assertions.assertThat(Permissions.senders(type.asSubclass(Command.class))).as(type.getSimpleName())
                        .isNotEmpty();
            }
        }
        for (Rule rule : rules()) {
            Class<? extends Command> type = Stream.of(Command.class.getPermittedSubclasses())
                    .filter(c -> c.getSimpleName().equals(rule.command())).findFirst().orElseThrow()
                    .asSubclass(Command.class);
            Assertions.assertThat(Permissions.senders(type)).as(rule.command()).isEqualTo(rule.allowed());
        }
    }

    @Test
    void aUnitCannotAcknowledgeForAnotherUnit() {
        ControlRoom room = controlRoom();
        room.givenIncident(CAD_1, S).assignedTo(U1);

        room.at(minute(1)).when(unit(U1).acknowledges(CAD_1).by(Actor.unit(U2))).thenRejected(Reason.NOT_PERMITTED);
    }

    @Test
    void aUnitCannotArriveForAnotherUnit() {
        ControlRoom room = controlRoom();
        room.givenIncident(CAD_1, S).assignedTo(U1);

        room.at(minute(1)).when(unit(U1).arrivesAt(CAD_1).by(Actor.unit(U2))).thenRejected(Reason.NOT_PERMITTED);
    }

    @Test
    void aUnitCannotClearAnotherUnit() {
        ControlRoom room = controlRoom();
        room.givenIncident(CAD_1, S).assignedTo(U1).assignedTo(U3);

        room.at(minute(1)).when(unit(U1).clearsFrom(CAD_1).by(Actor.unit(U3))).thenRejected(Reason.NOT_PERMITTED);
    }

    @Test
    void aUnitCannotAssignItself() {
        ControlRoom room = controlRoom();
        room.givenIncident(CAD_1, S);

        room.at(minute(1)).when(assign(U1).to(CAD_1).by(Actor.unit(U1))).thenRejected(Reason.NOT_PERMITTED);
    }

    /**
     * The contract lets a unit speak for itself only in AcknowledgeAssignment, ArriveAtScene and ClearUnit;
     * SetUnitStatus is a despatch command.
     */
    @Test
    void aUnitCannotStandItselfDown() {
        ControlRoom room = controlRoom();

        room.at(minute(1)).when(Acts.standDown(U1).by(Actor.unit(U1))).thenRejected(Reason.NOT_PERMITTED);
    }
}
