package vigil.core.scheme;

import static vigil.core.story.ControlRoom.controlRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.ControlRoom.CRIME_MANAGER;
import static vigil.core.story.ControlRoom.OIC;
import static vigil.core.story.SchemeActs.callFrom;
import static vigil.core.story.SchemeActs.contact;
import static vigil.core.story.SchemeActs.extend;
import static vigil.core.story.SchemeActs.form;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.SchemeActs.victimToldOfScheme;
import static vigil.core.story.SchemeActs.withdraw;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.Explained;
import vigil.core.Event.FirstStageReviewSent;
import vigil.core.Event.SchemeExtended;
import vigil.core.Event.SchemeMatched;
import vigil.core.Event.SchemeReviewOverdue;
import vigil.core.Event.SchemeWithdrawn;
import vigil.core.Event.SecondStageReviewSent;
import vigil.core.Reason;
import vigil.core.story.ControlRoom;

/**
 * EXTEND adds another {@code schemeMaxDuration} to the scheme's end, back to back, and the next cycle runs from the
 * new end: a new first-stage review 28 days before it, a new second stage 14 days after that, and a new need to try
 * the victim before deciding. The first cycle's deadlines fire nothing once it is decided.
 */
class AnExtensionStartsASecondCycle {
    static final Instant ACTIVATED = london("2025-01-06T10:00");

    static ControlRoom extendedAtTheFirstReview() {
        ControlRoom room = controlRoom().openingAt(ACTIVATED).givenActive(form("S1"))
                .at(london("2025-01-07T10:00")).given(victimToldOfScheme("S1"))
                .whenClockReaches(london("2025-06-08T10:00"))
                .at(london("2025-06-10T10:00"))
                .given(contact("S1", ContactOutcome.CONTACTED, Explained.EXTENSION, Explained.DURATION));
        return room.at(london("2025-06-11T10:00")).when(extend("S1", OIC));
    }

    @Test
    void theNewEndIsSixCalendarMonthsOnFromTheOldOne() {
        ControlRoom room = extendedAtTheFirstReview();

        assertThat(room.latest(SchemeExtended.class)).singleElement().satisfies(x -> {
            assertThat(x.schemeId()).isEqualTo("S1");
            assertThat(x.maxUntil()).isEqualTo(london("2026-01-06T10:00"))
                    .isEqualTo(Instant.parse("2026-01-06T10:00:00Z"));
            assertThat(x.firstReviewAt()).isEqualTo(london("2025-12-09T10:00"));
        });
    }

    @Test
    void theFirstCycleEndsQuietlyOnceDecided() {
        ControlRoom room = extendedAtTheFirstReview();

        room.whenClockReaches(london("2025-12-09T09:59"));

        assertThat(room.recorded(SecondStageReviewSent.class)).isEmpty();
        assertThat(room.recorded(SchemeReviewOverdue.class)).isEmpty();
        assertThat(room.recorded(FirstStageReviewSent.class)).hasSize(1);
    }

    @Test
    void inTheSecondCycleTheSchemeStillMatchesCalls() {
        ControlRoom room = extendedAtTheFirstReview();

        room.at(london("2025-08-01T22:00")).when(callFrom("C1", "07700900123"));

        assertThat(room.latest(SchemeMatched.class)).extracting(SchemeMatched::schemeId).containsExactly("S1");
    }

    @Test
    void theSecondCycleNeedsItsOwnReviewAndItsOwnContact() {
        ControlRoom room = extendedAtTheFirstReview();

        room.at(london("2025-12-01T10:00")).when(withdraw("S1", OIC));
        room.thenRejected(Reason.VICTIM_NOT_CONTACTED); // before the second first-stage review

        room.whenClockReaches(london("2025-12-09T10:00"));
        assertThat(room.latest(FirstStageReviewSent.class)).extracting(FirstStageReviewSent::to)
                .containsExactly(OIC.id());

        room.at(london("2025-12-10T10:00")).when(withdraw("S1", OIC));
        room.thenRejected(Reason.VICTIM_NOT_CONTACTED); // the June contact was for the first cycle

        room.whenClockReaches(london("2025-12-23T10:00"));
        assertThat(room.latest(SecondStageReviewSent.class)).extracting(SecondStageReviewSent::to)
                .containsExactly(CRIME_MANAGER.id());

        room.at(london("2025-12-24T10:00"))
                .given(contact("S1", ContactOutcome.CONTACTED, Explained.WITHDRAWAL))
                .when(withdraw("S1", CRIME_MANAGER));
        assertThat(room.latest(SchemeWithdrawn.class)).extracting(SchemeWithdrawn::victimInformed)
                .containsExactly(true);

        room.whenClockReaches(london("2026-02-01T10:00"));
        assertThat(room.recorded(SchemeReviewOverdue.class)).isEmpty();
    }

    @Test
    void extendingAgainAddsAnotherPeriod() {
        ControlRoom room = extendedAtTheFirstReview()
                .whenClockReaches(london("2025-12-09T10:00"))
                .at(london("2025-12-10T10:00")).given(contact("S1", ContactOutcome.NO_ANSWER));

        room.when(extend("S1", CRIME_MANAGER));

        assertThat(room.latest(SchemeExtended.class)).singleElement().satisfies(x -> {
            assertThat(x.maxUntil()).isEqualTo(london("2026-07-06T10:00"));
            assertThat(x.firstReviewAt()).isEqualTo(london("2026-06-08T10:00"));
        });
    }
}
