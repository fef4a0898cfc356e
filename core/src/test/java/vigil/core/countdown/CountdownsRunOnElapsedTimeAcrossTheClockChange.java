package vigil.core.countdown;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.Grade.E;
import static vigil.core.Grade.I;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ExpectedEvents.attendanceBreached;
import static vigil.core.story.ExpectedEvents.attendanceWarning;
import static vigil.core.story.ExpectedEvents.incidentCreated;
import static vigil.core.story.ExpectedEvents.incidentUnresourced;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.story.Acts;
import vigil.core.story.ControlRoom;

/**
 * A target is elapsed time, not wall-clock time: 48 hours is 48 hours even across the night the clocks change in
 * London (01:00 UTC on the last Sunday of March and of October). Every event instant is UTC.
 */
class CountdownsRunOnElapsedTimeAcrossTheClockChange {

    /** 00:59 GMT on 25 March 2018; a minute later London jumps to 02:00 BST. */
    private static final Instant BEFORE_CLOCKS_GO_FORWARD = Instant.parse("2018-03-25T00:59:00Z");
    /** 01:59 BST on 28 October 2018; a minute later London falls back to 01:00 GMT. */
    private static final Instant BEFORE_CLOCKS_GO_BACK = Instant.parse("2018-10-28T00:59:00Z");

    private static ControlRoom openAt(Instant start) {
        return controlRoom().openingAt(start.minusSeconds(3600));
    }

    @Test
    void anExtendedCallMadeBeforeTheSpringChangeIsDueFortyEightHoursLater() {
        ControlRoom room = openAt(BEFORE_CLOCKS_GO_FORWARD);
        room.at(BEFORE_CLOCKS_GO_FORWARD).given(Acts.recordCall("C1"));

        room.when(Acts.createIncident(CAD_1, "C1", E))
                .thenEvents(incidentCreated(CAD_1, E, Instant.parse("2018-03-27T00:59:00Z")));
        room.whenClockReaches(Instant.parse("2018-03-28T00:00:00Z"))
                .thenEvents(
                        incidentUnresourced(CAD_1).at(Instant.parse("2018-03-25T04:59:00Z")),
                        attendanceWarning(CAD_1, Instant.parse("2018-03-27T00:59:00Z"))
                                .at(Instant.parse("2018-03-26T12:59:00Z")),
                        attendanceBreached(CAD_1, Instant.parse("2018-03-27T00:59:00Z"))
                                .at(Instant.parse("2018-03-27T00:59:00Z")));
    }

    @Test
    void anExtendedCallMadeBeforeTheAutumnChangeIsDueFortyEightHoursLater() {
        ControlRoom room = openAt(BEFORE_CLOCKS_GO_BACK);
        room.at(BEFORE_CLOCKS_GO_BACK).given(Acts.recordCall("C1"));

        room.when(Acts.createIncident(CAD_1, "C1", E))
                .thenEvents(incidentCreated(CAD_1, E, Instant.parse("2018-10-30T00:59:00Z")));
        room.whenClockReaches(Instant.parse("2018-10-31T00:00:00Z"))
                .thenEvents(
                        incidentUnresourced(CAD_1).at(Instant.parse("2018-10-28T04:59:00Z")),
                        attendanceWarning(CAD_1, Instant.parse("2018-10-30T00:59:00Z"))
                                .at(Instant.parse("2018-10-29T12:59:00Z")),
                        attendanceBreached(CAD_1, Instant.parse("2018-10-30T00:59:00Z"))
                                .at(Instant.parse("2018-10-30T00:59:00Z")));
    }

    @Test
    void anImmediateCallStraddlingTheJumpGetsItsFullFifteenMinutes() {
        Instant created = Instant.parse("2018-03-25T00:55:00Z");
        ControlRoom room = openAt(created);
        room.at(created).givenIncident(CAD_1, I).assignedTo(U1).acknowledgedBy(U1);

        room.whenClockReaches(Instant.parse("2018-03-25T01:10:00Z"))
                .thenEvents(attendanceWarning(CAD_1, Instant.parse("2018-03-25T01:10:00Z"))
                                .at(Instant.parse("2018-03-25T01:06:15Z")),
                        attendanceBreached(CAD_1, Instant.parse("2018-03-25T01:10:00Z"))
                                .at(Instant.parse("2018-03-25T01:10:00Z")));
    }

    @Test
    void anotherForcesTimeZoneDoesNotMoveAnElapsedTarget() {
        ControlRoom room = controlRoom().withPolicy(Policy.metropolitan().withZone(ZoneId.of("America/New_York")))
                .openingAt(BEFORE_CLOCKS_GO_FORWARD.minusSeconds(60));
        room.at(BEFORE_CLOCKS_GO_FORWARD).given(Acts.recordCall("C1"));

        room.when(Acts.createIncident(CAD_1, "C1", E))
                .thenEvents(incidentCreated(CAD_1, E, Instant.parse("2018-03-27T00:59:00Z")));
    }

    @Test
    void theBreachIsStampedInUtcAtExactlyFortyEightHours() {
        ControlRoom room = openAt(BEFORE_CLOCKS_GO_BACK);
        room.at(BEFORE_CLOCKS_GO_BACK).givenIncident(CAD_1, E);
        room.whenClockReaches(Instant.parse("2018-10-31T00:00:00Z"));

        Recorded breach = room.history().stream().filter(r -> r.event().type().equals("AttendanceBreached"))
                .findFirst().orElseThrow();
        assertThat(breach.at().toString()).isEqualTo("2018-10-30T00:59:00Z");
        assertThat(java.time.Duration.between(BEFORE_CLOCKS_GO_BACK, breach.at())).hasHours(48);
    }
}
