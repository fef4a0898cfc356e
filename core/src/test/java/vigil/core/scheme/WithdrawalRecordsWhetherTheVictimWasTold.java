package vigil.core.scheme;

import static vigil.core.story.ControlRoom.controlRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.ControlRoom.OIC;
import static vigil.core.story.SchemeActs.contact;
import static vigil.core.story.SchemeActs.form;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.SchemeActs.victimToldOfScheme;
import static vigil.core.story.SchemeActs.withdraw;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.core.Command;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.Explained;
import vigil.core.Event.SchemeWithdrawn;
import vigil.core.story.ControlRoom;

/**
 * The IOPC found a victim whose marker was removed without her knowing. Every withdrawal now says whether she was
 * told: {@code victimInformed} is true only when, since the first-stage review, she was reached (CONTACTED) and the
 * withdrawal explained to her. Failed attempts still allow the decision, but are recorded as not informing her.
 */
class WithdrawalRecordsWhetherTheVictimWasTold {

    static Stream<Arguments> attemptsSinceTheReview() {
        return Stream.of(
                Arguments.of("reached and told of the withdrawal", List.of(
                        contact("S1", ContactOutcome.CONTACTED, Explained.WITHDRAWAL)), true),
                Arguments.of("no answer, then reached and told", List.of(
                        contact("S1", ContactOutcome.NO_ANSWER),
                        contact("S1", ContactOutcome.CONTACTED, Explained.SCHEME, Explained.WITHDRAWAL)), true),
                Arguments.of("no answer only", List.of(
                        contact("S1", ContactOutcome.NO_ANSWER)), false),
                Arguments.of("every kind of failed attempt, each meaning to explain the withdrawal", List.of(
                        contact("S1", ContactOutcome.NO_ANSWER, Explained.WITHDRAWAL),
                        contact("S1", ContactOutcome.MESSAGE_LEFT, Explained.WITHDRAWAL),
                        contact("S1", ContactOutcome.UNSAFE, Explained.WITHDRAWAL),
                        contact("S1", ContactOutcome.OTHER, Explained.WITHDRAWAL)), false),
                Arguments.of("reached but told only of the scheme and its duration", List.of(
                        contact("S1", ContactOutcome.CONTACTED, Explained.SCHEME, Explained.DURATION)), false),
                Arguments.of("reached but told of an extension", List.of(
                        contact("S1", ContactOutcome.CONTACTED, Explained.EXTENSION)), false));
    }

    @ParameterizedTest(name = "{0}: victimInformed {2}")
    @MethodSource("attemptsSinceTheReview")
    void victimInformedFollowsTheAttemptsSinceTheReview(String story, List<Command> attempts, boolean informed) {
        ControlRoom room = controlRoom().openingAt(london("2025-01-06T10:00")).givenActive(form("S1"))
                .at(london("2025-01-07T10:00")).given(victimToldOfScheme("S1"))
                .whenClockReaches(london("2025-06-08T10:00"))
                .at(london("2025-06-09T10:00")).given(attempts.toArray(Command[]::new));

        room.at(london("2025-06-10T10:00")).when(withdraw("S1", OIC));

        assertThat(room.latest(SchemeWithdrawn.class)).extracting(SchemeWithdrawn::victimInformed)
                .containsExactly(informed);
    }

    @ParameterizedTest(name = "told of the withdrawal before the review, then {0}")
    @MethodSource("failedOutcomes")
    void beingToldBeforeTheReviewBeganDoesNotCount(ContactOutcome since) {
        ControlRoom room = controlRoom().openingAt(london("2025-01-06T10:00")).givenActive(form("S1"))
                .at(london("2025-01-07T10:00"))
                .given(contact("S1", ContactOutcome.CONTACTED, Explained.SCHEME, Explained.DURATION,
                        Explained.WITHDRAWAL))
                .whenClockReaches(london("2025-06-08T10:00"))
                .at(london("2025-06-09T10:00")).given(contact("S1", since));

        room.at(london("2025-06-10T10:00")).when(withdraw("S1", OIC));

        assertThat(room.latest(SchemeWithdrawn.class)).extracting(SchemeWithdrawn::victimInformed)
                .containsExactly(false);
    }

    static Stream<ContactOutcome> failedOutcomes() {
        return Stream.of(ContactOutcome.values()).filter(o -> o != ContactOutcome.CONTACTED);
    }
}
