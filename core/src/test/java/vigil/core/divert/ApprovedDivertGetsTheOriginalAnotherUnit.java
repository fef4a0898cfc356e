package vigil.core.divert;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.close;
import static vigil.core.story.Acts.reviewDivertFrom;
import static vigil.core.story.Acts.taskReallocation;
import static vigil.core.story.Acts.unit;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.U2;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.Expected.event;
import static vigil.core.story.ExpectedEvents.assignmentAcknowledged;
import static vigil.core.story.ExpectedEvents.divertApproved;
import static vigil.core.story.ExpectedEvents.incidentClosed;
import static vigil.core.story.ExpectedEvents.reallocationRequested;
import static vigil.core.story.ExpectedEvents.reallocationTasked;
import static vigil.core.story.ExpectedEvents.unitArrived;
import static vigil.core.story.ExpectedEvents.unitAssigned;
import static vigil.core.story.ExpectedEvents.unitCleared;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vigil.core.Reason;
import vigil.core.story.ControlRoom;

/**
 * The divert protocol followed: the controller agrees the knife call comes first, the inspector gets another unit
 * tasked to the original, and the S call is attended within target with no alarm needed.
 */
class ApprovedDivertGetsTheOriginalAnotherUnit {
    private final ControlRoom room = TheNightOf31May2018.afterU1IsDivertedToTheKnifeCall();

    @Test
    void approvalAsksTheInspectorToFindAnotherUnit() {
        room.at(london("2018-06-01T00:06")).when(reviewDivertFrom(CAD_1).approve())
                .thenEvents(divertApproved(CAD_1), reallocationRequested(CAD_1));

        assertThat(room.incident(CAD_1).reallocationRequested()).isTrue();
        assertThat(room.unitView(U1).committedTo()).as("the divert stands").isEqualTo(CAD_2);
    }

    @Test
    void theInspectorTasksAnotherUnitAndTheDespatcherSendsIt() {
        room.at(london("2018-06-01T00:06")).given(reviewDivertFrom(CAD_1).approve());

        room.at(london("2018-06-01T00:08")).when(taskReallocation(CAD_1))
                .thenEvents(reallocationTasked(CAD_1));
        assertThat(room.incident(CAD_1).reallocationRequested()).isFalse();

        room.at(london("2018-06-01T00:09")).when(assign(U2).to(CAD_1))
                .thenEvents(unitAssigned(CAD_1, U2));
        assertThat(room.incident(CAD_1).unresourced()).isFalse();
    }

    @Test
    void theWholeNightHandledRaisesNoAlarm() {
        room.at(london("2018-06-01T00:06")).given(reviewDivertFrom(CAD_1).approve());
        room.at(london("2018-06-01T00:08")).given(taskReallocation(CAD_1));
        room.at(london("2018-06-01T00:09")).given(assign(U2).to(CAD_1));
        room.at(london("2018-06-01T00:09:30")).when(unit(U2).acknowledges(CAD_1))
                .thenEvents(assignmentAcknowledged(CAD_1, U2));
        room.at(london("2018-06-01T00:12")).when(unit(U1).arrivesAt(CAD_2))
                .thenEvents(unitArrived(CAD_2, U1, true, true));
        room.at(london("2018-06-01T00:30")).when(unit(U2).arrivesAt(CAD_1))
                .thenEvents(unitArrived(CAD_1, U2, true, true).at(Instant.parse("2018-05-31T23:30:00Z")));
        room.at(london("2018-06-01T00:50")).when(unit(U2).clearsFrom(CAD_1))
                .thenEvents(unitCleared(CAD_1, U2));
        room.at(london("2018-06-01T00:51")).when(close(CAD_1))
                .thenEvents(incidentClosed(CAD_1).at(Instant.parse("2018-05-31T23:51:00Z")));

        room.whenClockReaches(london("2018-06-01T01:30"))
                .thenHistoryHasNo(event("DivertReviewOverdue"))
                .thenHistoryHasNo(event("IncidentUnresourced"))
                .thenHistoryHasNo(event("AttendanceWarning"))
                .thenHistoryHasNo(event("AttendanceBreached"))
                .thenHistoryHasNo(event("CommandRejected"));
    }

    @Test
    void noReallocationIsAskedForWhenTheOriginalAlreadyHasAnotherUnit() {
        room.at(london("2018-06-01T00:05")).given(assign(U2).to(CAD_1));

        room.at(london("2018-06-01T00:06")).when(reviewDivertFrom(CAD_1).approve())
                .thenEvents(divertApproved(CAD_1));
    }

    @Test
    void theInspectorCannotTaskAReallocationNobodyAskedFor() {
        room.at(london("2018-06-01T00:05")).when(taskReallocation(CAD_1))
                .thenRejected(Reason.INVALID_STATE);
    }

    @Test
    void aReallocationIsTaskedOnce() {
        room.at(london("2018-06-01T00:06")).given(reviewDivertFrom(CAD_1).approve());
        room.at(london("2018-06-01T00:08")).given(taskReallocation(CAD_1));

        room.at(london("2018-06-01T00:08:30")).when(taskReallocation(CAD_1))
                .thenRejected(Reason.INVALID_STATE);
    }

    @Test
    void aDivertIsReviewedOnce() {
        room.at(london("2018-06-01T00:06")).given(reviewDivertFrom(CAD_1).approve());

        room.at(london("2018-06-01T00:07")).when(reviewDivertFrom(CAD_1).override())
                .thenRejected(Reason.INVALID_STATE);
    }
}
