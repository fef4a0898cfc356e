package vigil.core.despatch;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.Grade.I;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.divert;
import static vigil.core.story.Acts.unit;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.U2;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.ExpectedEvents.assignmentAcknowledged;
import static vigil.core.story.ExpectedEvents.assignmentUnacknowledged;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vigil.core.story.ControlRoom;

/**
 * An assignment is not a deployment until the unit says "received": if it has not acknowledged within ackWithin the
 * despatcher is told, once. An acknowledgement given exactly at the deadline is in time.
 */
class UnitsMustAcknowledgeTheirAssignment {
    private final ControlRoom room = controlRoom();

    @BeforeEach
    void aSignificantCallWithNobodyYetSent() {
        room.at(minute(0)).givenIncident(CAD_1, S);
    }

    @Test
    void silenceAfterAssignmentIsReportedWhenAckWithinHasPassed() {
        room.at(minute(1)).given(assign(U1).to(CAD_1));

        room.whenClockReaches(minute(2, 59)).thenNothingHappens();
        room.whenClockReaches(minute(3)).thenEvents(assignmentUnacknowledged(CAD_1, U1).at(minute(3)));
    }

    @Test
    void anAcknowledgementInTimeMeansNoAlert() {
        room.at(minute(1)).given(assign(U1).to(CAD_1));
        room.at(minute(2)).given(unit(U1).acknowledges(CAD_1));

        room.whenClockReaches(minute(9)).thenNothingHappens();
        assertThat(room.unitView(U1).acknowledged()).isTrue();
    }

    @Test
    void anAcknowledgementExactlyAtTheDeadlineIsInTime() {
        room.at(minute(1)).given(assign(U1).to(CAD_1));

        room.at(minute(3)).when(unit(U1).acknowledges(CAD_1)).thenEvents(assignmentAcknowledged(CAD_1, U1));
        room.whenClockReaches(minute(9)).thenNothingHappens();
    }

    @Test
    void theAlertIsRaisedOnceAndALateAcknowledgementIsStillTaken() {
        room.at(minute(1)).given(assign(U1).to(CAD_1));
        room.whenClockReaches(minute(30));

        room.at(minute(31)).when(unit(U1).acknowledges(CAD_1)).thenEvents(assignmentAcknowledged(CAD_1, U1));
        assertThat(room.history()).filteredOn(r -> r.event().type().equals("AssignmentUnacknowledged")).hasSize(1);
    }

    @Test
    void eachUnitAssignedIsWaitedForInTheOrderItWasAssigned() {
        room.at(minute(1)).given(assign(U2).to(CAD_1), assign(U1).to(CAD_1));

        room.whenClockReaches(minute(3))
                .thenEvents(assignmentUnacknowledged(CAD_1, U2), assignmentUnacknowledged(CAD_1, U1));
    }

    @Test
    void aDivertedUnitMustAcknowledgeItsNewIncident() {
        room.at(minute(1)).given(assign(U1).to(CAD_1), unit(U1).acknowledges(CAD_1));
        room.at(minute(4)).givenIncident(CAD_2, I);
        room.at(minute(5)).given(divert(U1).to(CAD_2));

        room.whenClockReaches(minute(7)).thenEventsInclude(assignmentUnacknowledged(CAD_2, U1).at(minute(7)));
    }

    /** The contract: "A unit's arrival answers its assignment: no AssignmentUnacknowledged fires after UnitArrived." */
    @Test
    void aUnitThatHasArrivedIsNotChasedForAnAcknowledgement() {
        room.at(minute(1)).given(assign(U1).to(CAD_1));
        room.at(minute(2)).given(unit(U1).arrivesAt(CAD_1));

        room.whenClockReaches(minute(9)).thenNothingHappens();
    }
}
