package vigil.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.sim.cli.VigilCli;

/**
 * The replay tests drive {@link VigilCli#execute} in this JVM: they need neither the {@code ./vigil} launcher, nor the
 * jar it builds, nor the repository's neighbour {@code ../shared}, nor a particular working directory.
 */
class ReplayNeedsNoLauncherTest {
    private static final List<String> WORKED = List.of("2018-divert-unhandled", "2018-divert-handled",
            "scheme-lifecycle");

    @Test
    void aScenarioCopiedOutsideTheRepositoryReplaysThroughTheEntryPointAlone(@TempDir Path elsewhere)
            throws IOException {
        Path copy = elsewhere.resolve("copied scenario.json");
        Files.copy(CliRun.resourceDir("scenarios").resolve("2018-divert-unhandled.json"), copy);

        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream leakedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream leakedErr = new ByteArrayOutputStream();
        CliRun run;
        try {
            System.setOut(new PrintStream(leakedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(leakedErr, true, StandardCharsets.UTF_8));
            run = CliRun.replay(copy);
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }

        // Reaching here at all shows execute returned rather than calling System.exit, as main does.
        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.err()).isEmpty();
        ExpectEvents.Report report = ExpectEvents.check(
                ExpectEvents.lines(Files.readString(
                        CliRun.resourceDir("scenarios").resolve("2018-divert-unhandled.expected.jsonl")), "expected"),
                ExpectEvents.lines(run.out(), "output"));
        assertThat(report.failures()).isEmpty();
        assertThat(leakedOut.toString(StandardCharsets.UTF_8)).as("written to the process's own stdout").isEmpty();
        assertThat(leakedErr.toString(StandardCharsets.UTF_8)).as("written to the process's own stderr").isEmpty();
    }

    @Test
    void theEntryPointUnderTestIsTheFreshlyCompiledOneNotTheLaunchersJar() throws URISyntaxException {
        Path codeSource = Path.of(VigilCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(codeSource).as("where VigilCli was loaded from").isDirectory();
        assertThat(codeSource.getFileName().toString()).isNotEqualTo("vigil-sim.jar");
    }

    @Test
    void theWorkedScenariosAreTestResourcesNotReadFromShared() {
        Path scenarios = CliRun.resourceDir("scenarios");
        for (String name : WORKED) {
            assertThat(scenarios.resolve(name + ".json")).isRegularFile();
            assertThat(scenarios.resolve(name + ".expected.jsonl")).isRegularFile();
            assertThat(scenarios.resolve(name + ".expected-report.json")).isRegularFile();
        }
        assertThat(scenarios.toString()).doesNotContain("shared");
    }

    /** When the team's shared folder is beside the repository, the copies must not have drifted from it. */
    @Test
    void theCopiesMatchSharedWhenItIsPresent() throws IOException {
        assertCopiesOf(Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
                .resolve("../../shared/scenarios").normalize());
    }

    /** The repository keeps the worked scenarios in examples/ too; the test copies must say the same. */
    @Test
    void theCopiesMatchTheRepositorysExamples() throws IOException {
        assertCopiesOf(Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../examples")
                .normalize());
    }

    private static void assertCopiesOf(Path shared) throws IOException {
        assumeTrue(Files.isDirectory(shared), "no " + shared);
        Path scenarios = CliRun.resourceDir("scenarios");
        for (String name : WORKED) {
            for (String suffix : List.of(".json", ".expected.jsonl", ".expected-report.json")) {
                assertThat(Files.readString(scenarios.resolve(name + suffix)))
                        .as("%s%s is a copy of %s", name, suffix, shared)
                        .isEqualTo(Files.readString(shared.resolve(name + suffix)));
            }
        }
    }
}
