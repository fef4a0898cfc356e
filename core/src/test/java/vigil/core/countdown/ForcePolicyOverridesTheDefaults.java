package vigil.core.countdown;

import static vigil.core.Grade.I;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.divert;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.ExpectedEvents.assignmentUnacknowledged;
import static vigil.core.story.ExpectedEvents.attendanceBreached;
import static vigil.core.story.ExpectedEvents.attendanceWarning;
import static vigil.core.story.ExpectedEvents.divertReviewOverdue;
import static vigil.core.story.ExpectedEvents.incidentCreated;
import static vigil.core.story.ExpectedEvents.incidentUnresourced;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.core.Grade;
import vigil.core.Policy;
import vigil.core.story.Acts;
import vigil.core.story.ControlRoom;

/** Targets and windows are a force's policy: any one given overrides the Metropolitan default, the rest stay. */
class ForcePolicyOverridesTheDefaults {

    private static ControlRoom roomWith(Policy policy) {
        return controlRoom().withPolicy(policy);
    }

    @Test
    void aShorterSignificantTargetMovesTargetWarningAndBreach() {
        ControlRoom room = roomWith(Policy.metropolitan().withTargets(Map.of(Grade.S, Duration.ofMinutes(45))));
        room.at(minute(0)).given(Acts.recordCall("C1"));

        room.when(Acts.createIncident(CAD_1, "C1", S)).thenEvents(incidentCreated(CAD_1, S, minute(45)));
        room.given(assign(U1).to(CAD_1), Acts.unit(U1).acknowledges(CAD_1));
        room.whenClockReaches(minute(45))
                .thenEvents(attendanceWarning(CAD_1, minute(45)).at(minute(33, 45)),
                        attendanceBreached(CAD_1, minute(45)).at(minute(45)));
    }

    @Test
    void overridingOneTargetKeepsTheOthers() {
        ControlRoom room = roomWith(Policy.metropolitan().withTargets(Map.of(Grade.S, Duration.ofMinutes(45))));
        room.at(minute(0)).given(Acts.recordCall("C1"));

        room.when(Acts.createIncident(CAD_1, "C1", I)).thenEvents(incidentCreated(CAD_1, I, minute(15)));
    }

    @Test
    void aWarnFractionOfAHalfWarnsHalfWay() {
        ControlRoom room = roomWith(Policy.metropolitan().withWarnFraction(0.5));
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);

        room.whenClockReaches(minute(30)).thenEvents(attendanceWarning(CAD_1, minute(60)).at(minute(30)));
    }

    @Test
    void aWarnFractionOfOneWarnsAtTheTargetJustBeforeTheBreach() {
        ControlRoom room = roomWith(Policy.metropolitan().withWarnFraction(1.0));
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);

        room.whenClockReaches(minute(59, 59)).thenNothingHappens();
        room.whenClockReaches(minute(60))
                .thenEvents(attendanceWarning(CAD_1, minute(60)).at(minute(60)),
                        attendanceBreached(CAD_1, minute(60)).at(minute(60)));
    }

    @Test
    void aShorterAckWithinChasesSooner() {
        ControlRoom room = roomWith(Policy.metropolitan().withAckWithin(Duration.ofSeconds(30)));
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1);

        room.whenClockReaches(minute(0, 29)).thenNothingHappens();
        room.whenClockReaches(minute(0, 30)).thenEvents(assignmentUnacknowledged(CAD_1, U1).at(minute(0, 30)));
    }

    @Test
    void aShorterUnresourcedWindowFlagsSooner() {
        ControlRoom room = roomWith(Policy.metropolitan().withUnresourcedAfter(Map.of(Grade.S, Duration.ofMinutes(5))));
        room.at(minute(0)).givenIncident(CAD_1, S);

        room.whenClockReaches(minute(5)).thenEvents(incidentUnresourced(CAD_1).at(minute(5)));
    }

    @Test
    void aShorterReviewWindowEscalatesSooner() {
        ControlRoom room = roomWith(Policy.metropolitan().withDivertReviewWithin(Duration.ofMinutes(1)));
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);
        room.givenIncident(CAD_2, I);
        room.at(minute(1)).given(divert(U1).to(CAD_2), Acts.unit(U1).acknowledges(CAD_2));

        room.whenClockReaches(minute(2)).thenEvents(divertReviewOverdue(CAD_1).at(minute(2)));
    }
}
