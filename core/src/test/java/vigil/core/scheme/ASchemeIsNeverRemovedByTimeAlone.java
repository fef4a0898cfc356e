package vigil.core.scheme;

import static vigil.core.story.ControlRoom.controlRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.ControlRoom.OIC;
import static vigil.core.story.SchemeActs.callAbout;
import static vigil.core.story.SchemeActs.callFrom;
import static vigil.core.story.SchemeActs.contact;
import static vigil.core.story.SchemeActs.extend;
import static vigil.core.story.SchemeActs.form;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.SchemeActs.victimToldOfScheme;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vigil.core.Command.ContactOutcome;
import vigil.core.Event.FirstStageReviewSent;
import vigil.core.Event.PreviousSchemeFound;
import vigil.core.Event.SchemeExtended;
import vigil.core.Event.SchemeMatched;
import vigil.core.Event.SchemeReviewOverdue;
import vigil.core.Event.SchemeWithdrawn;
import vigil.core.Event.SecondStageReviewSent;
import vigil.core.story.ControlRoom;

/**
 * In 2018 a marker came off a victim's address without her knowing. Here nothing comes off by time: when the end
 * passes with no decision, {@code SchemeReviewOverdue} is raised and the scheme stays active, still matching her
 * calls, until somebody decides.
 */
class ASchemeIsNeverRemovedByTimeAlone {
    static final Instant ACTIVATED = london("2025-01-06T10:00");
    static final Instant END = london("2025-07-06T10:00");

    @Test
    void pastItsEndWithNoDecisionTheSchemeIsOverdueAndStillOn() {
        ControlRoom room = controlRoom().openingAt(ACTIVATED).givenActive(form("S1"))
                .at(london("2025-01-07T10:00")).given(victimToldOfScheme("S1"));

        room.whenClockReaches(END);

        assertThat(room.recorded(FirstStageReviewSent.class)).hasSize(1);
        assertThat(room.recorded(SecondStageReviewSent.class)).hasSize(1);
        assertThat(room.latest(SchemeReviewOverdue.class)).extracting(SchemeReviewOverdue::schemeId)
                .containsExactly("S1");
        assertThat(room.lastAt(SchemeReviewOverdue.class)).isEqualTo(END);

        room.at(END.plusSeconds(1)).when(callFrom("C1", "+44 7700 900123"));
        assertThat(room.latest(SchemeMatched.class)).extracting(SchemeMatched::schemeId).containsExactly("S1");

        room.at(london("2026-07-06T10:00")).when(callAbout("C2", "flat 2 10 example road london se11aa"));
        assertThat(room.latest(SchemeMatched.class)).as("a year past its end, still on").hasSize(1);
        assertThat(room.latest(PreviousSchemeFound.class)).isEmpty();

        assertThat(room.recorded(SchemeWithdrawn.class)).isEmpty();
        assertThat(room.recorded(SchemeReviewOverdue.class)).as("raised once").hasSize(1);
    }

    @Test
    void aLateExtensionRunsOnFromTheOldEndNotFromTheDecision() {
        ControlRoom room = controlRoom().openingAt(ACTIVATED).givenActive(form("S1"))
                .at(london("2025-01-07T10:00")).given(victimToldOfScheme("S1"))
                .whenClockReaches(london("2025-09-01T10:00"))
                .at(london("2025-09-02T10:00")).given(contact("S1", ContactOutcome.MESSAGE_LEFT));

        room.at(london("2025-09-02T11:00")).when(extend("S1", OIC));

        assertThat(room.latest(SchemeExtended.class)).singleElement().satisfies(x -> {
            assertThat(x.maxUntil()).isEqualTo(london("2026-01-06T10:00"));
            assertThat(x.firstReviewAt()).isEqualTo(london("2025-12-09T10:00"));
        });

        room.whenClockReaches(london("2026-01-06T10:00"));
        assertThat(room.recorded(FirstStageReviewSent.class)).hasSize(2);
        assertThat(room.recorded(SchemeReviewOverdue.class)).as("the new period's end passes undecided too")
                .hasSize(2);
        assertThat(room.lastAt(SchemeReviewOverdue.class)).isEqualTo(london("2026-01-06T10:00"));
    }
}
