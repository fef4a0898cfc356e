package vigil.core.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.scheme.SchemeRoom.call;
import static vigil.core.scheme.SchemeRoom.callAbout;
import static vigil.core.scheme.SchemeRoom.callFrom;
import static vigil.core.scheme.SchemeRoom.createIncident;
import static vigil.core.scheme.SchemeRoom.link;
import static vigil.core.scheme.SchemeRoom.london;

import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.core.Event.PreviousContactsFound;
import vigil.core.Grade;

/**
 * The woman in the 2018 case had called before. Now every call lists the earlier calls within {@code historyWindow}
 * (90 days) from the same number or to the same address, oldest first, flagged {@code domestic} when one of them
 * led to an incident flagged domestic.
 */
class EarlierCallsAreShownToTheCallHandler {
    static final String HOME = "22 History Row, London N7 7HH";

    @Test
    void callsByTheSameNumberOrToTheSameAddressAreListedOldestFirst() {
        SchemeRoom room = SchemeRoom.openingAt(london("2025-03-01T10:00"))
                .given(call("C1", "07700 900111", HOME))
                .at(london("2025-03-02T10:00")).given(callFrom("C2", "+447700900111"))
                .at(london("2025-03-03T10:00")).given(callAbout("C3", "22 HISTORY ROW LONDON N77HH"))
                .at(london("2025-03-04T10:00")).given(call("C4", "07700 900999", "1 Elsewhere Road, London N7 1AA"));

        room.at(london("2025-03-05T10:00")).when(call("C5", "0044 7700 900111", "22 history row, london, n7 7hh"));

        assertThat(room.latest(PreviousContactsFound.class)).singleElement().satisfies(p -> {
            assertThat(p.callId()).isEqualTo("C5");
            assertThat(p.callIds()).containsExactly("C1", "C2", "C3");
            assertThat(p.domestic()).isFalse();
        });
    }

    @Test
    void theFirstCallHasNoHistory() {
        SchemeRoom room = SchemeRoom.openingAt(london("2025-03-01T10:00"));

        room.when(call("C1", "07700 900111", HOME));

        assertThat(room.latest(PreviousContactsFound.class)).isEmpty();
    }

    @Test
    void aDomesticIncidentFromAnEarlierCallFlagsTheHistory() {
        SchemeRoom room = SchemeRoom.openingAt(london("2025-03-01T10:00"))
                .given(call("C1", "07700 900111", HOME), createIncident("INC-1", "C1", Grade.S, true));

        room.at(london("2025-03-06T10:00")).when(callAbout("C2", HOME));

        assertThat(room.latest(PreviousContactsFound.class)).singleElement().satisfies(p -> {
            assertThat(p.callIds()).containsExactly("C1");
            assertThat(p.domestic()).isTrue();
        });
    }

    @Test
    void anIncidentNotFlaggedDomesticDoesNotFlagIt() {
        SchemeRoom room = SchemeRoom.openingAt(london("2025-03-01T10:00"))
                .given(call("C1", "07700 900111", HOME), createIncident("INC-1", "C1", Grade.E, false));

        room.at(london("2025-03-06T10:00")).when(callFrom("C2", "07700900111"));

        assertThat(room.latest(PreviousContactsFound.class)).extracting(PreviousContactsFound::domestic)
                .containsExactly(false);
    }

    @Test
    void aCallLinkedToADomesticIncidentLedToItToo() {
        SchemeRoom room = SchemeRoom.openingAt(london("2025-03-01T10:00"))
                .given(call("C1", "07700 900111", HOME), createIncident("INC-1", "C1", Grade.S, true))
                .at(london("2025-03-01T10:30")).given(callFrom("C2", "07700 900444"), link("C2", "INC-1"));

        room.at(london("2025-03-07T10:00")).when(callFrom("C3", "07700 900444"));

        assertThat(room.latest(PreviousContactsFound.class)).singleElement().satisfies(p -> {
            assertThat(p.callIds()).containsExactly("C2");
            assertThat(p.domestic()).isTrue();
        });
    }

    @Test
    void callsOlderThanTheWindowAreLeftOutAndSoIsTheirDomesticFlag() {
        SchemeRoom room = SchemeRoom.openingAt(london("2025-03-01T10:00"))
                .given(call("C1", "07700 900111", HOME), createIncident("INC-1", "C1", Grade.S, true))
                .at(london("2025-03-07T10:00")).given(callFrom("C2", "07700 900111"));

        // 90 calendar days after 1 March 10:00 is 30 May 10:00; after 7 March 10:00, 5 June 10:00
        room.at(london("2025-05-30T11:00")).when(callFrom("C3", "07700 900111"));

        assertThat(room.latest(PreviousContactsFound.class)).singleElement().satisfies(p -> {
            assertThat(p.callIds()).containsExactly("C2");
            assertThat(p.domestic()).isFalse();
        });

        room.at(london("2025-06-05T11:00")).when(callFrom("C4", "07700 900111"));
        assertThat(room.latest(PreviousContactsFound.class)).singleElement()
                .satisfies(p -> assertThat(p.callIds()).isEqualTo(List.of("C3")));
    }
}
