package vigil.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vigil.server.VigilServer;

/**
 * {@code ./vigil serve --demo --speed N} as a person runs it: the start-up message says a shift is running and at what
 * speed, and stopping the server stops the shift first, cleanly, then the writer. A speed or model the shift cannot run
 * with is refused before anything starts: one line on stderr and exit 2, from the launcher's flags and from the
 * settings alike.
 */
class TheDemoShiftStartsAndStopsWithTheServer {

    @Test
    void theStartSaysTheShiftRunsAndAtWhatSpeedAndAStopEndsItBeforeTheWriter(@TempDir Path data) throws Exception {
        Process server = server(data, Map.of("VIGIL_DEMO_SHIFT", "true", "VIGIL_DEMO_SPEED", "250"), true);
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofPlatform().daemon(true).start(() -> drain(server, out));
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100)).until(() ->
                    has(out, "demo shift: running at speed 250"));
            assertThat(List.copyOf(out)).anySatisfy(l -> assertThat(l).startsWith("  demo:     ")
                    .contains("a synthetic shift runs at speed 250").contains("log in as any role to step in"));
        } finally {
            // SIGTERM, as a service manager stops it (through its handle: Process.destroy would close our end of its
            // output, and what it says while stopping would be lost).
            server.toHandle().destroy();
            assertThat(server.waitFor(90, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
        }
        List<String> said = List.copyOf(out);
        int shiftStopped = indexOf(said, "demo shift: stopped after call");
        int writerStopped = indexOf(said, "writer stopped:");
        String tail = String.join("\n", said.subList(Math.max(0, said.size() - 30), said.size()));
        assertThat(shiftStopped).as("the shift says it stopped; the server said:\n%s", tail).isNotNegative();
        assertThat(writerStopped).as("after it, the writer").isGreaterThan(shiftStopped);
        assertThat(said).as("a clean stop").noneMatch(l -> l.contains(" ERROR ") || l.startsWith("\tat "));
        assertThat(data.resolve("pg/postmaster.pid")).as("its database stopped too").doesNotExist();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "VIGIL_DEMO_SPEED|5000|vigil: VIGIL_DEMO_SPEED must be a number from 0.1 to 1000, not 5000",
        "VIGIL_DEMO_SPEED|0|vigil: VIGIL_DEMO_SPEED must be a number from 0.1 to 1000, not 0",
        "VIGIL_DEMO_SPEED|fast|vigil: VIGIL_DEMO_SPEED is not valid: 'fast' is not a number",
        "VIGIL_DEMO_MODEL|no-such-model.json|vigil: VIGIL_DEMO_MODEL: no-such-model.json: no such file"})
    void aSettingTheShiftCannotRunWithIsOneLineAndExitTwo(String name, String value, String line,
                                                          @TempDir Path data) throws Exception {
        Process p = server(data, Map.of("VIGIL_DEMO_SHIFT", "true", name, value), false);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as(err).isEqualTo(2);
        assertThat(err.lines().toList()).singleElement().asString().startsWith(line).doesNotContain("Exception");
        assertThat(out).isEmpty();
    }

    @Test
    void aModelWithAFaultIsNamedByItsField(@TempDir Path data) throws Exception {
        Path model = data.resolve("shift.json");
        Files.writeString(model, new String(DemoModel.class.getClassLoader()
                .getResourceAsStream(DemoModel.BUILT_IN).readAllBytes(), StandardCharsets.UTF_8)
                .replace("\"speedKmh\": 28", "\"speedKmh\": -28"));
        Process p = server(data, Map.of("VIGIL_DEMO_SHIFT", "true", "VIGIL_DEMO_MODEL", model.toString()), false);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err.lines().toList()).singleElement().asString()
                .startsWith("vigil: VIGIL_DEMO_MODEL: " + model + ": ").contains("speedKmh");
    }

    @ParameterizedTest(name = "serve {0}")
    @CsvSource(delimiter = '|', value = {
        "--speed 10|vigil: --speed is the demo shift's: give --demo with it",
        "--demo --speed|vigil: --speed needs a number",
        "--demo --speed 0|vigil: the demo's speed must be a number from 0.1 to 1000 (e.g. --speed 10), not '0'",
        "--demo --speed 1e3|vigil: the demo's speed must be a number from 0.1 to 1000 (e.g. --speed 10), not '1e3'",
        "--demo --speed=-2|vigil: the demo's speed must be a number from 0.1 to 1000 (e.g. --speed 10), not '-2'",
        "--demo --speed 1000.5|vigil: the demo's speed must be a number from 0.1 to 1000 (e.g. --speed 10),"
                + " not '1000.5'",
        "--demo --fast|vigil: serve takes only --port N, --demo and --speed N (not '--fast')"})
    void theLaunchersFlagsAreCheckedBeforeAnythingIsBuiltOrStarted(String flags, String line) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("..", "vigil").toString(), "serve"));
        command.addAll(List.of(flags.split(" ")));
        Process p = new ProcessBuilder(command).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as(err).isEqualTo(2);
        assertThat(err.lines().toList()).containsExactly(line);
        assertThat(out).isEmpty();
    }

    /**
     * {@code ./vigil serve}'s JVM: the server's main, settings from the environment, its data in {@code data};
     * {@code oneStream}: stderr joins stdout (a long run must not stall on a full pipe nobody reads).
     */
    private static Process server(Path data, Map<String, String> env, boolean oneStream) throws IOException {
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-ea:vigil...", "-Xmx512m", "-Dlogging.level.vigil=INFO", // as serve logs (the tests' logback: WARN)
                "-cp", System.getProperty("java.class.path"), VigilServer.class.getName());
        b.environment().put("VIGIL_DATA_DIR", data.toString());
        b.environment().put("VIGIL_PORT", "0");
        b.environment().putAll(env);
        b.directory(data.toFile());
        b.redirectErrorStream(oneStream);
        return b.start();
    }

    private static void drain(Process p, List<String> out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private static boolean has(List<String> lines, String text) {
        return indexOf(List.copyOf(lines), text) >= 0;
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
