package vigil.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.sim.report.Reports.step;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * "callsByHour: ... local hour". London's clocks go forward at 01:00 UTC on 31 March 2024 and back at 01:00 UTC on
 * 27 October: a call at 00:30 UTC and one at 01:30 UTC are an hour apart on the wall in October (both 01:30) and two
 * in March (00:30 and 02:30). Both days are Sundays.
 */
class DemandIsCountedByTheLocalHourAcrossTheClockChanges {

    private static JsonNode demandOn(String day) {
        Reports.Shift shift = Reports.Shift.of(Reports.shift(day + "T00:00:00Z", day + "T03:00:00Z", "",
                Reports.steps(step(day + "T00:30:00Z", "ch1", "RecordCall", "callId", "C1"),
                        step(day + "T01:30:00Z", "ch1", "RecordCall", "callId", "C2"))));
        return shift.report(Instant.parse(day + "T00:00:00Z"), Instant.parse(day + "T03:00:00Z"), Filter.NONE)
                .get("demand");
    }

    private static List<Long> counts(JsonNode array) {
        return array.valueStream().map(JsonNode::asLong).toList();
    }

    @Test
    void inMarchTheCallsAreTwoHoursApartOnTheWall() {
        JsonNode demand = demandOn("2024-03-31");
        List<Long> hours = counts(demand.get("callsByHour"));
        assertThat(hours).hasSize(24);
        assertThat(hours.get(0)).isEqualTo(1);
        assertThat(hours.get(2)).isEqualTo(1);
        assertThat(hours.stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
        assertThat(counts(demand.get("callsByWeekdayHour").get(6))).isEqualTo(hours);
        assertThat(demand.get("calls").asLong()).isEqualTo(2);
    }

    @Test
    void inOctoberBothFallInTheRepeatedHour() {
        JsonNode demand = demandOn("2024-10-27");
        List<Long> hours = counts(demand.get("callsByHour"));
        assertThat(hours.get(1)).isEqualTo(2);
        assertThat(hours.stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
        assertThat(counts(demand.get("callsByWeekdayHour").get(6))).isEqualTo(hours);
    }
}
