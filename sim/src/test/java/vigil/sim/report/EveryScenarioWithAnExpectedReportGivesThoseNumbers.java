package vigil.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import vigil.sim.replay.CliRun;

/**
 * Each worked scenario with an {@code *.expected-report.json} beside it is reported through the real command line
 * ({@code report FILE}) and must hold those numbers by the rules of {@code shared/tools/expect-report}; its CSV must
 * say the same; and the same file must give byte-identical output twice.
 */
class EveryScenarioWithAnExpectedReportGivesThoseNumbers {
    private static final String EXPECTED = ".expected-report.json";

    static Stream<String> scenarios() throws IOException {
        Path dir = CliRun.resourceDir("scenarios");
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.endsWith(EXPECTED))
                    .filter(n -> Files.exists(dir.resolve(expected(n))))
                    .sorted().toList().stream();
        }
    }

    private static String expected(String scenario) {
        return scenario.substring(0, scenario.length() - ".json".length()) + EXPECTED;
    }

    /** A canary: a discovery that finds nothing would pass by checking nothing. */
    @Test
    void theWorkedScenariosAreAmongThoseReported() throws IOException {
        assertThat(scenarios().toList()).contains("2018-divert-unhandled.json", "2018-divert-handled.json",
                "scheme-lifecycle.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void givesTheExpectedNumbers(String name) throws IOException {
        Path file = CliRun.resourceDir("scenarios").resolve(name);
        CliRun json = CliRun.of("report", file.toString());
        assertThat(json.exit()).as("%s", json).isZero();
        assertThat(json.err()).isEmpty();

        JsonNode report = ExpectReport.parse(json.out());
        List<String> bad = ExpectReport.mismatches(
                ExpectReport.parse(Files.readString(file.resolveSibling(expected(name)))), report);
        assertThat(bad).as("report of %s against %s:\n%s", name, expected(name), json.out()).isEmpty();

        CliRun csv = CliRun.of("report", file.toString(), "--format", "csv");
        assertThat(csv.exit()).as("%s", csv).isZero();
        Reports.assertCsvAgrees(csv.out(), report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void givesTheSameBytesTwice(String name) {
        String file = CliRun.resourceDir("scenarios").resolve(name).toString();
        assertThat(CliRun.of("report", file).out()).isEqualTo(CliRun.of("report", file).out());
        assertThat(CliRun.of("report", file, "--format", "csv").out())
                .isEqualTo(CliRun.of("report", file, "--format", "csv").out());
    }
}
