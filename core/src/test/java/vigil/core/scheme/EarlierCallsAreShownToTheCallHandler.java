package vigil.core.scheme;

import static vigil.core.story.ControlRoom.controlRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.SchemeActs.call;
import static vigil.core.story.SchemeActs.callAbout;
import static vigil.core.story.SchemeActs.callFrom;
import static vigil.core.story.SchemeActs.createIncident;
import static vigil.core.story.SchemeActs.link;
import static vigil.core.story.ControlRoom.london;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vigil.core.Event.PreviousContactsFound;
import vigil.core.Grade;
import vigil.core.story.ControlRoom;

/**
 * The woman in the 2018 case had called before. Now every call lists the earlier calls within {@code historyWindow}
 * (90 days) from the same number or to the same address, oldest first, flagged {@code domestic} when one of them
 * led to an incident flagged domestic.
 */
class EarlierCallsAreShownToTheCallHandler {
    static final String HOME = "22 History Row, London N7 7HH";

    @Test
    void callsByTheSameNumberOrToTheSameAddressAreListedOldestFirst() {
        ControlRoom room = controlRoom().openingAt(london("2025-03-01T10:00"))
                .given(call("C1", "07700 900111", HOME))
                .at(london("2025-03-02T10:00")).given(callFrom("C2", "+447700900111"))
                .at(london("2025-03-03T10:00")).given(callAbout("C3", "22 HISTORY ROW LONDON N77HH"))
                .at(london("2025-03-04T10:00")).given(call("C4", "07700 900999", "1 Elsewhere Road, London N7 1AA"));

        room.at(london("2025-03-05T10:00")).when(call("C5", "0044 7700 900111", "22 history row, london, n7 7hh"));

        assertThat(room.latest(PreviousContactsFound.class)).singleElement().satisfies(p -> {
            assertThat(p.callId()).isEqualTo("C5");
            assertThat(p.callIds()).containsExactly("C1", "C2", "C3");
            assertThat(p.count()).isEqualTo(3);
            assertThat(p.domestic()).isFalse();
        });
    }

    @Test
    void theFirstCallHasNoHistory() {
        ControlRoom room = controlRoom().openingAt(london("2025-03-01T10:00"));

        room.when(call("C1", "07700 900111", HOME));

        assertThat(room.latest(PreviousContactsFound.class)).isEmpty();
    }

    @Test
    void aDomesticIncidentFromAnEarlierCallFlagsTheHistory() {
        ControlRoom room = controlRoom().openingAt(london("2025-03-01T10:00"))
                .given(call("C1", "07700 900111", HOME), createIncident("INC-1", "C1", Grade.S, true));

        room.at(london("2025-03-06T10:00")).when(callAbout("C2", HOME));

        assertThat(room.latest(PreviousContactsFound.class)).singleElement().satisfies(p -> {
            assertThat(p.callIds()).containsExactly("C1");
            assertThat(p.domestic()).isTrue();
        });
    }

    @Test
    void anIncidentNotFlaggedDomesticDoesNotFlagIt() {
        ControlRoom room = controlRoom().openingAt(london("2025-03-01T10:00"))
                .given(call("C1", "07700 900111", HOME), createIncident("INC-1", "C1", Grade.E, false));

        room.at(london("2025-03-06T10:00")).when(callFrom("C2", "07700900111"));

        assertThat(room.latest(PreviousContactsFound.class)).extracting(PreviousContactsFound::domestic)
                .containsExactly(false);
    }

    @Test
    void aCallLinkedToADomesticIncidentLedToItToo() {
        ControlRoom room = controlRoom().openingAt(london("2025-03-01T10:00"))
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
        ControlRoom room = controlRoom().openingAt(london("2025-03-01T10:00"))
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

    /**
     * The contract: "PreviousContactsFound names at most the 20 most recent callIds and gives count, the number of
     * all such calls in the window." A call that shares both the number and the address counts once.
     */
    @Test
    void aLongHistoryNamesTheTwentyMostRecentAndCountsThemAll() {
        ControlRoom room = controlRoom().openingAt(london("2025-03-01T10:00"));
        for (int k = 1; k <= 30; k++) {
            room.at(london("2025-03-01T10:00").plusSeconds(60L * k));
            room.given(k % 3 == 0 ? callAbout("C" + k, HOME) : k % 3 == 1 ? call("C" + k, "07700 900111", HOME)
                    : callFrom("C" + k, "07700 900111"));
        }

        room.at(london("2025-03-02T10:00")).when(call("C31", "07700 900111", HOME));

        assertThat(room.latest(PreviousContactsFound.class)).singleElement().satisfies(p -> {
            assertThat(p.count()).isEqualTo(30);
            assertThat(p.callIds()).hasSize(PreviousContactsFound.MOST_RECENT)
                    .containsExactlyElementsOf(IntStream.rangeClosed(11, 30).mapToObj(k -> "C" + k).toList());
        });
    }

    @Test
    void callsOutsideTheWindowAreNeitherNamedNorCounted() {
        ControlRoom room = controlRoom().openingAt(london("2025-01-01T10:00"))
                .given(callFrom("C1", "07700 900111"))
                .at(london("2025-03-01T10:00")).given(callFrom("C2", "07700 900111"));

        room.at(london("2025-04-15T10:00")).when(callFrom("C3", "07700 900111"));

        assertThat(room.latest(PreviousContactsFound.class)).singleElement().satisfies(p -> {
            assertThat(p.callIds()).containsExactly("C2");
            assertThat(p.count()).isEqualTo(1);
        });
    }

    /**
     * "A replay of 300,000 calls from one number must run in linear time." Each call reads only the calls it names,
     * so this finishes in seconds; a lookup that read the whole history each time would take hours. The timeout
     * guards against that blow-up, it is not a speed claim.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void threeHundredThousandCallsFromOneNumberStayCheap() {
        ControlRoom room = controlRoom().openingAt(london("2025-03-01T00:00"));
        int calls = 300_000;
        for (int k = 1; k < calls; k++) {
            room.at(london("2025-03-01T00:00").plusSeconds(k)).given(callFrom("C" + k, "07700 900111"));
        }

        room.at(london("2025-03-05T00:00")).when(callFrom("C" + calls, "07700 900111"));

        assertThat(room.latest(PreviousContactsFound.class)).singleElement().satisfies(p -> {
            assertThat(p.count()).isEqualTo(calls - 1);
            assertThat(p.callIds()).hasSize(20).last().isEqualTo("C" + (calls - 1));
        });
    }
}
