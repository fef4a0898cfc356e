package vigil.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.Grade.I;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.clear;
import static vigil.core.story.Acts.divert;
import static vigil.core.story.Acts.unit;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.CAD_3;
import static vigil.core.story.ControlRoom.ROSTER;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.ControlRoom.minute;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.Span;
import vigil.core.engine.Engine;
import vigil.core.story.Act;
import vigil.core.story.Acts;
import vigil.core.story.ControlRoom;

/**
 * The event record is the control room: an engine rebuilt from it after a restart must carry on exactly as the one
 * that wrote it would have, with the same state and the same alarms still to come, and none raised twice.
 */
class RebuiltControlRoomCarriesOnWhereItLeftOff {

    private static Engine rebuiltFrom(ControlRoom room) {
        return Engine.rebuild(room.policy(), ROSTER, room.opening(), room.history());
    }

    /** Both engines go on to {@code until}; they must record the same events and end in the same state. */
    private static void assertBothCarryOnAlike(ControlRoom room, Engine rebuilt, Instant until) {
        assertThat(rebuilt.queries().describe()).as("state right after the rebuild")
                .isEqualTo(room.queries().describe());
        assertThat(rebuilt.lastSeq()).isEqualTo(room.engine().lastSeq());

        List<Recorded> fromRebuilt = rebuilt.advanceTo(until);
        List<Recorded> fromLive = room.engine().advanceTo(until);

        assertThat(fromRebuilt).as("what the rebuilt engine records from here on").isEqualTo(fromLive);
        assertThat(rebuilt.queries().describe()).isEqualTo(room.queries().describe());
    }

    @Test
    void aRestartMidDivertLosesNoAlarm() {
        ControlRoom room = controlRoom();
        room.at(london("2018-05-31T23:55")).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);
        room.at(london("2018-06-01T00:03:30")).givenIncident(CAD_2, I);
        room.at(london("2018-06-01T00:04")).given(divert(U1).to(CAD_2), unit(U1).acknowledges(CAD_2));

        Engine rebuilt = rebuiltFrom(room);

        assertBothCarryOnAlike(room, rebuilt, london("2018-06-01T01:30"));
        assertThat(room.history()).isNotEmpty();
    }

    @Test
    void aRestartAfterAlarmsHaveSoundedDoesNotSoundThemAgain() {
        ControlRoom room = controlRoom();
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1);
        room.givenIncident(CAD_2, I);
        room.whenClockReaches(minute(50));

        Engine rebuilt = rebuiltFrom(room);

        assertBothCarryOnAlike(room, rebuilt, minute(0).plus(Duration.ofDays(2)));
    }

    /**
     * U1 is diverted away from CAD-1 twice within five minutes (sent back in between) and nobody reviews either
     * divert. Each review deadline sounds once on the live engine; after a restart neither may sound again.
     */
    @Test
    void aRestartAfterTwoUnreviewedDivertsOfOneUnitRaisesNeitherAgain() {
        ControlRoom room = controlRoom();
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).acknowledgedBy(U1);
        room.givenIncident(CAD_2, I);
        room.givenIncident(CAD_3, I);
        room.at(minute(1)).given(divert(U1).to(CAD_2));
        room.at(minute(2)).given(clear(U1, CAD_2), assign(U1).to(CAD_1));
        room.at(minute(3)).given(divert(U1).to(CAD_3));
        room.whenClockReaches(minute(10));
        assertThat(room.history()).filteredOn(r -> r.event().type().equals("DivertReviewOverdue")).hasSize(2);

        Engine rebuilt = rebuiltFrom(room);

        assertBothCarryOnAlike(room, rebuilt, minute(60));
    }

    /** A call id seen again a week and a day later: the rebuilt engine must judge what follows the same way. */
    @Test
    void aRestartAfterACallIdComesBackAWeekLaterJudgesItAlike() {
        assertACallIdComingBackIsJudgedAlike(controlRoom());
    }

    /**
     * The same, in a room that forgets closed work after a week (as long runs and the server configure it): the
     * call id is free again, and the rebuilt engine must not forget the new call along with the old one.
     */
    @Test
    void aRestartInARoomThatForgetsAfterAWeekJudgesAReturningCallIdAlike() {
        assertACallIdComingBackIsJudgedAlike(
                controlRoom().withPolicy(Policy.metropolitan().withRetainClosedFor(Span.parse("P7D"))));
    }

    private static void assertACallIdComingBackIsJudgedAlike(ControlRoom room) {
        room.at(minute(0)).when(Acts.recordCall("C1"));
        Instant aWeekAndADayLater = minute(0).plus(Duration.ofDays(8));
        room.at(aWeekAndADayLater).when(Acts.recordCall("C1"));

        Engine rebuilt = rebuiltFrom(room);
        Act create = Acts.createIncident(CAD_1, "C1", S);
        Instant next = aWeekAndADayLater.plusSeconds(60);

        List<Recorded> fromRebuilt = rebuilt.submit(99, create.command(), next);
        List<Recorded> fromLive = room.engine().submit(99, create.command(), next);

        assertThat(fromRebuilt).isEqualTo(fromLive);
        assertThat(rebuilt.queries().describe()).isEqualTo(room.queries().describe());
    }
}
