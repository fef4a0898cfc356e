package vigil.core.refusals;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.Grade.I;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.auditDivert;
import static vigil.core.story.Acts.challengeOverride;
import static vigil.core.story.Acts.clear;
import static vigil.core.story.Acts.close;
import static vigil.core.story.Acts.createIncident;
import static vigil.core.story.Acts.divert;
import static vigil.core.story.Acts.linkCall;
import static vigil.core.story.Acts.makeAvailable;
import static vigil.core.story.Acts.recordCall;
import static vigil.core.story.Acts.regrade;
import static vigil.core.story.Acts.resolveChallengeOn;
import static vigil.core.story.Acts.reviewDivertFrom;
import static vigil.core.story.Acts.standDown;
import static vigil.core.story.Acts.taskReallocation;
import static vigil.core.story.Acts.unit;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.U2;
import static vigil.core.story.ControlRoom.callFor;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.ExpectedEvents.unitAssigned;
import static vigil.core.story.ExpectedEvents.unitStatusChanged;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.core.Command.AuditOutcome;
import vigil.core.Command.UnitStatus;
import vigil.core.Reason;
import vigil.core.story.Act;
import vigil.core.story.ControlRoom;

/**
 * A command that names something that does not exist, or asks for what cannot be, is refused with a reason and
 * changes nothing. The room: CAD-1 (S) with U1 on it, acknowledged; CAD-2 (I) waiting; U2 free; call C9 recorded.
 */
class CommandsThatCannotBeCarriedOutAreRefused {
    private static final String NO_SUCH_INCIDENT = "CAD-404";
    private static final String NO_SUCH_UNIT = "U404";
    private static final String NO_SUCH_CALL = "C404";

    private final ControlRoom room = controlRoom();

    @BeforeEach
    void aQuietMoment() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);
        room.givenIncident(CAD_2, I);
        room.given(recordCall("C9"));
    }

    private void assertRefused(Act act, Reason reason) {
        String before = room.queries().describe();
        room.at(minute(1)).when(act).thenRejected(reason);
        assertThat(room.queries().describe()).as("a refusal changes nothing").isEqualTo(before);
    }

    static Stream<Arguments> unknownIncidents() {
        return Stream.of(
                Arguments.of(linkCall("C9", NO_SUCH_INCIDENT)),
                Arguments.of(regrade(NO_SUCH_INCIDENT).to(I)),
                Arguments.of(assign(U2).to(NO_SUCH_INCIDENT)),
                Arguments.of(divert(U1).to(NO_SUCH_INCIDENT)),
                Arguments.of(unit(U1).acknowledges(NO_SUCH_INCIDENT)),
                Arguments.of(unit(U1).arrivesAt(NO_SUCH_INCIDENT)),
                Arguments.of(clear(U1, NO_SUCH_INCIDENT)),
                Arguments.of(close(NO_SUCH_INCIDENT)),
                Arguments.of(reviewDivertFrom(NO_SUCH_INCIDENT).approve()),
                Arguments.of(challengeOverride(NO_SUCH_INCIDENT)),
                Arguments.of(resolveChallengeOn(NO_SUCH_INCIDENT).allowDivert()),
                Arguments.of(taskReallocation(NO_SUCH_INCIDENT)),
                Arguments.of(auditDivert(NO_SUCH_INCIDENT, AuditOutcome.LEARNING)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownIncidents")
    void anUnknownIncidentIsRefused(Act act) {
        assertRefused(act, Reason.UNKNOWN_INCIDENT);
    }

    static Stream<Arguments> unknownUnits() {
        return Stream.of(
                Arguments.of(assign(NO_SUCH_UNIT).to(CAD_2)),
                Arguments.of(divert(NO_SUCH_UNIT).to(CAD_2)),
                Arguments.of(clear(NO_SUCH_UNIT, CAD_1)),
                Arguments.of(standDown(NO_SUCH_UNIT)),
                Arguments.of(unit(NO_SUCH_UNIT).acknowledges(CAD_1)),
                Arguments.of(unit(NO_SUCH_UNIT).arrivesAt(CAD_1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownUnits")
    void anUnknownUnitIsRefused(Act act) {
        assertRefused(act, Reason.UNKNOWN_UNIT);
    }

    @Test
    void anIncidentCannotBeCreatedFromAnUnknownCall() {
        assertRefused(createIncident("CAD-9", NO_SUCH_CALL, S), Reason.UNKNOWN_CALL);
    }

    @Test
    void anUnknownCallCannotBeLinked() {
        assertRefused(linkCall(NO_SUCH_CALL, CAD_1), Reason.UNKNOWN_CALL);
    }

    @Test
    void aCallIdIsRecordedOnce() {
        assertRefused(recordCall("C9"), Reason.DUPLICATE_ID);
    }

    @Test
    void anIncidentIdIsUsedOnce() {
        assertRefused(createIncident(CAD_1, "C9", S), Reason.DUPLICATE_ID);
    }

    @Test
    void aCommittedUnitCannotBeAssignedElsewhere() {
        assertRefused(assign(U1).to(CAD_2), Reason.UNIT_COMMITTED);
    }

    @Test
    void aCommittedUnitCannotBeAssignedTwiceToTheSameIncident() {
        assertRefused(assign(U1).to(CAD_1), Reason.UNIT_COMMITTED);
    }

    @Test
    void aCommittedUnitCannotBeStoodDown() {
        assertRefused(standDown(U1), Reason.UNIT_COMMITTED);
    }

    @Test
    void aUnitStoodDownCannotBeAssignedUntilItIsAvailableAgain() {
        room.at(minute(1)).when(standDown(U2)).thenEvents(unitStatusChanged(U2, UnitStatus.UNAVAILABLE));

        assertRefused(assign(U2).to(CAD_2), Reason.UNIT_NOT_AVAILABLE);

        room.at(minute(2)).given(makeAvailable(U2));
        room.at(minute(2)).when(assign(U2).to(CAD_2)).thenEvents(unitAssigned(CAD_2, U2));
    }

    static Stream<Arguments> impossibleRequests() {
        return Stream.of(
                Arguments.of("acknowledging an incident the unit is not on", unit(U2).acknowledges(CAD_1)),
                Arguments.of("acknowledging twice", unit(U1).acknowledges(CAD_1)),
                Arguments.of("arriving at an incident the unit is not on", unit(U2).arrivesAt(CAD_2)),
                Arguments.of("clearing a unit that is not on the incident", clear(U2, CAD_1)),
                Arguments.of("diverting a unit that is not committed", divert(U2).to(CAD_2)),
                Arguments.of("diverting a unit to the incident it is on", divert(U1).to(CAD_1)),
                Arguments.of("reviewing when there was no divert", reviewDivertFrom(CAD_1).approve()),
                Arguments.of("challenging when there was no override", challengeOverride(CAD_1)),
                Arguments.of("resolving when there was no challenge", resolveChallengeOn(CAD_1).upholdOverride()),
                Arguments.of("tasking a reallocation nobody asked for", taskReallocation(CAD_1)),
                Arguments.of("auditing an incident with no DIVERT tag", auditDivert(CAD_1, AuditOutcome.LEARNING)),
                Arguments.of("regrading to the grade it has", regrade(CAD_1).to(S)),
                Arguments.of("creating a second incident from one call", createIncident("CAD-9", callFor(CAD_1), S)),
                Arguments.of("linking a call that already has an incident", linkCall(callFor(CAD_2), CAD_1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impossibleRequests")
    void anImpossibleRequestIsRefusedAsInvalidState(String story, Act act) {
        assertRefused(act, Reason.INVALID_STATE);
    }

    static Stream<Arguments> commandsOnAClosedIncident() {
        return Stream.of(
                Arguments.of(assign(U2).to(CAD_2)),
                Arguments.of(divert(U1).to(CAD_2)),
                Arguments.of(close(CAD_2)),
                Arguments.of(regrade(CAD_2).to(S)),
                Arguments.of(linkCall("C9", CAD_2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsOnAClosedIncident")
    void aClosedIncidentTakesNoMoreWork(Act act) {
        room.at(minute(1)).given(close(CAD_2));
        assertRefused(act, Reason.INVALID_STATE);
    }
}
