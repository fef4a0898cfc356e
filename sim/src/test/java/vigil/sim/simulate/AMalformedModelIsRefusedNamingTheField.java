package vigil.sim.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vigil.sim.cli.VigilCli;

/**
 * {@code ./vigil simulate} refuses a file that is not a valid model: exit 2, nothing on stdout, one line on stderr
 * that names the field, and the file as replay's and report's lines do (extensions.md).
 */
class AMalformedModelIsRefusedNamingTheField {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "shares not summing to 1     | \"I\": 1.0                         | \"I\": 0.7                      | grades",
            "a unit of an unknown zone   | \"homeZone\": \"Z\"                  | \"homeZone\": \"Nowhere\"      | homeZone",
            "an unknown dispatch rule    | \"dispatch\": \"preference\"          | \"dispatch\": \"closest\"        | dispatch",
            "an unknown distribution     | \"exponential\"                      | \"gamma\"                      | dist",
            "a negative rate             | \"callsPerHour\": 4.0                | \"callsPerHour\": -4.0         | callsPerHour",
            "a bad duration              | \"P20000D\"                          | \"20000 days\"                 | duration",
            "a typo in a field name      | \"queue\"                            | \"queueing\"                   | queueing",
            "a missing start             | \"start\"                            | \"begin\"                      | begin",
            "a run past 2199             | \"P20000D\"                          | \"P70000D\"                    | duration",
            "a rate beyond any room      | \"callsPerHour\": 4.0                | \"callsPerHour\": 4e9          | callsPerHour",
            "a rate no number can hold   | \"callsPerHour\": 4.0                | \"callsPerHour\": 1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000 | callsPerHour",
            "a service of years          | \"PT1H\"                             | \"P400D\"                      | mean",
    })
    void exitsTwoWithOneLineNamingTheField(String story, String from, String to, String field) throws IOException {
        String text = Models.text("mm5-erlang.json");
        assertThat(text).as(story).contains(from);
        Path file = dir.resolve("bad.json");
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            exit = VigilCli.execute(new String[] {"simulate", file.toString()}, o, e);
        }

        assertThat(exit).as(story + ": " + err).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines().toList()).as(story).hasSize(1);
        assertThat(err.toString()).as(story).contains(field).startsWith("vigil: " + file + ": ");
    }

    @Test
    void aModelFileThatIsNotThereIsNamedOnce() {
        Path file = dir.resolve("no-such-model.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            exit = VigilCli.execute(new String[] {"simulate", file.toString()}, o, e);
        }

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("vigil: " + file + ": no such file" + System.lineSeparator());
    }
}
