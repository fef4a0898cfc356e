package vigil.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every scenario in {@code resources/scenarios} with a {@code .expected.jsonl} beside it is replayed through the real
 * command line ({@code replay FILE}) and held to the replay contract: exit 0, nothing on stderr, one JSON object a
 * line with {@code seq} from 1 and no gaps, {@code at} in UTC ending in Z and never going back, a {@code type};
 * byte-identical output on a second run; and every expectation of the expected file met (the rules of
 * {@code shared/tools/expect-events}).
 */
class EveryScenarioReplaysToItsExpectedEventsTest {
    private static final String EXPECTED = ".expected.jsonl";
    private static final Pattern UTC_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    static Stream<String> scenarios() throws IOException {
        Path dir = CliRun.resourceDir("scenarios");
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .filter(n -> Files.exists(dir.resolve(expectedName(n))))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private static String expectedName(String scenario) {
        return scenario.substring(0, scenario.length() - ".json".length()) + EXPECTED;
    }

    /** A canary: a discovery that finds nothing would make the parameterised test pass by checking nothing. */
    @Test
    void theWorkedScenariosAreAmongThoseReplayed() throws IOException {
        assertThat(scenarios().toList()).contains("2018-divert-unhandled.json", "2018-divert-handled.json",
                "scheme-lifecycle.json").hasSizeGreaterThan(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void replaysCleanly(String name) throws IOException {
        Path dir = CliRun.resourceDir("scenarios");
        CliRun run = CliRun.replay(dir.resolve(name));

        assertThat(run.exit()).as("exit code of replay %s\n%s", name, run).isZero();
        assertThat(run.err()).as("stderr of replay %s", name).isEmpty();
        assertThat(run.out()).as("stdout of replay %s", name).isNotEmpty().endsWith("\n");

        List<JsonNode> events = ExpectEvents.lines(run.out(), "output");
        assertWellFormed(events, run.outLines());

        List<JsonNode> expected = ExpectEvents.lines(Files.readString(dir.resolve(expectedName(name))), EXPECTED);
        assertThat(expected).as("expectations of %s", name).isNotEmpty();
        ExpectEvents.Report report = ExpectEvents.check(expected, events);
        if (!report.ok()) {
            fail("replay of " + name + " does not meet " + expectedName(name) + ":\n" + report.summary()
                    + "\n--- output ---\n" + run.out());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void replaysByteIdenticallyTwice(String name) {
        Path file = CliRun.resourceDir("scenarios").resolve(name);
        CliRun first = CliRun.replay(file);
        CliRun second = CliRun.replay(file);
        assertThat(second.out()).as("second replay of %s", name).isEqualTo(first.out());
        assertThat(second.err()).isEqualTo(first.err());
        assertThat(second.exit()).isEqualTo(first.exit());
    }

    static void assertWellFormed(List<JsonNode> events, List<String> rawLines) {
        assertThat(events).as("every output line is one JSON value").hasSameSizeAs(rawLines);
        Instant last = Instant.MIN;
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            String line = rawLines.get(i);
            assertThat(e.isObject()).as("line %d is a JSON object: %s", i + 1, line).isTrue();

            JsonNode seq = e.get("seq");
            assertThat(seq != null && seq.isIntegralNumber()).as("line %d has a whole-number seq: %s", i + 1, line)
                    .isTrue();
            assertThat(seq.longValue()).as("seq of line %d (from 1, no gaps): %s", i + 1, line).isEqualTo(i + 1L);

            JsonNode at = e.get("at");
            assertThat(at != null && at.isString()).as("line %d has a string at: %s", i + 1, line).isTrue();
            assertThat(at.asString()).as("at of line %d is UTC ending in Z: %s", i + 1, line).matches(UTC_INSTANT);
            Instant instant;
            try {
                instant = Instant.parse(at.asString());
            } catch (DateTimeParseException ex) {
                throw new AssertionError("at of line " + (i + 1) + " is not an instant: " + line, ex);
            }
            assertThat(instant).as("at of line %d does not go back in time: %s", i + 1, line)
                    .isAfterOrEqualTo(last);
            last = instant;

            JsonNode type = e.get("type");
            assertThat(type != null && type.isString() && !type.asString().isBlank())
                    .as("line %d has a type: %s", i + 1, line).isTrue();
        }
    }
}
