package vigil.sim.replay;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import vigil.sim.cli.VigilCli;

/** One run of the real command-line entry, {@link VigilCli#execute}, with stdout and stderr captured. */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            exit = VigilCli.execute(args, o, e);
        }
        return new CliRun(exit, out.toString(), err.toString());
    }

    static CliRun replay(Path file) {
        return of("replay", file.toString());
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout ---\n" + abbreviate(out) + "\n--- stderr ---\n" + err;
    }

    private static String abbreviate(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 4000) + "\n... (" + s.length() + " chars)";
    }

    /** A directory of test resources, as a path (the build copies them to target/test-classes). */
    static Path resourceDir(String name) {
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
