package vigil.core.divert;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.Grade.I;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.divert;
import static vigil.core.story.Acts.reviewDivertFrom;
import static vigil.core.story.Acts.unit;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.Expected.event;
import static vigil.core.story.ExpectedEvents.attendanceBreached;
import static vigil.core.story.ExpectedEvents.attendanceWarning;
import static vigil.core.story.ExpectedEvents.divertApproved;
import static vigil.core.story.ExpectedEvents.divertReviewOverdue;
import static vigil.core.story.ExpectedEvents.divertReviewRequested;
import static vigil.core.story.ExpectedEvents.divertTagged;
import static vigil.core.story.ExpectedEvents.incidentUnresourced;
import static vigil.core.story.ExpectedEvents.reallocationRequested;
import static vigil.core.story.ExpectedEvents.unitAssigned;
import static vigil.core.story.ExpectedEvents.unitDiverted;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vigil.core.story.ControlRoom;

/**
 * 31 May 2018: an S-graded call (a woman hearing her ex-husband at the door) loses its unit to a knife call. The
 * divert must leave a mark, ask a controller to weigh it, put the call back in the queue and keep its countdown
 * running, so that if nobody acts every alarm still sounds.
 */
class DivertedSignificantCallIsNeverSilentlyOrphaned {
    private final ControlRoom room = controlRoom();

    @BeforeEach
    void theSignificantCallHasItsUnitAndAKnifeCallComesIn() {
        room.at(london("2018-05-31T23:55")).givenIncident(CAD_1, S);
        room.at(london("2018-05-31T23:58")).given(assign(U1).to(CAD_1));
        room.at(london("2018-05-31T23:58:30")).given(unit(U1).acknowledges(CAD_1));
        room.at(london("2018-06-01T00:03:30")).givenIncident(CAD_2, I);
    }

    @Test
    void theDivertTagsTheOriginalAndAsksTheControllerToReviewIt() {
        room.at(london("2018-06-01T00:04")).when(divert(U1).to(CAD_2))
                .thenEvents(
                        unitDiverted(U1, CAD_1, CAD_2),
                        divertTagged(CAD_1),
                        unitAssigned(CAD_2, U1),
                        divertReviewRequested(CAD_1, U1, CAD_2));
    }

    @Test
    void theOriginalGoesBackToTheQueueWithItsCountdownUntouched() {
        Instant targetBefore = room.incident(CAD_1).targetAt();

        room.at(london("2018-06-01T00:04")).when(divert(U1).to(CAD_2));

        assertThat(room.incident(CAD_1).divertTagged()).isTrue();
        assertThat(room.incident(CAD_1).committedUnits()).isEmpty();
        assertThat(room.incident(CAD_1).targetAt()).isEqualTo(targetBefore)
                .isEqualTo(Instant.parse("2018-05-31T23:55:00Z"));
        assertThat(room.queries().unresourced()).extracting(v -> v.id()).contains(CAD_1);
        assertThat(room.unitView(U1).committedTo()).isEqualTo(CAD_2);
        assertThat(room.incident(CAD_2).committedUnits()).containsExactly(U1);
    }

    @Test
    void whenNobodyActsEveryAlarmStillSounds() {
        room.at(london("2018-06-01T00:04")).when(divert(U1).to(CAD_2));
        room.at(london("2018-06-01T00:04:20")).when(unit(U1).acknowledges(CAD_2));
        room.at(london("2018-06-01T00:12")).when(unit(U1).arrivesAt(CAD_2));

        room.whenClockReaches(london("2018-06-01T01:30"))
                .thenHistoryIncludes(
                        divertReviewOverdue(CAD_1).at(Instant.parse("2018-05-31T23:09:00Z")),
                        event("UnitArrived", "incidentId", CAD_2, "unitId", U1, "withinTarget", true),
                        incidentUnresourced(CAD_1).at(Instant.parse("2018-05-31T23:14:00Z")),
                        attendanceWarning(CAD_1, Instant.parse("2018-05-31T23:55:00Z"))
                                .at(Instant.parse("2018-05-31T23:40:00Z")),
                        attendanceBreached(CAD_1, Instant.parse("2018-05-31T23:55:00Z"))
                                .at(Instant.parse("2018-05-31T23:55:00Z")))
                .thenHistoryHasNo(event("AttendanceWarning", "incidentId", CAD_2))
                .thenHistoryHasNo(event("AttendanceBreached", "incidentId", CAD_2))
                .thenHistoryHasNo(event("AssignmentUnacknowledged"))
                .thenHistoryHasNo(event("CommandRejected"));
    }

    @Test
    void theReviewDeadlineIsRaisedOnceOnly() {
        room.at(london("2018-06-01T00:04")).when(divert(U1).to(CAD_2));

        room.whenClockReaches(london("2018-06-01T03:00"));

        assertThat(room.history()).filteredOn(r -> r.event().type().equals("DivertReviewOverdue")).hasSize(1);
    }

    @Test
    void aReviewExactlyAtTheDeadlineIsInTime() {
        room.at(london("2018-06-01T00:04")).when(divert(U1).to(CAD_2));

        room.at(london("2018-06-01T00:09")).when(reviewDivertFrom(CAD_1).approve())
                .thenCommandEvents(divertApproved(CAD_1), reallocationRequested(CAD_1));
        room.whenClockReaches(london("2018-06-01T00:30"))
                .thenHistoryHasNo(event("DivertReviewOverdue"));
    }

    @Test
    void aReviewInTimeSilencesTheReviewDeadlineButNotTheOriginalsOwnClock() {
        room.at(london("2018-06-01T00:04")).when(divert(U1).to(CAD_2));
        room.at(london("2018-06-01T00:04:20")).when(unit(U1).acknowledges(CAD_2));
        room.at(london("2018-06-01T00:06")).when(reviewDivertFrom(CAD_1).approve());

        room.whenClockReaches(london("2018-06-01T00:14"))
                .thenEvents(incidentUnresourced(CAD_1).at(Instant.parse("2018-05-31T23:14:00Z")))
                .thenHistoryHasNo(event("DivertReviewOverdue"));
    }
}
