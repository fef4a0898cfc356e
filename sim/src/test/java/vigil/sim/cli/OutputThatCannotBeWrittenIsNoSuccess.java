package vigil.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vigil.sim.replay.CliRun;

/**
 * Exit 0 says the events, the summary or the reports were printed (scenario.md: "prints one JSON object per line on
 * stdout, and exits 0"). When stdout cannot take them (a full disk, a reader that went away), the run is not a
 * success: exit 1 and one line on stderr, as a tool that checks the exit code must learn that its file is short.
 */
class OutputThatCannotBeWrittenIsNoSuccess {
    @TempDir
    Path dir;

    /** Stdout on a full disk: every write fails, as a FileOutputStream's does on /dev/full. */
    static final class FullDisk extends Writer {
        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void flush() throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void close() {}
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"replay", "report", "report --format csv", "simulate"})
    void aCommandWhoseOutputWasLostExitsOneWithOneLine(String command) throws IOException {
        Path file = command.equals("simulate") ? model() : CliRun.resourceDir("scenarios")
                .resolve("2018-divert-handled.json");
        String[] words = command.split(" ");
        String[] args = new String[words.length + 1];
        args[0] = words[0];
        args[1] = file.toString();
        System.arraycopy(words, 1, args, 2, words.length - 1);

        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter out = new PrintWriter(new FullDisk()); PrintWriter e = new PrintWriter(err)) {
            exit = VigilCli.execute(args, out, e);
        }

        assertThat(exit).as(command + ": " + err).isEqualTo(1);
        // simulate's progress lines ("simulate: ...") go to stderr too; beside them, one line says what failed.
        assertThat(err.toString().lines().filter(l -> !l.startsWith("simulate: ")).toList()).as(command)
                .singleElement().asString().startsWith("vigil: ").contains("output")
                .doesNotContain("Exception", "\tat ");
    }

    private Path model() throws IOException {
        Path model = dir.resolve("small.json");
        Files.writeString(model, """
                { "name": "a day of one unit", "seed": 1, "start": "2026-01-05T00:00:00Z", "duration": "P2D",
                  "warmup": "PT1H", "grades": { "I": 1.0 },
                  "service": { "I": { "dist": "fixed", "mean": "PT20M" } }, "travel": { "mode": "none" },
                  "zones": [ { "id": "Z", "lat": 51.5, "lon": -0.1, "radiusKm": 1.0, "callsPerHour": 1.0 } ],
                  "units": [ { "id": "U1", "homeZone": "Z" } ], "dispatch": "nearest", "queue": "fifo",
                  "diverts": { "enabled": false } }
                """);
        return model;
    }
}
