package vigil.core.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.Acts.addStaff;
import static vigil.core.story.Acts.confirmGuidance;
import static vigil.core.story.Acts.publishGuidance;
import static vigil.core.story.Acts.removeStaff;
import static vigil.core.story.ControlRoom.admin;
import static vigil.core.story.ControlRoom.callHandler;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.controller;
import static vigil.core.story.ControlRoom.despatcher;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.ControlRoom.staffWith;
import static vigil.core.story.Expected.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Policy;
import vigil.core.Reason;
import vigil.core.Recorded;
import vigil.core.Role;
import vigil.core.engine.Engine;
import vigil.core.engine.GuidanceView;
import vigil.core.story.ControlRoom;

/**
 * The seed's SOP was "disseminated … to all staff and responses recorded when the guidance has been read". A duty
 * officer (or the administrator) publishes guidance for some roles; each member of staff holding one of them confirms
 * it, once, as a recorded event; a confirmation by someone it is not for is refused; whoever has not confirmed is
 * reminded every day until they have, newcomers to those roles included.
 */
class GuidanceIsConfirmedByThoseItIsForAndTheRestAreReminded {
    private static final Duration DAY = Duration.ofDays(1);
    private final ControlRoom room = controlRoom();

    @Test
    void theUnconfirmedShrinkAsEachConfirmsAndSomeoneItIsNotForIsRefused() {
        room.at(minute(0)).when(publishGuidance("SOP-1", Role.DESPATCHER, Role.CONTROLLER))
                .thenEvents(event("GuidancePublished", "guidanceId", "SOP-1",
                        "roles", List.of(Role.DESPATCHER, Role.CONTROLLER)));
        assertThat(guidance().unconfirmed()).containsExactly("dsp1", "ctl1");

        room.at(minute(5)).when(confirmGuidance("SOP-1", despatcher()))
                .thenEvents(event("GuidanceConfirmed", "guidanceId", "SOP-1", "staffId", "dsp1"));
        assertThat(guidance().unconfirmed()).containsExactly("ctl1");
        assertThat(guidance().confirmed()).extracting(GuidanceView.Confirmation::staffId).containsExactly("dsp1");

        room.at(minute(6)).when(confirmGuidance("SOP-1", callHandler())).thenRejected(Reason.NOT_PERMITTED);
        room.at(minute(7)).when(confirmGuidance("SOP-1", despatcher())).thenRejected(Reason.INVALID_STATE);
        room.at(minute(8)).when(confirmGuidance("SOP-9", despatcher())).thenRejected(Reason.UNKNOWN_GUIDANCE);

        room.at(minute(9)).when(confirmGuidance("SOP-1", controller())).thenAccepted();
        assertThat(guidance().unconfirmed()).isEmpty();
        assertThat(guidance().confirmed()).extracting(GuidanceView.Confirmation::staffId).containsExactly("dsp1", "ctl1");
    }

    @Test
    void onlyTheDutyOfficerOrTheAdministratorPublishesAndEachGuidanceOnce() {
        room.at(minute(0)).when(publishGuidance("SOP-1", Role.DESPATCHER).by(callHandler()))
                .thenRejected(Reason.NOT_PERMITTED);
        room.when(publishGuidance("SOP-1", Role.DESPATCHER).by(admin())).thenAccepted();
        room.when(publishGuidance("SOP-1", Role.CONTROLLER)).thenRejected(Reason.DUPLICATE_ID);
        room.when(publishGuidance("SOP-2")).thenRejected(Reason.INVALID_STATE);
        room.when(publishGuidance("SOP-3", Role.UNIT)).thenRejected(Reason.INVALID_STATE);
    }

    @Test
    void theUnconfirmedAreRemindedDailyUntilEveryoneHasConfirmed() {
        room.at(minute(0)).given(publishGuidance("SOP-1", Role.DESPATCHER, Role.CONTROLLER));
        room.at(minute(0).plus(DAY).minusSeconds(1)).given(confirmGuidance("SOP-1", despatcher()));

        room.whenClockReaches(minute(0).plus(DAY))
                .thenEvents(event("GuidanceReminderSent", "guidanceId", "SOP-1", "unconfirmed", List.of("ctl1"))
                        .at(minute(0).plus(DAY)));
        room.whenTimePasses(DAY)
                .thenEvents(event("GuidanceReminderSent", "unconfirmed", List.of("ctl1")).at(minute(0).plus(DAY.multipliedBy(2))));

        room.at(room.now().plusSeconds(60)).given(confirmGuidance("SOP-1", controller()));
        room.whenTimePasses(DAY.multipliedBy(10)).thenNothingHappens();
    }

    @Test
    void someoneWhoJoinsAfterEveryoneConfirmedIsRemindedADayLaterAndNoOneElse() {
        room.at(minute(0)).given(publishGuidance("SOP-1", Role.DESPATCHER), confirmGuidance("SOP-1", despatcher()));
        room.whenTimePasses(DAY.multipliedBy(3)).thenNothingHappens();

        Instant joined = room.now().plusSeconds(30);
        room.at(joined).given(addStaff("dsp2", Role.DESPATCHER, "SE"), addStaff("qa2", Role.QA_REVIEWER, null));
        room.whenClockReaches(joined.plus(DAY))
                .thenEvents(event("GuidanceReminderSent", "unconfirmed", List.of("dsp2")).at(joined.plus(DAY)));

        room.at(room.now().plusSeconds(1)).given(removeStaff("dsp2"));
        room.whenTimePasses(DAY.multipliedBy(2)).thenNothingHappens();
        assertThat(guidance().unconfirmed()).isEmpty();
    }

    @Test
    void aRoomRebuiltFromItsRecordRemindsTheSameWayAndRefusesTheSameWay() {
        room.at(minute(0)).given(publishGuidance("SOP-1", Role.DESPATCHER, Role.CONTROLLER),
                confirmGuidance("SOP-1", despatcher()));
        room.whenTimePasses(DAY.multipliedBy(2).plusHours(1));
        room.at(room.now()).given(addStaff("ctl2", Role.CONTROLLER, "SE"));
        List<Recorded> record = room.history();
        Engine rebuilt = Engine.rebuild(Policy.metropolitan(), ControlRoom.ROSTER, room.opening(), record);

        assertThat(rebuilt.queries().describe()).isEqualTo(room.engine().queries().describe());
        Instant later = room.now().plus(DAY.multipliedBy(3));
        assertThat(rebuilt.advanceTo(later)).isEqualTo(room.engine().advanceTo(later)).isNotEmpty();
        Command byAQaReviewer = new Command.ConfirmGuidance(staffWith(Role.QA_REVIEWER), "SOP-1");
        assertThat(rebuilt.submit(99, byAQaReviewer, later)).isEqualTo(room.engine().submit(99, byAQaReviewer, later));
        Actor ctl2 = new Actor("ctl2", Role.CONTROLLER, "SE");
        assertThat(rebuilt.submit(100, new Command.ConfirmGuidance(ctl2, "SOP-1"), later))
                .isEqualTo(room.engine().submit(100, new Command.ConfirmGuidance(ctl2, "SOP-1"), later));
    }

    private GuidanceView guidance() {
        return room.queries().guidance().stream().filter(g -> g.id().equals("SOP-1")).findFirst().orElseThrow();
    }
}
