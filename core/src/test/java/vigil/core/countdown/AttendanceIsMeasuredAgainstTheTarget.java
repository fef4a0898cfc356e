package vigil.core.countdown;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.Grade.I;
import static vigil.core.Grade.R;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.unit;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.U2;
import static vigil.core.story.ControlRoom.callFor;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.ExpectedEvents.attendanceBreached;
import static vigil.core.story.ExpectedEvents.attendanceWarning;
import static vigil.core.story.ExpectedEvents.callRecorded;
import static vigil.core.story.ExpectedEvents.incidentCreated;
import static vigil.core.story.ExpectedEvents.unitArrived;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vigil.core.story.Acts;
import vigil.core.story.ControlRoom;

/**
 * Target time is creation plus the grade's target. The despatchers are warned when 75% of it has passed with nobody
 * at scene, the controller when it has all passed; the first arrival stops the countdown and says whether it was
 * within target. A unit arriving exactly at the target time is within target.
 */
class AttendanceIsMeasuredAgainstTheTarget {
    private final ControlRoom room = controlRoom();

    @Test
    void theTargetIsCreationPlusTheGradesTarget() {
        room.at(minute(0)).given(Acts.recordCall(callFor(CAD_1)));

        room.at(minute(1)).when(Acts.createIncident(CAD_1, callFor(CAD_1), S))
                .thenEvents(incidentCreated(CAD_1, S, minute(61)).at(minute(1)).with("callId", callFor(CAD_1)));
    }

    @Test
    void aReferredIncidentHasNoTarget() {
        room.at(minute(0)).when(Acts.recordCall(callFor(CAD_1))).thenEvents(callRecorded(callFor(CAD_1)));

        room.when(Acts.createIncident(CAD_1, callFor(CAD_1), R)).thenEvents(incidentCreated(CAD_1, R, null));
    }

    @Test
    void theWarningComesAtThreeQuartersAndTheBreachAtTheTarget() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);

        room.whenClockReaches(minute(44, 59)).thenNothingHappens();
        room.whenClockReaches(minute(45)).thenEvents(attendanceWarning(CAD_1, minute(60)).at(minute(45)));
        room.whenClockReaches(minute(59, 59)).thenNothingHappens();
        room.whenClockReaches(minute(60)).thenEvents(attendanceBreached(CAD_1, minute(60)).at(minute(60)));
        room.whenTimePasses(Duration.ofDays(2)).thenNothingHappens();
    }

    @Test
    void anImmediateIncidentIsWarnedAtElevenMinutesFifteen() {
        room.at(minute(0)).givenIncident(CAD_1, I).assignedTo(U1).acknowledgedBy(U1);

        room.whenClockReaches(minute(15))
                .thenEvents(attendanceWarning(CAD_1, minute(15)).at(minute(11, 15)),
                        attendanceBreached(CAD_1, minute(15)).at(minute(15)));
    }

    @Test
    void arrivalWithinTargetStopsTheCountdown() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);

        room.at(minute(30)).when(unit(U1).arrivesAt(CAD_1)).thenEvents(unitArrived(CAD_1, U1, true, true));
        room.whenTimePasses(Duration.ofDays(3)).thenNothingHappens();
        assertThat(room.incident(CAD_1).attendedAt()).isEqualTo(minute(30));
    }

    @Test
    void arrivalExactlyAtTheTargetIsWithinTarget() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);
        room.whenClockReaches(minute(50));

        room.at(minute(60)).when(unit(U1).arrivesAt(CAD_1)).thenEvents(unitArrived(CAD_1, U1, true, true));
        room.whenTimePasses(Duration.ofHours(2)).thenNothingHappens();
    }

    @Test
    void arrivalAfterTheTargetIsOutsideIt() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);

        room.at(minute(60, 1)).when(unit(U1).arrivesAt(CAD_1))
                .thenEvents(attendanceWarning(CAD_1, minute(60)).at(minute(45)),
                        attendanceBreached(CAD_1, minute(60)).at(minute(60)),
                        unitArrived(CAD_1, U1, true, false).at(minute(60, 1)));
    }

    @Test
    void onlyTheFirstArrivalIsTheAttendance() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1).assignedTo(U2)
                .acknowledgedBy(U2);
        room.at(minute(20)).given(unit(U1).arrivesAt(CAD_1));

        room.at(minute(70)).when(unit(U2).arrivesAt(CAD_1)).thenEvents(unitArrived(CAD_1, U2, false, false));
        assertThat(room.incident(CAD_1).attendedAt()).isEqualTo(minute(20));
    }

    @Test
    void arrivalAtAReferredIncidentHasNoTargetToBeWithin() {
        room.at(minute(0)).givenIncident(CAD_1, R).assignedTo(U1).acknowledgedBy(U1);

        room.at(minute(300)).when(unit(U1).arrivesAt(CAD_1)).thenEvents(unitArrived(CAD_1, U1, true, null));
    }
}
