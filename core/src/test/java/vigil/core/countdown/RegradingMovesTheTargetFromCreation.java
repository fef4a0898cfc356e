package vigil.core.countdown;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.Grade.E;
import static vigil.core.Grade.I;
import static vigil.core.Grade.R;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.regrade;
import static vigil.core.story.Acts.unit;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.controller;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.ExpectedEvents.attendanceBreached;
import static vigil.core.story.ExpectedEvents.attendanceWarning;
import static vigil.core.story.ExpectedEvents.incidentRegraded;
import static vigil.core.story.ExpectedEvents.incidentUnresourced;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vigil.core.Reason;
import vigil.core.story.ControlRoom;

/**
 * New information changes the grade. The target is recomputed from the incident's creation, not from the regrade,
 * and the warning and breach are re-armed: a warning the new target has already passed is raised at once.
 */
class RegradingMovesTheTargetFromCreation {
    private final ControlRoom room = controlRoom();

    @Test
    void regradingUpRecomputesTheTargetFromCreation() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);

        room.at(minute(12)).when(regrade(CAD_1).to(I)).thenEvents(incidentRegraded(CAD_1, I, minute(15)));
        assertThat(room.incident(CAD_1).targetAt()).isEqualTo(minute(15));
    }

    @Test
    void aWarningTheNewTargetHasPassedIsRaisedAtOnce() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);
        room.at(minute(12)).given(regrade(CAD_1).to(I));

        room.whenClockReaches(minute(12)).thenEvents(attendanceWarning(CAD_1, minute(15)).at(minute(12)));
        room.whenClockReaches(minute(15)).thenEvents(attendanceBreached(CAD_1, minute(15)).at(minute(15)));
    }

    @Test
    void aBreachTheNewTargetHasPassedIsRaisedAtOnceAfterItsWarning() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);
        room.at(minute(20)).given(regrade(CAD_1).to(I));

        room.whenClockReaches(minute(20))
                .thenEvents(attendanceWarning(CAD_1, minute(15)).at(minute(20)),
                        attendanceBreached(CAD_1, minute(15)).at(minute(20)));
        room.whenTimePasses(Duration.ofHours(3)).thenNothingHappens();
    }

    @Test
    void regradingDownMovesTheWarningAndBreachLater() {
        room.at(minute(0)).givenIncident(CAD_1, I).assignedTo(U1).acknowledgedBy(U1);

        room.at(minute(5)).when(regrade(CAD_1).to(S)).thenEvents(incidentRegraded(CAD_1, S, minute(60)));
        room.whenClockReaches(minute(44, 59)).thenNothingHappens();
        room.whenClockReaches(minute(60))
                .thenEvents(attendanceWarning(CAD_1, minute(60)).at(minute(45)),
                        attendanceBreached(CAD_1, minute(60)).at(minute(60)));
    }

    @Test
    void aWarningUnderTheOldGradeIsRaisedAgainAgainstTheNewTarget() {
        room.at(minute(0)).givenIncident(CAD_1, I).assignedTo(U1).acknowledgedBy(U1);
        room.whenClockReaches(minute(12)).thenEvents(attendanceWarning(CAD_1, minute(15)).at(minute(11, 15)));

        room.at(minute(13)).given(regrade(CAD_1).to(E));
        room.whenClockReaches(minute(0).plus(Duration.ofHours(48)))
                .thenEvents(attendanceWarning(CAD_1, minute(0).plus(Duration.ofHours(48)))
                                .at(minute(0).plus(Duration.ofHours(36))),
                        attendanceBreached(CAD_1, minute(0).plus(Duration.ofHours(48)))
                                .at(minute(0).plus(Duration.ofHours(48))));
    }

    @Test
    void regradingToReferredStopsTheCountdown() {
        room.at(minute(0)).givenIncident(CAD_1, I).assignedTo(U1).acknowledgedBy(U1);

        room.at(minute(5)).when(regrade(CAD_1).to(R)).thenEvents(incidentRegraded(CAD_1, R, null));
        room.whenTimePasses(Duration.ofDays(3)).thenNothingHappens();
        assertThat(room.incident(CAD_1).targetAt()).isNull();
    }

    @Test
    void regradingAReferredIncidentUpStartsItsUnresourcedWindowFromCreation() {
        room.at(minute(0)).givenIncident(CAD_1, R);
        room.at(minute(5)).given(regrade(CAD_1).to(I));

        room.whenClockReaches(minute(5)).thenEvents(incidentUnresourced(CAD_1).at(minute(5)));
        room.whenClockReaches(minute(15))
                .thenEvents(attendanceWarning(CAD_1, minute(15)).at(minute(11, 15)),
                        attendanceBreached(CAD_1, minute(15)).at(minute(15)));
    }

    @Test
    void regradingAnAttendedIncidentRaisesNoCountdownAlarm() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);
        room.at(minute(10)).given(unit(U1).arrivesAt(CAD_1));

        room.at(minute(20)).when(regrade(CAD_1).to(I)).thenEvents(incidentRegraded(CAD_1, I, minute(15)));
        room.whenTimePasses(Duration.ofHours(2)).thenNothingHappens();
    }

    @Test
    void theControllerMayRegradeToo() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);

        room.at(minute(3)).when(regrade(CAD_1).to(I).by(controller()))
                .thenEvents(incidentRegraded(CAD_1, I, minute(15)));
    }

    @Test
    void regradingToTheSameGradeChangesNothing() {
        room.at(minute(0)).givenIncident(CAD_1, S);

        room.at(minute(3)).when(regrade(CAD_1).to(S)).thenRejected(Reason.INVALID_STATE);
    }
}
