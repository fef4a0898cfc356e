package vigil.core.scheme;

import static vigil.core.story.ControlRoom.controlRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.SchemeActs.contact;
import static vigil.core.story.SchemeActs.form;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.SchemeActs.withdraw;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.core.Command;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.Explained;
import vigil.core.Event.SchemeWithdrawn;
import vigil.core.Event.VictimContactOverdue;
import vigil.core.Policy;
import vigil.core.Span;
import vigil.core.story.ControlRoom;

/**
 * Once a scheme is on, the OIC must reach the victim and explain what it is and how long it lasts. If no CONTACTED
 * attempt has explained SCHEME and DURATION within {@code victimContactWithin} (seven days) of activation, the OIC
 * is told it is overdue: once, at that instant.
 */
class TheVictimIsToldWithinAWeek {
    static final Instant ACTIVATED = london("2025-02-03T10:00");
    static final Instant A_WEEK_ON = london("2025-02-10T10:00");

    static Stream<Arguments> attemptsInTheFirstWeek() {
        return Stream.of(
                Arguments.of("none at all", List.of(), true),
                Arguments.of("only failed attempts", List.of(
                        contact("S1", ContactOutcome.NO_ANSWER),
                        contact("S1", ContactOutcome.MESSAGE_LEFT, Explained.SCHEME, Explained.DURATION),
                        contact("S1", ContactOutcome.UNSAFE),
                        contact("S1", ContactOutcome.OTHER, Explained.SCHEME, Explained.DURATION)), true),
                Arguments.of("reached, told of the scheme but not how long", List.of(
                        contact("S1", ContactOutcome.CONTACTED, Explained.SCHEME, Explained.WITHDRAWAL)), true),
                Arguments.of("reached, told how long but not what it is", List.of(
                        contact("S1", ContactOutcome.CONTACTED, Explained.DURATION)), true),
                Arguments.of("reached and told both", List.of(
                        contact("S1", ContactOutcome.CONTACTED, Explained.SCHEME, Explained.DURATION)), false),
                Arguments.of("unsafe, then reached another way and told both", List.of(
                        contact("S1", ContactOutcome.UNSAFE),
                        contact("S1", ContactOutcome.CONTACTED, Explained.SCHEME, Explained.DURATION,
                                Explained.WITHDRAWAL)), false));
    }

    @ParameterizedTest(name = "{0}: overdue {2}")
    @MethodSource("attemptsInTheFirstWeek")
    void overdueUnlessReachedAndToldWhatAndHowLong(String story, List<Command> attempts, boolean overdue) {
        ControlRoom room = controlRoom().openingAt(ACTIVATED).givenActive(form("S1"))
                .at(london("2025-02-04T10:00")).given(attempts.toArray(Command[]::new));

        room.whenClockReaches(A_WEEK_ON.minusSeconds(1));
        assertThat(room.latest(VictimContactOverdue.class)).as("not before the week is up").isEmpty();

        room.whenClockReaches(A_WEEK_ON);
        assertThat(room.latest(VictimContactOverdue.class)).hasSize(overdue ? 1 : 0);
    }

    @Test
    void theOverdueNoticeNamesTheOicAndComesOnce() {
        ControlRoom room = controlRoom().openingAt(ACTIVATED).givenActive(form("S1").withOic("oic2"));

        room.whenClockReaches(london("2025-05-01T10:00"));

        assertThat(room.recorded(VictimContactOverdue.class)).extracting(VictimContactOverdue::schemeId,
                VictimContactOverdue::oic).containsExactly(org.assertj.core.groups.Tuple.tuple("S1", "oic2"));
        assertThat(room.lastAt(VictimContactOverdue.class)).isEqualTo(A_WEEK_ON);
    }

    /** Withdrawing the scheme does not excuse the OIC: she was never told it existed. */
    @Test
    void aSchemeWithdrawnBeforeTheWeekIsUpIsStillOverdue() {
        Policy shortSchemes = Policy.metropolitan().withSchemeMaxDuration(Span.parse("P5D"))
                .withSchemeReviewLead(Span.parse("P4D"));
        ControlRoom room = controlRoom().withPolicy(shortSchemes).openingAt(ACTIVATED).givenActive(form("S1"))
                .at(london("2025-02-05T10:00")).given(contact("S1", ContactOutcome.NO_ANSWER))
                .at(london("2025-02-05T11:00")).given(withdraw("S1", ControlRoom.OIC));
        assertThat(room.recorded(SchemeWithdrawn.class)).as("withdrawn after the first-stage review").hasSize(1);

        room.whenClockReaches(london("2025-03-01T10:00"));

        assertThat(room.recorded(VictimContactOverdue.class)).extracting(VictimContactOverdue::schemeId)
                .containsExactly("S1");
        assertThat(room.lastAt(VictimContactOverdue.class)).isEqualTo(A_WEEK_ON);
    }

    @Test
    void reachingHerAtTheLastInstantIsInTime() {
        ControlRoom room = controlRoom().openingAt(ACTIVATED).givenActive(form("S1"))
                .at(A_WEEK_ON).given(contact("S1", ContactOutcome.CONTACTED, Explained.SCHEME, Explained.DURATION));

        room.whenClockReaches(london("2025-03-01T10:00"));

        assertThat(room.recorded(VictimContactOverdue.class)).isEmpty();
    }

    @Test
    void reachingHerLateDoesNotUndoTheNotice() {
        ControlRoom room = controlRoom().openingAt(ACTIVATED).givenActive(form("S1"))
                .at(A_WEEK_ON.plusSeconds(60));

        room.when(contact("S1", ContactOutcome.CONTACTED, Explained.SCHEME, Explained.DURATION));

        assertThat(room.latest(VictimContactOverdue.class)).as("fired at the deadline, before the late contact")
                .hasSize(1);
        assertThat(room.lastAt(VictimContactOverdue.class)).isEqualTo(A_WEEK_ON);
    }

    @Test
    void theWeekRunsInCalendarDaysAcrossTheClockChange() {
        // activated at noon GMT on 27 March 2025; the clocks go forward on the 30th; due at noon BST on 3 April
        ControlRoom room = controlRoom().openingAt(london("2025-03-27T12:00")).givenActive(form("S1"));

        room.whenClockReaches(london("2025-04-04T12:00"));

        assertThat(room.lastAt(VictimContactOverdue.class)).isEqualTo(london("2025-04-03T12:00"))
                .isEqualTo(Instant.parse("2025-04-03T11:00:00Z"));
    }
}
