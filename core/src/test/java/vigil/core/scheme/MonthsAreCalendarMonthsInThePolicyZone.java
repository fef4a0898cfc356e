package vigil.core.scheme;

import static vigil.core.story.ControlRoom.controlRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.SchemeActs.activate;
import static vigil.core.story.SchemeActs.form;

import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.core.Event.FirstStageReviewSent;
import vigil.core.Event.SchemeActivated;
import vigil.core.Event.SecondStageReviewSent;
import vigil.core.Policy;
import vigil.core.story.ControlRoom;

/**
 * "Six months" is six calendar months in the force's time zone: a scheme activated at 10:00 in January ends at 10:00
 * in July, which in London is an hour earlier in UTC. The 28-day review lead and 14-day second stage are calendar
 * days too.
 */
class MonthsAreCalendarMonthsInThePolicyZone {

    static Stream<Arguments> activations() {
        return Stream.of(
                Arguments.of("London, January to July", "Europe/London", "2025-01-06T10:00:00Z",
                        "2025-07-06T09:00:00Z", "2025-06-08T09:00:00Z", "2025-06-22T09:00:00Z"),
                Arguments.of("London, July to January", "Europe/London", "2025-07-15T09:00:00Z",
                        "2026-01-15T10:00:00Z", "2025-12-18T10:00:00Z", "2026-01-01T10:00:00Z"),
                Arguments.of("London, 31 January to 31 July", "Europe/London", "2025-01-31T10:00:00Z",
                        "2025-07-31T09:00:00Z", "2025-07-03T09:00:00Z", "2025-07-17T09:00:00Z"),
                Arguments.of("London, 31 August to the end of February", "Europe/London", "2025-08-31T12:00:00Z",
                        "2026-02-28T13:00:00Z", "2026-01-31T13:00:00Z", "2026-02-14T13:00:00Z"),
                Arguments.of("London, the review lead crosses the autumn clock change", "Europe/London",
                        "2025-05-01T09:00:00Z", "2025-11-01T10:00:00Z", "2025-10-04T09:00:00Z",
                        "2025-10-18T09:00:00Z"),
                Arguments.of("London, the second stage crosses the autumn clock change", "Europe/London",
                        "2025-05-17T09:00:00Z", "2025-11-17T10:00:00Z", "2025-10-20T09:00:00Z",
                        "2025-11-03T10:00:00Z"),
                Arguments.of("UTC, January to July", "UTC", "2025-01-06T10:00:00Z",
                        "2025-07-06T10:00:00Z", "2025-06-08T10:00:00Z", "2025-06-22T10:00:00Z"),
                Arguments.of("New York, January to July", "America/New_York", "2025-01-06T15:00:00Z",
                        "2025-07-06T14:00:00Z", "2025-06-08T14:00:00Z", "2025-06-22T14:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void theEndAndTheReviewsFallAtTheSameLocalTime(String story, String zone, String activatedAt, String maxUntil,
                                                   String firstReviewAt, String secondStageAt) {
        Instant activated = Instant.parse(activatedAt);
        ControlRoom room = controlRoom().withPolicy(Policy.metropolitan().withZone(ZoneId.of(zone)))
                .openingAt(activated)
                .given(form("S1").requested());

        room.when(activate("S1"));
        assertThat(room.latest(SchemeActivated.class)).singleElement().satisfies(a -> {
            assertThat(a.maxUntil()).isEqualTo(Instant.parse(maxUntil));
            assertThat(a.firstReviewAt()).isEqualTo(Instant.parse(firstReviewAt));
        });

        room.whenClockReaches(Instant.parse(maxUntil));
        assertThat(room.recorded(FirstStageReviewSent.class)).hasSize(1);
        assertThat(room.lastAt(FirstStageReviewSent.class)).isEqualTo(Instant.parse(firstReviewAt));
        assertThat(room.recorded(SecondStageReviewSent.class)).hasSize(1);
        assertThat(room.lastAt(SecondStageReviewSent.class)).isEqualTo(Instant.parse(secondStageAt));
    }
}
