package vigil.core.scheme;

import static vigil.core.story.ControlRoom.controlRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.SchemeActs.call;
import static vigil.core.story.SchemeActs.callFrom;
import static vigil.core.story.SchemeActs.form;
import static vigil.core.story.ControlRoom.london;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vigil.core.Event.CallRecorded;
import vigil.core.Event.PreviousContactsFound;
import vigil.core.Event.PreviousSchemeFound;
import vigil.core.Event.SchemeMatched;
import vigil.core.story.ControlRoom;

/**
 * A CLI that does not parse as a phone number (withheld, anonymous, a fragment) is recorded as given. It matches no
 * scheme and no earlier call: two withheld callers are not the same caller.
 */
class CallerLinesThatAreNotNumbersMatchNothing {

    @ParameterizedTest(name = "CLI \"{0}\"")
    @ValueSource(strings = {"withheld", "ANONYMOUS", "Unavailable", "12", "999", "+44", "0", "not a number"})
    void echoedAsGivenAndMatchingNothing(String cli) {
        ControlRoom room = controlRoom().openingAt(london("2025-05-01T09:00"))
                .givenActive(form("S1").withClis("07700 900501").withAddress("9 Number Street, London E14 5AB"))
                .at(london("2025-05-02T10:00"))
                .given(callFrom("C1", cli));

        room.at(london("2025-05-02T11:00")).when(callFrom("C2", cli));

        assertThat(room.latest(CallRecorded.class)).extracting(CallRecorded::cli).containsExactly(cli);
        assertThat(room.latest(SchemeMatched.class)).isEmpty();
        assertThat(room.latest(PreviousSchemeFound.class)).isEmpty();
        assertThat(room.latest(PreviousContactsFound.class)).as("no caller history by a CLI that is not a number")
                .isEmpty();
    }

    /**
     * A fragment of a UK number is not a number: E.164 has no trunk 0 after the country code, so "07700" must not come
     * out as "+4407700" and tie together every caller whose line gave the same fragment.
     */
    @ParameterizedTest(name = "CLI \"{0}\"")
    @ValueSource(strings = {"07700", "0207", "00000000", "+44 07700"})
    void aFragmentOfANumberIsNotANumber(String cli) {
        ControlRoom room = controlRoom().openingAt(london("2025-05-01T09:00"))
                .at(london("2025-05-02T10:00")).given(callFrom("C1", cli));

        room.at(london("2025-05-02T11:00")).when(callFrom("C2", cli));

        assertThat(room.latest(CallRecorded.class)).extracting(CallRecorded::cli).containsExactly(cli);
        assertThat(room.latest(PreviousContactsFound.class)).as("two callers whose lines gave a fragment").isEmpty();
    }

    @ParameterizedTest(name = "CLI \"{0}\"")
    @ValueSource(strings = {"withheld", "12"})
    void theAddressStillMatches(String cli) {
        ControlRoom room = controlRoom().openingAt(london("2025-05-01T09:00"))
                .givenActive(form("S1").withClis("07700 900501").withAddress("9 Number Street, London E14 5AB"))
                .at(london("2025-05-02T10:00"))
                .given(call("C1", cli, "9 Number Street London E14 5AB"));

        room.at(london("2025-05-02T11:00")).when(call("C2", cli, "9 NUMBER STREET, LONDON E145AB"));

        assertThat(room.latest(SchemeMatched.class)).extracting(SchemeMatched::matchedOn)
                .containsExactly(vigil.core.Event.MatchedOn.ADDRESS);
        assertThat(room.latest(PreviousContactsFound.class)).extracting(PreviousContactsFound::callIds)
                .containsExactly(java.util.List.of("C1"));
    }
}
