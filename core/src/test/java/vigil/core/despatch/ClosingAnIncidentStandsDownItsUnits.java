package vigil.core.despatch;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.Grade.I;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.close;
import static vigil.core.story.Acts.divert;
import static vigil.core.story.Acts.reviewDivertFrom;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.U2;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.ExpectedEvents.divertApproved;
import static vigil.core.story.ExpectedEvents.divertReviewOverdue;
import static vigil.core.story.ExpectedEvents.incidentClosed;
import static vigil.core.story.ExpectedEvents.unitAssigned;
import static vigil.core.story.ExpectedEvents.unitCleared;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vigil.core.Reason;
import vigil.core.story.ControlRoom;

/**
 * Closing an incident clears every unit still committed to it, each with its own UnitCleared, then records the
 * closure. A closed incident raises no more alarms of its own, and its units are free for the next call; a divert
 * from it is still reviewed.
 */
class ClosingAnIncidentStandsDownItsUnits {
    private final ControlRoom room = controlRoom();

    @Test
    void everyCommittedUnitIsClearedThenTheIncidentIsClosed() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).assignedTo(U2);

        room.at(minute(1)).when(close(CAD_1))
                .thenEvents(unitCleared(CAD_1, U1), unitCleared(CAD_1, U2), incidentClosed(CAD_1));
    }

    @Test
    void anIncidentWithNoUnitIsSimplyClosed() {
        room.at(minute(0)).givenIncident(CAD_1, S);

        room.at(minute(1)).when(close(CAD_1)).thenEvents(incidentClosed(CAD_1));
        assertThat(room.queries().unresourced()).isEmpty();
        assertThat(room.queries().openIncidentCount()).isZero();
    }

    @Test
    void aClosedIncidentRaisesNoMoreAlarms() {
        room.at(minute(0)).givenIncident(CAD_1, I).assignedTo(U1);

        room.at(minute(1)).given(close(CAD_1));
        room.whenTimePasses(Duration.ofDays(3)).thenNothingHappens();
    }

    /**
     * The contract: "A divert must be reviewed even if the original is closed meanwhile: DivertReviewOverdue still
     * fires, and ReviewDivert APPROVE is still accepted (OVERRIDE of a closed original is refused INVALID_STATE)."
     * Closing the original is the 2018 failure by another door: the divert would go unreviewed.
     */
    @Test
    void closingTheOriginalDoesNotMakeTheDivertReviewDisappear() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);
        room.at(minute(1)).givenIncident(CAD_2, I);
        room.at(minute(2)).given(divert(U1).to(CAD_2));
        room.at(minute(3)).given(close(CAD_1));

        room.whenTimePasses(Duration.ofDays(1)).thenEventsInclude(divertReviewOverdue(CAD_1).at(minute(7)));
    }

    @Test
    void aDivertFromAClosedOriginalCanStillBeApprovedButNotOverridden() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);
        room.at(minute(1)).givenIncident(CAD_2, I);
        room.at(minute(2)).given(divert(U1).to(CAD_2));
        room.at(minute(3)).given(close(CAD_1));

        room.at(minute(4)).when(reviewDivertFrom(CAD_1).override()).thenRejected(Reason.INVALID_STATE);
        room.at(minute(4)).when(reviewDivertFrom(CAD_1).approve()).thenEvents(divertApproved(CAD_1));
        room.whenTimePasses(Duration.ofDays(1)).thenHistoryHasNo(vigil.core.story.Expected.event(
                "DivertReviewOverdue"));
    }

    @Test
    void theUnitsAreFreeForTheNextCall() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);
        room.at(minute(1)).givenIncident(CAD_2, I);
        room.at(minute(2)).given(close(CAD_1));

        assertThat(room.unitView(U1).committedTo()).isNull();
        room.at(minute(3)).when(assign(U1).to(CAD_2)).thenEvents(unitAssigned(CAD_2, U1));
    }
}
