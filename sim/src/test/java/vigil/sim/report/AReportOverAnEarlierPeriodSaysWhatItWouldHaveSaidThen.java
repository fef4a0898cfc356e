package vigil.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.core.Recorded;
import vigil.sim.replay.CliRun;

/**
 * One projection kept up to date must answer for last month as it would have answered then: a report over [from,
 * to] from a projection fed the whole record equals, byte for byte, the report from one fed only up to {@code to}.
 * Checked for every worked scenario at every instant an event happened, halfway between them, and from the middle
 * of the shift as well as its start.
 */
class AReportOverAnEarlierPeriodSaysWhatItWouldHaveSaidThen {

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(CliRun.resourceDir("scenarios"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.endsWith(".expected-report.json"))
                    .sorted().toList().stream();
        }
    }

    @Test
    void thereAreScenariosToCheck() throws IOException {
        assertThat(scenarios().count()).isGreaterThan(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyCutGivesTheReportOfThatTime(String name) throws IOException {
        Reports.Shift shift = Reports.Shift.of(Files.readString(CliRun.resourceDir("scenarios").resolve(name)));
        Instant start = shift.scenario().start();
        Daris whole = shift.daris();
        TreeSet<Instant> instants = new TreeSet<>();
        shift.events().stream().map(Recorded::at).forEach(instants::add);
        instants.add(shift.scenario().until());
        List<Instant> cuts = new ArrayList<>(instants);
        Instant previous = start;
        for (Instant t : instants) {
            cuts.add(previous.plus(java.time.Duration.between(previous, t).dividedBy(2)));
            previous = t;
        }
        Instant middle = start.plus(java.time.Duration.between(start, shift.scenario().until()).dividedBy(2));
        for (Instant cut : cuts) {
            if (cut.isBefore(start)) {
                continue;
            }
            Daris then = shift.fedUpTo(cut);
            for (Instant from : List.of(start, middle)) {
                if (from.isAfter(cut)) {
                    continue;
                }
                String asItWas = ReportJson.text(then.report(from, cut));
                assertThat(ReportJson.text(whole.report(from, cut)))
                        .as("%s over [%s, %s]", name, from, cut).isEqualTo(asItWas);
                Reports.assertCsvAgrees(ReportCsv.text(whole.report(from, cut)), Reports.json(whole.report(from, cut)));
            }
        }
    }
}
