package vigil.core.countdown;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.Grade.E;
import static vigil.core.Grade.I;
import static vigil.core.Grade.R;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.clear;
import static vigil.core.story.Acts.unit;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.U2;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.ExpectedEvents.incidentUnresourced;
import static vigil.core.story.ExpectedEvents.unitAssigned;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.core.Grade;
import vigil.core.story.ControlRoom;

/**
 * An open incident nobody is on its way to must not sit quietly: after the grade's unresourcedAfter (from creation,
 * or from losing its last unit) the despatchers are told, once.
 */
class UnresourcedIncidentsAreFlagged {
    private final ControlRoom room = controlRoom();

    static Stream<Arguments> windows() {
        return Stream.of(Arguments.of(I, Duration.ofMinutes(2)), Arguments.of(S, Duration.ofMinutes(10)),
                Arguments.of(E, Duration.ofHours(4)));
    }

    @ParameterizedTest(name = "{0} after {1}")
    @MethodSource("windows")
    void anIncidentNobodyIsSentToIsFlaggedAfterItsGradesWindowFromCreation(Grade grade, Duration window) {
        room.at(minute(0)).givenIncident(CAD_1, grade);

        room.whenClockReaches(minute(0).plus(window).minusSeconds(1)).thenNothingHappens();
        room.whenClockReaches(minute(0).plus(window))
                .thenEvents(incidentUnresourced(CAD_1).at(minute(0).plus(window)));
    }

    @Test
    void aReferredIncidentHasNoUnresourcedWindow() {
        room.at(minute(0)).givenIncident(CAD_1, R);

        room.whenTimePasses(Duration.ofDays(3)).thenNothingHappens();
        assertThat(room.queries().unresourced()).extracting(v -> v.id()).containsExactly(CAD_1);
    }

    @Test
    void anIncidentWithAUnitIsNotFlagged() {
        room.at(minute(0)).givenIncident(CAD_1, I).assignedTo(U1).acknowledgedBy(U1);

        room.whenClockReaches(minute(10)).thenNothingHappens();
    }

    @Test
    void aUnitAssignedExactlyAtTheDeadlineIsInTime() {
        room.at(minute(0)).givenIncident(CAD_1, I);

        room.at(minute(2)).when(assign(U1).to(CAD_1)).thenEvents(unitAssigned(CAD_1, U1));
        room.at(minute(2)).given(unit(U1).acknowledges(CAD_1));
        room.whenClockReaches(minute(10)).thenNothingHappens();
    }

    @Test
    void theClockRestartsWhenTheIncidentLosesItsLastUnit() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);
        room.at(minute(5)).given(clear(U1, CAD_1));

        room.whenClockReaches(minute(14, 59)).thenNothingHappens();
        room.whenClockReaches(minute(15)).thenEvents(incidentUnresourced(CAD_1).at(minute(15)));
    }

    @Test
    void losingOneOfTwoUnitsLeavesTheIncidentResourced() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1).assignedTo(U2)
                .acknowledgedBy(U2);
        room.at(minute(3)).given(clear(U1, CAD_1));

        room.whenClockReaches(minute(20)).thenNothingHappens();

        room.at(minute(21)).given(clear(U2, CAD_1));
        room.whenClockReaches(minute(31)).thenEvents(incidentUnresourced(CAD_1).at(minute(31)));
    }

    @Test
    void anAttendedIncidentWhoseUnitsHaveClearedIsNotUnresourced() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);
        room.at(minute(8)).given(unit(U1).arrivesAt(CAD_1));
        room.at(minute(30)).given(unit(U1).clearsFrom(CAD_1));

        room.whenClockReaches(minute(120)).thenNothingHappens();
        assertThat(room.queries().unresourced()).isEmpty();
    }

    @Test
    void theAlertIsRaisedOncePerTimeTheIncidentIsLeftBare() {
        room.at(minute(0)).givenIncident(CAD_1, I);
        room.whenClockReaches(minute(2));
        room.at(minute(4)).given(assign(U1).to(CAD_1), unit(U1).acknowledges(CAD_1));
        room.at(minute(5)).given(clear(U1, CAD_1));

        room.whenClockReaches(minute(60))
                .thenEventsInclude(incidentUnresourced(CAD_1).at(minute(7)));
        assertThat(room.history()).filteredOn(r -> r.event().type().equals("IncidentUnresourced")).hasSize(2);
    }

    @Test
    void theQueueListsTheMostUrgentFirstThenTheOldest() {
        room.at(minute(0)).givenIncident(CAD_1, S);
        room.at(minute(1)).givenIncident(CAD_2, I);
        room.at(minute(2)).givenIncident("CAD-3", S);

        assertThat(room.queries().unresourced()).extracting(v -> v.id()).containsExactly(CAD_2, CAD_1, "CAD-3");
    }
}
