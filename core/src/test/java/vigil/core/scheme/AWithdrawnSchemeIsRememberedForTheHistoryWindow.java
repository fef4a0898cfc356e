package vigil.core.scheme;

import static vigil.core.story.ControlRoom.controlRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.ControlRoom.OIC;
import static vigil.core.story.SchemeActs.callAbout;
import static vigil.core.story.SchemeActs.callFrom;
import static vigil.core.story.SchemeActs.contact;
import static vigil.core.story.SchemeActs.form;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.SchemeActs.victimToldOfScheme;
import static vigil.core.story.SchemeActs.withdraw;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.Explained;
import vigil.core.Event.PreviousSchemeFound;
import vigil.core.Event.SchemeMatched;
import vigil.core.story.ControlRoom;

/**
 * After a withdrawal the marker is gone, but for {@code historyWindow} (90 days) a call by the scheme's number or
 * to its address still tells the call handler that there was one ({@code PreviousSchemeFound}); after that, nothing.
 */
class AWithdrawnSchemeIsRememberedForTheHistoryWindow {
    static final Instant WITHDRAWN = london("2025-06-10T13:00");

    static ControlRoom withdrawnOn10June() {
        return controlRoom().openingAt(london("2025-01-06T10:00")).givenActive(form("S1"))
                .at(london("2025-01-07T10:00")).given(victimToldOfScheme("S1"))
                .whenClockReaches(london("2025-06-08T10:00"))
                .at(london("2025-06-09T10:00")).given(contact("S1", ContactOutcome.CONTACTED, Explained.WITHDRAWAL))
                .at(WITHDRAWN).given(withdraw("S1", OIC));
    }

    @Test
    void theNextDayACallByItsNumberFindsItButDoesNotMatchIt() {
        ControlRoom room = withdrawnOn10June().at(london("2025-06-11T10:00"));

        room.when(callFrom("C1", "+44 7700 900123"));

        assertThat(room.latest(SchemeMatched.class)).isEmpty();
        assertThat(room.latest(PreviousSchemeFound.class))
                .extracting(PreviousSchemeFound::callId, PreviousSchemeFound::schemeId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("C1", "S1"));
    }

    @Test
    void anHourInsideTheWindowACallToItsAddressFindsIt() {
        ControlRoom room = withdrawnOn10June().at(london("2025-09-08T12:00"));

        room.when(callAbout("C1", "flat 2 10 example road london se11aa"));

        assertThat(room.latest(PreviousSchemeFound.class)).extracting(PreviousSchemeFound::schemeId)
                .containsExactly("S1");
    }

    @Test
    void anHourAfterTheWindowNothingIsFound() {
        ControlRoom room = withdrawnOn10June().at(london("2025-09-08T14:00"));

        room.when(callFrom("C1", "07700900123"));
        room.when(callAbout("C2", "Flat 2, 10 Example Road, London SE1 1AA"));

        assertThat(room.recorded(PreviousSchemeFound.class)).isEmpty();
        assertThat(room.recorded(SchemeMatched.class)).isEmpty();
    }

    @Test
    void aNewSchemeForTheSameNumberMatchesWhileTheOldOneIsFound() {
        ControlRoom room = withdrawnOn10June()
                .at(london("2025-08-01T10:00")).givenActive(form("S2").withAddress(null))
                .at(london("2025-08-02T10:00"));

        room.when(callFrom("C1", "07700 900123"));

        assertThat(room.latest(SchemeMatched.class)).extracting(SchemeMatched::schemeId).containsExactly("S2");
        assertThat(room.latest(PreviousSchemeFound.class)).extracting(PreviousSchemeFound::schemeId)
                .containsExactly("S1");
    }
}
