package vigil.core.divert;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.Grade.I;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.clear;
import static vigil.core.story.Acts.divert;
import static vigil.core.story.Acts.reviewDivertFrom;
import static vigil.core.story.Acts.unit;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.CAD_3;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.Expected.event;
import static vigil.core.story.ExpectedEvents.assignmentUnacknowledged;
import static vigil.core.story.ExpectedEvents.attendanceBreached;
import static vigil.core.story.ExpectedEvents.attendanceWarning;
import static vigil.core.story.ExpectedEvents.divertOverridden;
import static vigil.core.story.ExpectedEvents.incidentUnresourced;
import static vigil.core.story.ExpectedEvents.reallocationRequested;
import static vigil.core.story.ExpectedEvents.unitAssigned;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vigil.core.story.ControlRoom;

/**
 * The controller weighs the divert and decides the original comes first: the unit goes back to the S call, and the
 * knife call it leaves is bare again, with its own countdown and unresourced clock running from that moment.
 */
class OverriddenDivertSendsTheUnitBack {
    private static final Instant KNIFE_CALL_TARGET = Instant.parse("2018-05-31T23:18:30Z");

    private final ControlRoom room = TheNightOf31May2018.afterU1IsDivertedToTheKnifeCall();

    @Test
    void theUnitIsAssignedBackToTheOriginal() {
        room.at(london("2018-06-01T00:06")).when(reviewDivertFrom(CAD_1).override())
                .thenEvents(divertOverridden(CAD_1), unitAssigned(CAD_1, U1));

        assertThat(room.unitView(U1).committedTo()).isEqualTo(CAD_1);
        assertThat(room.incident(CAD_1).committedUnits()).containsExactly(U1);
        assertThat(room.incident(CAD_2).committedUnits()).isEmpty();
        assertThat(room.queries().unresourced()).extracting(v -> v.id()).containsExactly(CAD_2);
    }

    @Test
    void theKnifeCallsUnresourcedClockStartsWhenItLosesTheUnit() {
        room.at(london("2018-06-01T00:06")).given(reviewDivertFrom(CAD_1).override());
        room.at(london("2018-06-01T00:06:30")).given(unit(U1).acknowledges(CAD_1));

        room.whenClockReaches(london("2018-06-01T00:07:59")).thenNothingHappens();
        room.whenClockReaches(london("2018-06-01T00:08"))
                .thenEvents(incidentUnresourced(CAD_2).at(Instant.parse("2018-05-31T23:08:00Z")));
    }

    @Test
    void theKnifeCallsCountdownGoesOnFromItsCreation() {
        room.at(london("2018-06-01T00:06")).given(reviewDivertFrom(CAD_1).override());
        room.at(london("2018-06-01T00:06:30")).given(unit(U1).acknowledges(CAD_1));
        room.at(london("2018-06-01T00:10")).given(unit(U1).arrivesAt(CAD_1));

        room.whenClockReaches(london("2018-06-01T00:30"))
                .thenHistoryIncludes(
                        incidentUnresourced(CAD_2).at(Instant.parse("2018-05-31T23:08:00Z")),
                        attendanceWarning(CAD_2, KNIFE_CALL_TARGET).at(Instant.parse("2018-05-31T23:14:45Z")),
                        attendanceBreached(CAD_2, KNIFE_CALL_TARGET).at(KNIFE_CALL_TARGET));
    }

    @Test
    void theOriginalNeedsNoReallocationAndRaisesNoAlarmOnceItsUnitIsBack() {
        room.at(london("2018-06-01T00:06")).given(reviewDivertFrom(CAD_1).override());
        room.at(london("2018-06-01T00:06:30")).given(unit(U1).acknowledges(CAD_1));
        room.at(london("2018-06-01T00:20")).given(unit(U1).arrivesAt(CAD_1));

        room.whenClockReaches(london("2018-06-01T02:00"))
                .thenHistoryHasNo(event("ReallocationRequested"))
                .thenHistoryHasNo(event("IncidentUnresourced", "incidentId", CAD_1))
                .thenHistoryHasNo(event("AttendanceWarning", "incidentId", CAD_1))
                .thenHistoryHasNo(event("DivertReviewOverdue"));
    }

    @Test
    void theReturningUnitMustAcknowledgeItsNewAssignment() {
        room.at(london("2018-06-01T00:06")).given(reviewDivertFrom(CAD_1).override());

        room.whenClockReaches(london("2018-06-01T00:08"))
                .thenEventsInclude(assignmentUnacknowledged(CAD_1, U1).at(Instant.parse("2018-05-31T23:08:00Z")));
    }

    /**
     * The contract: "When the unit has moved on (diverted again, closed with another incident) the override is
     * recorded and, if the original has no unit, ReallocationRequested follows: the original is never left without a
     * unit or a visible request for one."
     */
    @Test
    void aUnitDivertedAgainIsNotPulledBackAndTheOriginalAsksForAnotherUnit() {
        room.at(london("2018-06-01T00:05")).givenIncident(CAD_3, I);
        room.at(london("2018-06-01T00:05:30")).given(divert(U1).to(CAD_3));

        room.at(london("2018-06-01T00:06")).when(reviewDivertFrom(CAD_1).unit(U1).override())
                .thenEvents(divertOverridden(CAD_1), reallocationRequested(CAD_1));
        assertThat(room.unitView(U1).committedTo()).isEqualTo(CAD_3);
    }

    @Test
    void aUnitNowOnAnotherIncidentIsNotPulledBackEither() {
        room.at(london("2018-06-01T00:05")).given(clear(U1, CAD_2));
        room.at(london("2018-06-01T00:05")).givenIncident(CAD_3, S).assignedTo(U1);

        room.at(london("2018-06-01T00:06")).when(reviewDivertFrom(CAD_1).override())
                .thenEvents(divertOverridden(CAD_1), reallocationRequested(CAD_1));
        assertThat(room.unitView(U1).committedTo()).isEqualTo(CAD_3);
    }

    /** "... assigned back to the original when it is still on the incident it was diverted to, or free". */
    @Test
    void aUnitFreedMeanwhileIsAssignedBack() {
        room.at(london("2018-06-01T00:05")).given(clear(U1, CAD_2));

        room.at(london("2018-06-01T00:06")).when(reviewDivertFrom(CAD_1).override())
                .thenEvents(divertOverridden(CAD_1), unitAssigned(CAD_1, U1));
    }
}
