package vigil.core.scheme;

import static vigil.core.story.ControlRoom.controlRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.ControlRoom.CRIME_MANAGER;
import static vigil.core.story.ControlRoom.OIC;
import static vigil.core.story.SchemeActs.contact;
import static vigil.core.story.SchemeActs.extend;
import static vigil.core.story.SchemeActs.form;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.SchemeActs.victimToldOfScheme;
import static vigil.core.story.SchemeActs.withdraw;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.Explained;
import vigil.core.Command.SchemeDecision;
import vigil.core.Event.FirstStageReviewSent;
import vigil.core.Event.SchemeExtended;
import vigil.core.Event.SchemeWithdrawn;
import vigil.core.Event.SecondStageReviewSent;
import vigil.core.Reason;
import vigil.core.story.ControlRoom;

/**
 * The review begins with the first-stage notice to the OIC, 28 days before the scheme's end. A decision either way is
 * refused (VICTIM_NOT_CONTACTED) until the OIC has recorded at least one attempt to reach the victim since the notice:
 * before the notice there can be none, and contacts from before it do not count.
 */
class AReviewIsDecidedOnlyAfterTryingTheVictim {
    /** Activated 10:00 on 6 January 2025: ends 10:00 on 6 July, first-stage review 10:00 on 8 June (London). */
    static final Instant ACTIVATED = london("2025-01-06T10:00");
    static final Instant FIRST_STAGE = london("2025-06-08T10:00");

    static ControlRoom activeAndToldAtTheStart() {
        return controlRoom().openingAt(ACTIVATED).givenActive(form("S1"))
                .at(london("2025-01-07T18:00")).given(victimToldOfScheme("S1"));
    }

    static Command decide(SchemeDecision d, Actor by) {
        return d == SchemeDecision.EXTEND ? extend("S1", by) : withdraw("S1", by);
    }

    @ParameterizedTest
    @EnumSource(SchemeDecision.class)
    void aDecisionBeforeTheReviewHasBegunIsRefused(SchemeDecision decision) {
        ControlRoom room = activeAndToldAtTheStart().at(FIRST_STAGE.minusSeconds(1));

        room.when(decide(decision, OIC));
        room.thenRejected(Reason.VICTIM_NOT_CONTACTED);

        room.when(decide(decision, CRIME_MANAGER));
        room.thenRejected(Reason.VICTIM_NOT_CONTACTED);
    }

    @Test
    void theFirstStageReviewGoesToTheOicNamedOnTheForm() {
        ControlRoom room = controlRoom().openingAt(ACTIVATED).givenActive(form("S1").withOic("oic2"));

        room.whenClockReaches(FIRST_STAGE);

        assertThat(room.latest(FirstStageReviewSent.class)).extracting(FirstStageReviewSent::to)
                .containsExactly("oic2");
        assertThat(room.lastAt(FirstStageReviewSent.class)).isEqualTo(FIRST_STAGE);
    }

    @ParameterizedTest
    @EnumSource(SchemeDecision.class)
    void aContactFromBeforeTheReviewDoesNotCount(SchemeDecision decision) {
        ControlRoom room = activeAndToldAtTheStart()
                .at(london("2025-06-01T10:00"))
                .given(contact("S1", ContactOutcome.CONTACTED, Explained.WITHDRAWAL, Explained.EXTENSION))
                .whenClockReaches(FIRST_STAGE);

        room.at(london("2025-06-09T10:00")).when(decide(decision, OIC));

        room.thenRejected(Reason.VICTIM_NOT_CONTACTED);
    }

    @ParameterizedTest
    @EnumSource(ContactOutcome.class)
    void anyAttemptSinceTheReviewBeganAllowsADecision(ContactOutcome outcome) {
        ControlRoom room = activeAndToldAtTheStart().whenClockReaches(FIRST_STAGE)
                .at(london("2025-06-09T10:00")).given(contact("S1", outcome));

        room.when(withdraw("S1", OIC)).thenAccepted();
        assertThat(room.latest(SchemeWithdrawn.class)).extracting(SchemeWithdrawn::schemeId).containsExactly("S1");
    }

    @Test
    void anAttemptAllowsAnExtensionToo() {
        ControlRoom room = activeAndToldAtTheStart().whenClockReaches(FIRST_STAGE)
                .at(london("2025-06-09T10:00")).given(contact("S1", ContactOutcome.NO_ANSWER));

        room.when(extend("S1", CRIME_MANAGER)).thenAccepted();
        assertThat(room.latest(SchemeExtended.class)).hasSize(1);
    }

    /**
     * A step at exactly a deadline's instant runs before the deadline fires (contract), so a contact recorded at the
     * very instant of the first-stage review comes before the review was sent: it is not an attempt since.
     */
    @Test
    void aContactRecordedJustBeforeTheReviewWasSentDoesNotCount() {
        ControlRoom room = activeAndToldAtTheStart().at(FIRST_STAGE)
                .given(contact("S1", ContactOutcome.CONTACTED, Explained.WITHDRAWAL))
                .whenClockReaches(FIRST_STAGE);
        assertThat(room.latest(FirstStageReviewSent.class)).as("the review is sent after the contact").hasSize(1);

        room.at(FIRST_STAGE.plusSeconds(1800)).when(withdraw("S1", OIC));

        room.thenRejected(Reason.VICTIM_NOT_CONTACTED);
    }

    @Test
    void theSecondStageGoesToACrimeManagerOfTheSchemesBcuFourteenDaysOn() {
        ControlRoom room = activeAndToldAtTheStart().whenClockReaches(FIRST_STAGE);

        room.whenClockReaches(london("2025-06-22T10:00"));

        assertThat(room.latest(SecondStageReviewSent.class)).extracting(SecondStageReviewSent::to)
                .containsExactly(CRIME_MANAGER.id());
    }

    @Test
    void aRefusedDecisionDoesNotStopTheSecondStage() {
        ControlRoom room = activeAndToldAtTheStart().whenClockReaches(FIRST_STAGE)
                .at(london("2025-06-10T10:00")).when(withdraw("S1", OIC));
        room.thenRejected(Reason.VICTIM_NOT_CONTACTED);

        room.whenClockReaches(london("2025-06-22T10:00"));

        assertThat(room.latest(SecondStageReviewSent.class)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(SchemeDecision.class)
    void aDecisionInTimeMeansNoSecondStage(SchemeDecision decision) {
        ControlRoom room = activeAndToldAtTheStart().whenClockReaches(FIRST_STAGE)
                .at(london("2025-06-09T10:00"))
                .given(contact("S1", ContactOutcome.CONTACTED, Explained.WITHDRAWAL, Explained.EXTENSION),
                        decide(decision, OIC));

        room.whenClockReaches(london("2025-08-01T10:00"));

        assertThat(room.recorded(SecondStageReviewSent.class)).isEmpty();
    }
}
