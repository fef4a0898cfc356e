package vigil.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.sim.report.Reports.assertMeets;
import static vigil.sim.report.Reports.incident;
import static vigil.sim.report.Reports.step;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Percentiles by nearest rank: p is the value at rank ⌈p/100 · n⌉ of the sorted sample"; "minutes to one decimal
 * place and rates to four, rounding half away from zero". Ten I incidents attended 1 to 10 minutes after creation
 * (out of order) give p50 5.0 (rank 5; interpolation would say 5.5) and p90 9.0 (rank 9).
 */
class ResponseTimesArePercentilesByNearestRank {

    @Test
    void tenAttendancesGiveTheFifthAndTheNinth() {
        int[] minutes = {7, 3, 10, 1, 5, 9, 2, 8, 4, 6};
        List<String> steps = new ArrayList<>();
        for (int k = 0; k < minutes.length; k++) {
            steps.add(incident("10:00", "CAD-" + k, "I"));
        }
        // One unit goes to each in turn, in the order of their attendance: 10:01 for CAD-3, 10:02 for CAD-6, ...
        for (int m = 1; m <= minutes.length; m++) {
            int k = indexOf(minutes, m);
            String time = String.format("10:%02d", m);
            steps.add(step(time, "dsp1", "AssignUnit", "incidentId", "CAD-" + k, "unitId", "U1"));
            steps.add(step(time, "U1", "ArriveAtScene", "incidentId", "CAD-" + k, "unitId", "U1"));
            steps.add(step(time, "U1", "ClearUnit", "incidentId", "CAD-" + k, "unitId", "U1"));
        }
        Reports.Shift shift = Reports.day("09:00", "11:00", steps.toArray(String[]::new));

        assertMeets(shift.report(), """
                { "responseTimes": { "byGrade": { "I": { "incidents": 10, "attended": 10, "withinTarget": 10,
                    "responseMinutes": { "p50": 5.0, "p90": 9.0, "max": 10.0 } } } } }
                """);
    }

    @Test
    void threeAttendancesGiveTheSecondAndTheThirdAndRoundHalfAwayFromZero() {
        Reports.Shift shift = Reports.day("09:00", "11:00",
                incident("10:00", "CAD-1", "I"),
                incident("10:00", "CAD-2", "I"),
                incident("10:00", "CAD-3", "I"),
                step("10:00", "dsp1", "AssignUnit", "incidentId", "CAD-1", "unitId", "U1"),
                step("10:00", "dsp1", "AssignUnit", "incidentId", "CAD-2", "unitId", "U2"),
                step("10:00", "dsp1", "AssignUnit", "incidentId", "CAD-3", "unitId", "U3"),
                step("10:01:03", "U1", "ArriveAtScene", "incidentId", "CAD-1", "unitId", "U1"),
                step("10:02:57", "U2", "ArriveAtScene", "incidentId", "CAD-2", "unitId", "U2"),
                step("10:12:15", "U3", "ArriveAtScene", "incidentId", "CAD-3", "unitId", "U3"));

        // 1.05, 2.95 and 12.25 minutes: each a tie at one decimal, each rounded up (away from zero).
        assertMeets(shift.report(), """
                { "responseTimes": { "byGrade": { "I": { "responseMinutes": { "p50": 3.0, "p90": 12.3, "max": 12.3 } } } } }
                """);
    }

    @Test
    void theRulesOfRoundingAndRankHoldAtTheirEdges() {
        assertThat(Figures.minutes(63_000_000_000L)).isEqualByComparingTo("1.1");
        assertThat(Figures.minutes(57_000_000_000L)).isEqualByComparingTo("1.0");
        assertThat(Figures.minutes(2_999_999_999L)).hasToString("0.0");
        assertThat(Figures.minutes(3_000_000_000L)).hasToString("0.1");
        assertThat(Figures.rate(1, 32)).hasToString("0.0313"); // 0.03125, a tie at four decimals
        assertThat(Figures.rate(2, 3)).hasToString("0.6667");
        assertThat(Figures.rate(1, 1)).hasToString("1.0");
        assertThat(Figures.rate(0, 5)).hasToString("0.0");
        assertThat(Figures.rate(1, 8)).hasToString("0.125");
        assertThat(Figures.rate(0, 0)).isNull();
        long[] one = {42};
        assertThat(Figures.nearestRank(one, 1, 50)).isEqualTo(42);
        assertThat(Figures.nearestRank(one, 1, 90)).isEqualTo(42);
        long[] twenty = new long[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = i + 1;
        }
        assertThat(Figures.nearestRank(twenty, 20, 50)).as("rank 10 of 20").isEqualTo(10);
        assertThat(Figures.nearestRank(twenty, 20, 90)).as("rank 18 of 20").isEqualTo(18);
        assertThat(Figures.nearestRank(twenty, 19, 90)).as("rank ⌈17.1⌉ = 18 of 19").isEqualTo(18);
    }

    private static int indexOf(int[] values, int v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        throw new AssertionError(v);
    }
}
