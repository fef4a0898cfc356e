package vigil.core.scheme;

import static vigil.core.story.ControlRoom.controlRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static vigil.core.story.SchemeActs.activate;
import static vigil.core.story.SchemeActs.call;
import static vigil.core.story.SchemeActs.callAbout;
import static vigil.core.story.SchemeActs.callFrom;
import static vigil.core.story.SchemeActs.form;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.SchemeActs.reject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vigil.core.Event.CallRecorded;
import vigil.core.Event.MatchedOn;
import vigil.core.Event.PreviousContactsFound;
import vigil.core.Event.PreviousSchemeFound;
import vigil.core.Event.SchemeMatched;
import vigil.core.Grade;
import vigil.core.story.ControlRoom;

/**
 * A call matches an active scheme when its CLI is one of the scheme's numbers, compared in E.164 (so the ways one
 * number is written all agree), or when its address is the scheme's address ignoring case, punctuation, repeated
 * spaces and postcode spacing. The match tells the call handler the scheme and the grade it requires.
 */
class CallsMatchASchemeHoweverTheNumberOrAddressIsWritten {

    static ControlRoom withSchemeOn() {
        return controlRoom().openingAt(london("2025-02-01T09:00"))
                .givenActive(form("S1").withClis("07700 900123")
                        .withAddress("Flat 2, 10 Example Road, London SE1 1AA").withRequiredGrade(Grade.I))
                .at(london("2025-02-02T10:00"));
    }

    @ParameterizedTest(name = "CLI \"{0}\"")
    @ValueSource(strings = {"07700 900123", "07700900123", "+44 7700 900123", "+447700900123", "00447700900123",
            "0044 7700 900 123", "+44 (0)7700 900123", " 07700-900-123 "})
    void oneNumberInAnyOfItsForms(String cli) {
        ControlRoom room = withSchemeOn();

        room.when(callFrom("C1", cli));

        assertThat(room.latest(CallRecorded.class)).extracting(CallRecorded::cli).containsExactly("+447700900123");
        assertThat(room.latest(SchemeMatched.class))
                .extracting(SchemeMatched::callId, SchemeMatched::schemeId, SchemeMatched::matchedOn,
                        SchemeMatched::requiredGrade)
                .containsExactly(tuple("C1", "S1", MatchedOn.CLI, Grade.I));
    }

    @ParameterizedTest(name = "CLI \"{0}\"")
    @ValueSource(strings = {"07700 900124", "07700 90012", "+33 7 00 90 01 23", "+1 770 090 0123", "02079460123"})
    void anotherNumberDoesNotMatch(String cli) {
        ControlRoom room = withSchemeOn();

        room.when(callFrom("C1", cli));

        assertThat(room.latest(SchemeMatched.class)).isEmpty();
    }

    @ParameterizedTest(name = "address \"{0}\"")
    @ValueSource(strings = {
            "Flat 2, 10 Example Road, London SE1 1AA",
            "FLAT 2 10 EXAMPLE ROAD LONDON SE1 1AA",
            "flat 2 10 example road london se11aa",
            "Flat 2,10 Example Road,London,SE1 1AA.",
            "  Flat  2 ,  10   Example Road ;  London   SE1   1AA  ",
            "Flat 2 - 10 Example Road - London - SE11AA",
            "Flat 2, 10 Example Road, London SE11 AA",
            "Flat 2, 10 Example Road, London SE 1 1AA",
            "Flat 2, 10 Example Road, London SE1 1 AA",
            "Flat 2, 10 Example Road, London S E 1 1 A A",
            "Flat 2, 10 Example Road, London SE11A A"})
    void oneAddressHoweverItIsTyped(String address) {
        ControlRoom room = withSchemeOn();

        room.when(callAbout("C1", address));

        assertThat(room.latest(SchemeMatched.class))
                .extracting(SchemeMatched::schemeId, SchemeMatched::matchedOn)
                .containsExactly(tuple("S1", MatchedOn.ADDRESS));
    }

    @ParameterizedTest(name = "address \"{0}\"")
    @ValueSource(strings = {
            "Flat 20, 10 Example Road, London SE1 1AA",
            "Flat 2, 10 Example Road, London SE1 1AB",
            "Flat 2, 100 Example Road, London SE1 1AA",
            "10 Example Road, London SE1 1AA"})
    void aNeighbouringAddressDoesNotMatch(String address) {
        ControlRoom room = withSchemeOn();

        room.when(callAbout("C1", address));

        assertThat(room.latest(SchemeMatched.class)).isEmpty();
    }

    /** Spacing inside a postcode is ignored for every shape of outward code, and a lone letter before it is kept. */
    @ParameterizedTest(name = "scheme \"{0}\", call \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "1 Mile End Road, London E1 6AN  | 1 mile end road london e16 an",
            "1 Mile End Road, London E1 6AN  | 1 Mile End Road London E 16AN",
            "Flat B, 2 Long Lane, W1A 1AA    | flat b 2 long lane w1a1aa",
            "Flat B, 2 Long Lane, W1A 1AA    | FLAT B 2 LONG LANE W 1A 1AA",
            "3 Bank Street, London EC1A 1BB  | 3 bank street london ec1a1bb",
            "3 Bank Street, London EC1A 1BB  | 3 bank street london E C1A1 BB",
            "4 Cross Road, Croydon CR0 2AA   | 4 Cross Road Croydon CR02 AA"})
    void everySpacingOfOnePostcodeMatches(String schemeAddress, String callAddress) {
        ControlRoom room = controlRoom().openingAt(london("2025-02-01T09:00"))
                .givenActive(form("S3").withClis().withAddress(schemeAddress))
                .at(london("2025-02-02T10:00"));

        room.when(callAbout("C1", callAddress));

        assertThat(room.latest(SchemeMatched.class)).extracting(SchemeMatched::schemeId).containsExactly("S3");
    }

    @ParameterizedTest(name = "call \"{0}\"")
    @ValueSource(strings = {"Flat 2, 10 Example Road, London SE1 1AB", "Flat 2, 10 Example Road, London SE2 1AA",
            "Flat 2, 10 Example Road, London SE11 1AA", "Flat 2, 10 Example Road, London"})
    void anotherPostcodeHoweverSpacedDoesNotMatch(String address) {
        ControlRoom room = withSchemeOn();

        room.when(callAbout("C1", address));

        assertThat(room.latest(SchemeMatched.class)).isEmpty();
    }

    /** An apostrophe is punctuation: ignoring punctuation, "St John's" and "St Johns" are one name. */
    @ParameterizedTest(name = "address \"{0}\"")
    @ValueSource(strings = {
            "St John's Court, 5 Acacia Avenue, London SW11 2BB",
            "St. John's Court; 5 Acacia Avenue, London SW112BB",
            "St Johns Court, 5 Acacia Avenue, London SW11 2BB",
            "ST JOHNS COURT 5 ACACIA AVENUE LONDON SW112BB"})
    void anApostropheIsPunctuationToo(String address) {
        ControlRoom room = controlRoom().openingAt(london("2025-02-01T09:00"))
                .givenActive(form("S2").withClis().withAddress("St John's Court, 5 Acacia Avenue, London SW11 2BB"))
                .at(london("2025-02-02T10:00"));

        room.when(callAbout("C1", address));

        assertThat(room.latest(SchemeMatched.class)).extracting(SchemeMatched::schemeId).containsExactly("S2");
    }

    @Test
    void aCallMatchingByNumberAndAddressIsOneMatch() {
        ControlRoom room = withSchemeOn();

        room.when(call("C1", "07700900123", "Flat 2, 10 Example Road, London SE1 1AA"));

        assertThat(room.latest(SchemeMatched.class)).extracting(SchemeMatched::schemeId).containsExactly("S1");
    }

    @Test
    void aCallMayMatchTwoSchemes() {
        ControlRoom room = withSchemeOn()
                .givenActive(form("S2").withClis().withAddress("4 Other Street, London SE1 2BB")
                        .withRequiredGrade(Grade.S));

        room.when(call("C1", "+447700900123", "4 other street london se12bb"));

        assertThat(room.latest(SchemeMatched.class))
                .extracting(SchemeMatched::schemeId, SchemeMatched::matchedOn, SchemeMatched::requiredGrade)
                .containsExactlyInAnyOrder(tuple("S1", MatchedOn.CLI, Grade.I), tuple("S2", MatchedOn.ADDRESS, Grade.S));
    }

    @Test
    void onlyAnActiveSchemeMatches() {
        ControlRoom room = controlRoom().openingAt(london("2025-02-01T09:00"))
                .given(form("REQUESTED").withClis("07700 900201").withAddress("1 Waiting Way, London N1 9GU")
                                .requested(),
                        form("REJECTED").withClis("07700 900202").withAddress("2 Waiting Way, London N1 9GU")
                                .requested(),
                        reject("REJECTED"))
                .at(london("2025-02-02T10:00"));

        room.when(call("C1", "07700 900201", "1 Waiting Way, London N1 9GU"))
                .when(call("C2", "07700 900202", "2 Waiting Way, London N1 9GU"));

        assertThat(room.recorded(SchemeMatched.class)).isEmpty();
        assertThat(room.recorded(PreviousSchemeFound.class)).isEmpty();

        room.given(activate("REQUESTED")).when(callFrom("C3", "+447700900201"));
        assertThat(room.latest(SchemeMatched.class)).extracting(SchemeMatched::schemeId)
                .containsExactly("REQUESTED");
    }

    @Test
    void aSchemeListingOneNumberTwiceMatchesOnce() {
        ControlRoom room = controlRoom().openingAt(london("2025-02-01T09:00"))
                .givenActive(form("S1").withClis("07700 900123", "+44 7700 900123"))
                .at(london("2025-02-02T10:00"));

        room.when(callFrom("C1", "00447700900123"));

        assertThat(room.latest(SchemeMatched.class)).hasSize(1);
        assertThat(room.latest(PreviousContactsFound.class)).isEmpty();
    }
}
