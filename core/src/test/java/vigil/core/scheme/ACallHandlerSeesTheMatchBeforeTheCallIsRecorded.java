package vigil.core.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.ControlRoom.OIC;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.SchemeActs.call;
import static vigil.core.story.SchemeActs.callFrom;
import static vigil.core.story.SchemeActs.contact;
import static vigil.core.story.SchemeActs.createIncident;
import static vigil.core.story.SchemeActs.form;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.SchemeActs.victimToldOfScheme;
import static vigil.core.story.SchemeActs.withdraw;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.Explained;
import vigil.core.Event.MatchedOn;
import vigil.core.Event.PreviousContactsFound;
import vigil.core.Event.PreviousSchemeFound;
import vigil.core.Event.SchemeMatched;
import vigil.core.Grade;
import vigil.core.engine.Queries;
import vigil.core.story.ControlRoom;

/**
 * While a call is being taken, the call handler's screen asks what recording it would find: the same matching as
 * RecordCall's (a number however written, an address however typed), the schemes withdrawn within the window, and the
 * earlier calls with their domestic flag. Asking records nothing and changes nothing.
 */
class ACallHandlerSeesTheMatchBeforeTheCallIsRecorded {

    @ParameterizedTest(name = "CLI \"{0}\", address \"{1}\"")
    @CsvSource(value = {"+44 7700 900123|", "|flat 2 10 example road london se11aa",
                        "0044 7700 900 123|FLAT 2, 10 EXAMPLE ROAD, LONDON SE1 1AA"}, delimiter = '|')
    void aSchemeIsFoundHoweverTheNumberOrAddressIsWrittenAndAskingRecordsNothing(String cli, String address) {
        ControlRoom room = controlRoom().openingAt(london("2025-02-01T09:00"))
                .givenActive(form("S1").withClis("07700 900123")
                        .withAddress("Flat 2, 10 Example Road, London SE1 1AA").withRequiredGrade(Grade.I))
                .at(london("2025-02-02T10:00"));
        String before = room.engine().queries().describe();

        Queries.CallerCheck check = room.engine().queries().checkCaller(cli, address, room.now());

        assertThat(check.schemes()).singleElement().satisfies(hit -> {
            assertThat(hit.schemeId()).isEqualTo("S1");
            assertThat(hit.matchedOn()).isEqualTo(cli == null ? MatchedOn.ADDRESS : MatchedOn.CLI);
            assertThat(hit.requiredGrade()).isEqualTo(Grade.I);
        });
        assertThat(room.engine().queries().describe()).as("nothing recorded, nothing changed").isEqualTo(before);

        room.when(call("C1", cli, address));
        assertThat(room.latest(SchemeMatched.class)).extracting(SchemeMatched::schemeId, SchemeMatched::matchedOn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("S1", check.schemes().getFirst().matchedOn()));
    }

    @Test
    void aWithdrawnSchemeAndEarlierDomesticCallsAreFoundAsRecordingWouldFindThem() {
        ControlRoom room = controlRoom().openingAt(london("2025-01-06T10:00")).givenActive(form("S1"))
                .at(london("2025-01-07T10:00")).given(victimToldOfScheme("S1"))
                .whenClockReaches(london("2025-06-08T10:00"))
                .at(london("2025-06-09T10:00")).given(contact("S1", ContactOutcome.CONTACTED, Explained.WITHDRAWAL))
                .at(london("2025-06-10T13:00")).given(withdraw("S1", OIC))
                .at(london("2025-06-20T10:00")).given(callFrom("C1", "07700 900123"),
                        createIncident("CAD-1", "C1", Grade.S, true))
                .at(london("2025-06-21T10:00")).given(callFrom("C2", "07700900123"));

        Queries.CallerCheck check = room.engine().queries().checkCaller("+447700900123", null, room.now());

        assertThat(check.schemes()).isEmpty();
        assertThat(check.withdrawn()).extracting(Queries.SchemeHit::schemeId).containsExactly("S1");
        assertThat(check.previousCalls()).isEqualTo(2);
        assertThat(check.previousCallIds()).containsExactly("C1", "C2");
        assertThat(check.domestic()).isTrue();

        room.when(callFrom("C3", "07700 900123"));
        assertThat(room.latest(PreviousSchemeFound.class)).extracting(PreviousSchemeFound::schemeId)
                .containsExactly("S1");
        assertThat(room.latest(PreviousContactsFound.class)).singleElement().satisfies(p -> {
            assertThat(p.count()).isEqualTo(check.previousCalls());
            assertThat(p.callIds()).isEqualTo(check.previousCallIds());
            assertThat(p.domestic()).isEqualTo(check.domestic());
        });
    }

    @Test
    void aNumberNobodyHasCalledFromFindsNothing() {
        ControlRoom room = controlRoom().openingAt(london("2025-02-01T09:00"));

        Queries.CallerCheck check = room.engine().queries().checkCaller("07700 900999", "1 Nowhere Lane", room.now());

        assertThat(check.cli()).isEqualTo("+447700900999");
        assertThat(check.schemes()).isEmpty();
        assertThat(check.withdrawn()).isEmpty();
        assertThat(check.previousCalls()).isZero();
    }
}
