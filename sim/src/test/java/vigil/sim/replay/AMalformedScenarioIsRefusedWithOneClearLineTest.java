package vigil.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract: "A file that is not a valid scenario (bad JSON, unknown command name, missing required field, a field
 * the command does not have, steps out of time order, unknown staff id in {@code by}) exits 2 with one clear line on stderr naming the step index and field.
 * Nothing on stdout." And: "A command that is valid JSON but wrong in the domain ... is not an error of the file".
 */
class AMalformedScenarioIsRefusedWithOneClearLineTest {
    static final int INVALID_INPUT = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Each file in resources/malformed, and what its one line on stderr must say. */
    private static final Map<String, List<String>> MUST_SAY = Map.ofEntries(
            Map.entry("not-json.json", List.of("JSON")),
            // The line names the file even when there is nothing in it to point at.
            Map.entry("empty.json", List.of("empty.json", "empty")),
            Map.entry("top-level-array.json", List.of("object")),
            Map.entry("missing-start.json", List.of("\"start\"", "missing")),
            Map.entry("bad-start-instant.json", List.of("\"start\"", "2024-06-12 10:00")),
            Map.entry("bad-step-instant.json", List.of("step 1", "\"at\"", "2024-06-12T25:00:00Z")),
            Map.entry("until-before-start.json", List.of("\"until\"")),
            Map.entry("unknown-command.json", List.of("step 2", "\"do\"", "AssignUnits")),
            Map.entry("missing-required-field.json", List.of("step 3", "\"unitId\"", "missing")),
            Map.entry("missing-do.json", List.of("step 1", "\"do\"")),
            // The contract marks optional command fields with '?'; these have none, so they are required too.
            Map.entry("regrade-without-reason.json", List.of("step 2", "\"reason\"")),
            Map.entry("divert-without-reason.json", List.of("step 5", "\"reason\"")),
            Map.entry("review-divert-without-note.json", List.of("step 0", "\"note\"")),
            Map.entry("close-without-disposition.json", List.of("step 2", "\"disposition\"")),
            Map.entry("wrong-field-type.json", List.of("step 1", "\"incidentId\"")),
            Map.entry("bad-grade.json", List.of("step 1", "\"grade\"", "X")),
            Map.entry("bad-decision.json", List.of("step 0", "\"decision\"", "MAYBE")),
            Map.entry("steps-out-of-order.json", List.of("step 2", "\"at\"")),
            Map.entry("step-before-start.json", List.of("step 0", "\"at\"")),
            Map.entry("step-not-an-object.json", List.of("step 1")),
            Map.entry("unknown-staff-id.json", List.of("step 2", "\"by\"", "dsp9")),
            Map.entry("bad-policy-duration.json", List.of("ackWithin", "PT15Q")),
            Map.entry("unknown-policy-field.json", List.of("acknowledgeWithin")),
            Map.entry("bad-policy-grade.json", List.of("\"Q\"")),
            Map.entry("warn-fraction-as-string.json", List.of("warnFraction")),
            Map.entry("duplicate-staff-id.json", List.of("\"id\"", "dsp1")),
            Map.entry("duplicate-unit-id.json", List.of("\"id\"", "U1")),
            Map.entry("bad-role.json", List.of("\"role\"", "SERGEANT")),
            // Limits that keep every deadline countable, and the parser's complaint without its advice to programmers.
            Map.entry("start-beyond-2199.json", List.of("\"start\"", "1900 to 2199")),
            Map.entry("policy-duration-too-long.json", List.of("\"E\"", "P999999999D", "200 years")),
            Map.entry("retain-closed-for-zero.json", List.of("\"retainClosedFor\"", "PT1H")),
            Map.entry("number-too-large.json", List.of("\"lat\"", "too large")),
            Map.entry("comment.json", List.of("JSON", "line 1")),
            Map.entry("truncated.json", List.of("truncated.json", "JSON", "end")),
            // "a field the command does not have": a misspelt optional field never passes silently.
            Map.entry("misspelt-optional-field.json", List.of("step 0", "\"requiredGrde\"", "RequestScheme")),
            Map.entry("misspelt-nested-field.json", List.of("step 1", "location", "\"lng\"")),
            // The same outside the steps: the room and the file's own fields are read as strictly.
            Map.entry("misspelt-policy-key.json", List.of("scenario", "\"polcy\"", "policy")),
            Map.entry("misspelt-staff-field.json", List.of("staff[1]", "\"bcuu\"", "bcu")),
            Map.entry("misspelt-unit-field.json", List.of("units[0]", "\"locaton\"", "location")),
            Map.entry("misspelt-unit-location-field.json", List.of("units[0]", "location", "\"latt\"", "\"lat\"")),
            Map.entry("negative-duration.json", List.of("\"S\"", "-PT45M", "negative")),
            Map.entry("staff-before-they-are-added.json", List.of("step 0", "\"by\"", "ch2")));

    static Stream<Arguments> malformedFiles() {
        return MUST_SAY.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFiles")
    void isRefused(String name, List<String> mustSay) {
        Path file = CliRun.resourceDir("malformed").resolve(name);
        assertThat(file).as("test resource").exists();

        CliRun run = CliRun.replay(file);

        assertRefusedWithOneLine(name, run, mustSay);
    }

    /** Every file in resources/malformed has its expectations here, so none is silently left untested. */
    @Test
    void everyMalformedFileIsChecked() throws IOException {
        try (Stream<Path> files = Files.list(CliRun.resourceDir("malformed"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrderElementsOf(MUST_SAY.keySet());
        }
        assertThat(MUST_SAY).hasSizeGreaterThanOrEqualTo(12);
    }

    /**
     * Outside the steps, only a slip of the keyboard from a known field is refused ({@code polcy}, {@code bcuu}): a
     * field no reader knows that is no such slip is a note another tool or the author added, and is left alone.
     */
    @Test
    void notesBesideTheFieldsChangeNothing(@TempDir Path dir) throws IOException {
        Path plain = CliRun.resourceDir("scenarios").resolve("2018-divert-handled.json");
        ObjectNode noted = (ObjectNode) JSON.readTree(plain.toFile());
        noted.put("description", "the night of 31 May 2018, handled as the reforms ask");
        noted.put("$schema", "https://example.org/vigil-scenario.json");
        ((ObjectNode) noted.get("staff").get(0)).put("name", "PC Example");
        ((ObjectNode) noted.get("units").get(0)).put("type", "IRV");
        Path annotated = dir.resolve("annotated.json");
        JSON.writeValue(annotated.toFile(), noted);

        CliRun withNotes = CliRun.replay(annotated);
        CliRun without = CliRun.replay(plain);

        assertThat(withNotes.exit()).as("%s", withNotes).isZero();
        assertThat(withNotes.err()).isEmpty();
        assertThat(withNotes.out()).isEqualTo(without.out()).isNotEmpty();
    }

    @Test
    void aMissingFileIsRefusedTheSameWay(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-scenario.json");

        CliRun run = CliRun.replay(missing);

        assertRefusedWithOneLine("a missing file", run, List.of("no-such-scenario.json"));
    }

    @Test
    void replayWithoutAFileIsRefusedTheSameWay() {
        assertRefusedWithOneLine("replay without FILE", CliRun.of("replay"), List.of("FILE"));
    }

    @Test
    void replayWithTwoFilesIsRefusedTheSameWay() {
        Path file = CliRun.resourceDir("scenarios").resolve("2018-divert-handled.json");
        assertRefusedWithOneLine("replay with two files", CliRun.of("replay", file.toString(), file.toString()),
                List.of("2018-divert-handled"));
    }

    @Test
    void aDirectoryIsNotAScenario(@TempDir Path dir) {
        CliRun run = CliRun.replay(dir);

        assertRefusedWithOneLine("a directory", run, List.of(dir.getFileName().toString()));
    }

    /**
     * An unknown incident is wrong in the domain, not in the file: exit 0, nothing on stderr, a {@code CommandRejected}
     * naming the step index, command and reason, and the replay goes on to the steps after it.
     */
    @Test
    void anUnknownIncidentIsACommandRejectedNotAFileError() {
        CliRun run = CliRun.replay(CliRun.resourceDir("domain").resolve("unknown-incident.json"));

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.err()).isEmpty();
        List<JsonNode> events = ExpectEvents.lines(run.out(), "output");
        EveryScenarioReplaysToItsExpectedEventsTest.assertWellFormed(events, run.outLines());
        ExpectEvents.Report report = ExpectEvents.check(ExpectEvents.lines("""
                {"type": "IncidentCreated", "incidentId": "CAD-1"}
                {"type": "CommandRejected", "at": "2024-06-12T10:03:00Z", "step": 2, "command": "AssignUnit", "reason": "UNKNOWN_INCIDENT"}
                {"type": "UnitAssigned", "at": "2024-06-12T10:04:00Z", "incidentId": "CAD-1", "unitId": "U1"}
                {"absent": true, "type": "UnitAssigned", "incidentId": "CAD-9"}
                """, "expected"), events);
        assertThat(report.failures()).as("output:\n%s", run.out()).isEmpty();
        JsonNode rejected = events.stream().filter(e -> e.get("type").asString().equals("CommandRejected"))
                .findFirst().orElseThrow();
        assertThat(rejected.get("step").isIntegralNumber()).as("step is a number: %s", rejected).isTrue();
    }

    static void assertRefusedWithOneLine(String what, CliRun run, List<String> mustSay) {
        run.assertRefusedWithOneLine(what, mustSay);
    }
}
