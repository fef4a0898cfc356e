package vigil.core.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.addStaff;
import static vigil.core.story.Acts.addUnit;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.recordCall;
import static vigil.core.story.Acts.removeStaff;
import static vigil.core.story.Acts.retireUnit;
import static vigil.core.story.Acts.reviewDivertFrom;
import static vigil.core.story.Acts.unit;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.ROSTER;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.U3;
import static vigil.core.story.ControlRoom.callHandler;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.despatcher;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.Expected.event;
import static vigil.core.story.ExpectedEvents.assignmentAcknowledged;
import static vigil.core.story.ExpectedEvents.unitArrived;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vigil.core.Actor;
import vigil.core.Location;
import vigil.core.Reason;
import vigil.core.Role;
import vigil.core.engine.Engine;
import vigil.core.engine.Queries;
import vigil.core.engine.Travel;
import vigil.core.story.ControlRoom;

/**
 * The contract's administration commands: an {@code ADMIN} adds and removes staff and units, "a removed member's
 * later commands are NOT_PERMITTED", "a committed unit cannot be retired", and a unit's reported location "changes
 * where it is for the nearest-unit query". The roster, not the command, says what someone may do, and ids are never
 * used twice; the last administrator cannot be removed.
 */
class TheRosterChangesOnlyThroughTheAdministrator {
    private final ControlRoom room = controlRoom();
    private static final Location SCENE = new Location(51.52, -0.12);

    @Test
    void aNewCallHandlerCanTakeCallsOnceAdded() {
        Actor newcomer = Actor.staff("ch2", Role.CALL_HANDLER);
        room.at(minute(0)).when(recordCall("C1").by(newcomer)).thenRejected(Reason.NOT_PERMITTED);

        room.at(minute(1)).when(addStaff("ch2", Role.CALL_HANDLER, "SE"))
                .thenEvents(event("StaffAdded", "staffId", "ch2", "role", Role.CALL_HANDLER, "bcu", "SE"));

        room.at(minute(2)).when(recordCall("C2").by(newcomer)).thenAccepted();
        assertThat(room.queries().staffMember("ch2")).hasValueSatisfying(s -> assertThat(s.role())
                .isEqualTo(Role.CALL_HANDLER));
    }

    @Test
    void aRemovedMembersLaterCommandsAreNotPermitted() {
        room.at(minute(0)).when(removeStaff("ch1")).thenEvents(event("StaffRemoved", "staffId", "ch1"));

        room.at(minute(1)).when(recordCall("C1").by(callHandler())).thenRejected(Reason.NOT_PERMITTED);
        assertThat(room.queries().staffMember("ch1")).isEmpty();
    }

    @Test
    void theRosterNotTheCommandSaysWhatSomeoneMayDo() {
        Actor claimingToControl = new Actor("ch1", Role.CONTROLLER, "SE");
        room.at(minute(0)).givenIncident(CAD_1, S);

        room.at(minute(1)).when(reviewDivertFrom(CAD_1).approve().by(claimingToControl))
                .thenRejected(Reason.NOT_PERMITTED);
    }

    @Test
    void idsAreNeverUsedTwiceForStaffOrUnits() {
        room.at(minute(0)).when(addStaff("ch1", Role.CALL_HANDLER, null)).thenRejected(Reason.DUPLICATE_ID);
        room.at(minute(0)).when(addStaff(U1, Role.DESPATCHER, null)).thenRejected(Reason.DUPLICATE_ID);
        room.at(minute(0)).when(addUnit("dsp1", "MD99", null, null)).thenRejected(Reason.DUPLICATE_ID);
        room.at(minute(0)).when(addUnit(U1, "MD99", null, null)).thenRejected(Reason.DUPLICATE_ID);

        room.at(minute(1)).given(removeStaff("ch1"));
        room.at(minute(2)).when(addStaff("ch1", Role.CALL_HANDLER, null)).thenRejected(Reason.DUPLICATE_ID);
        room.at(minute(2)).when(removeStaff("ch1")).thenRejected(Reason.INVALID_STATE);
    }

    @Test
    void theLastAdministratorStays() {
        room.at(minute(0)).when(removeStaff(ControlRoom.ADMIN.id())).thenRejected(Reason.INVALID_STATE);

        room.at(minute(1)).given(addStaff("adm2", Role.ADMIN, null));
        room.at(minute(2)).when(removeStaff(ControlRoom.ADMIN.id())).thenEvents(event("StaffRemoved", "staffId",
                ControlRoom.ADMIN.id()));
    }

    @Test
    void anAddedUnitIsRecommendedAndCanBeAssigned() {
        room.at(minute(0)).when(addUnit("U4", "MD24", "NW", SCENE)).thenEvents(event("UnitAdded", "unitId", "U4",
                "callSign", "MD24", "bcu", "NW", "location", SCENE));

        assertThat(room.queries().nearestAvailable(SCENE, Travel.byRoad(30, 1.4), 1))
                .extracting(n -> n.unitId()).containsExactly("U4");
        assertThat(room.unitView("U4").bcu()).isEqualTo("NW");
        room.at(minute(1)).givenIncident(CAD_1, S);
        room.at(minute(2)).when(assign("U4").to(CAD_1)).thenAccepted();
    }

    @Test
    void aCommittedUnitCannotBeRetired() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1);

        room.at(minute(1)).when(retireUnit(U1)).thenRejected(Reason.UNIT_COMMITTED);
    }

    @Test
    void aRetiredUnitIsOffTheRosterForGood() {
        room.at(minute(0)).when(retireUnit(U3)).thenEvents(event("UnitRetired", "unitId", U3));
        room.at(minute(1)).givenIncident(CAD_1, S);

        room.at(minute(2)).when(assign(U3).to(CAD_1)).thenRejected(Reason.UNIT_NOT_AVAILABLE);
        room.at(minute(2)).when(unit(U3).reportsItsLocation(SCENE)).thenRejected(Reason.NOT_PERMITTED);
        room.at(minute(2)).when(retireUnit(U3)).thenRejected(Reason.INVALID_STATE);
        room.at(minute(2)).when(addUnit(U3, "MD23", null, null)).thenRejected(Reason.DUPLICATE_ID);
        assertThat(room.queries().units()).extracting(Queries.UnitView::id).containsExactly(U1, "U2");
        assertThat(room.queries().isAvailable(U3)).isFalse();
    }

    @Test
    void aReportedLocationMovesTheUnitForTheNearestUnitQuery() {
        Travel road = Travel.byRoad(30, 1.4);
        assertThat(room.queries().nearestAvailable(SCENE, road, 1)).extracting(n -> n.unitId()).doesNotContain(U3);

        room.at(minute(0)).when(unit(U3).reportsItsLocation(SCENE))
                .thenEvents(event("UnitLocationReported", "unitId", U3, "location", SCENE));

        assertThat(room.queries().nearestAvailable(SCENE, road, 1)).extracting(n -> n.unitId()).containsExactly(U3);
        assertThat(room.unitView(U3).location()).isEqualTo(SCENE);
    }

    /** "A DESPATCHER may also record a unit's own command for it, as relayed by radio; ... its actor is the despatcher." */
    @Test
    void aDespatcherRecordsWhatTheUnitSaysOverTheRadio() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1);

        room.at(minute(1)).when(unit(U1).acknowledges(CAD_1).by(despatcher()))
                .thenEvents(assignmentAcknowledged(CAD_1, U1));
        assertThat(room.latest()).singleElement().satisfies(r -> assertThat(r.by()).isEqualTo("dsp1"));
        room.at(minute(5)).when(unit(U1).arrivesAt(CAD_1).by(despatcher()))
                .thenEvents(unitArrived(CAD_1, U1, true, true));
        room.at(minute(6)).when(unit(U1).reportsItsLocation(SCENE).by(despatcher())).thenAccepted();
        room.whenTimePasses(Duration.ofHours(2)).thenHistoryHasNo(event("AssignmentUnacknowledged"));
    }

    @Test
    void aRebuiltRoomKnowsTheSameRoster() {
        room.at(minute(0)).given(addStaff("ch2", Role.CALL_HANDLER, "SE"), removeStaff("ch1"),
                addUnit("U4", "MD24", "NW", SCENE), retireUnit(U3), unit("U2").reportsItsLocation(SCENE));

        Engine rebuilt = Engine.rebuild(room.policy(), ROSTER, room.opening(), room.history());

        assertThat(rebuilt.queries().describe()).isEqualTo(room.queries().describe());
        assertThat(rebuilt.queries().nearestAvailable(SCENE, Travel.byRoad(30, 1.4), 2))
                .isEqualTo(room.queries().nearestAvailable(SCENE, Travel.byRoad(30, 1.4), 2));
    }
}
