package vigil.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import vigil.sim.cli.VigilCli;

/** One run of the real command-line entry, {@link VigilCli#execute}, with stdout and stderr captured. */
public record CliRun(int exit, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            exit = VigilCli.execute(args, o, e);
        }
        return new CliRun(exit, out.toString(), err.toString());
    }

    public static CliRun replay(Path file) {
        return of("replay", file.toString());
    }

    public List<String> outLines() {
        return out.lines().toList();
    }

    public List<String> errLines() {
        return err.lines().toList();
    }

    /** The contract for bad input: exit 2, nothing on stdout, one plain line on stderr saying each of {@code mustSay}. */
    public void assertRefusedWithOneLine(String what, List<String> mustSay) {
        assertThat(exit).as("exit code for %s\n%s", what, this).isEqualTo(VigilCli.INVALID_INPUT);
        assertThat(out).as("stdout must be empty for %s\n%s", what, this).isEmpty();
        List<String> lines = errLines();
        assertThat(lines).as("exactly one line on stderr for %s\n%s", what, this).hasSize(1);
        String line = lines.get(0);
        assertThat(line).as("the line for %s names the problem", what).isNotBlank().contains(mustSay);
        assertThat(line).as("no stack trace or exception name for %s", what).doesNotContain("Exception", "at vigil.",
                "\tat ", "tools.jackson", "java.", "Feature", "enable", "Source:", "REDACTED");
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout ---\n" + abbreviate(out) + "\n--- stderr ---\n" + err;
    }

    private static String abbreviate(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 4000) + "\n... (" + s.length() + " chars)";
    }

    /** A directory of test resources, as a path (the build copies them to target/test-classes). */
    public static Path resourceDir(String name) {
        URL url = CliRun.class.getResource("/" + name);
        if (url == null) {
            throw new AssertionError("no test resource directory " + name + " on the classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
