package vigil.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * TIGER_STYLE's limits on the core's main code, so a newcomer can read any piece of it at once: no file over 300
 * lines, no method over 70. The reader is tried on a canary first (a rule can silently check nothing).
 */
class CoreCodeStaysShort {
    static final int MAX_FILE_LINES = 300;
    static final int MAX_METHOD_LINES = 70;

    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void noFileOfTheCoreIsOver300Lines() {
        List<String> long_ = new ArrayList<>();
        for (Path p : sources()) {
            long lines = read(p).lines().count();
            if (lines > MAX_FILE_LINES) {
                long_.add(MAIN.relativize(p) + " is " + lines + " lines");
            }
        }
        assertThat(long_).as("files over %d lines", MAX_FILE_LINES).isEmpty();
    }

    @Test
    void noMethodOfTheCoreIsOver70Lines() {
        List<SourceSize.Method> all = new ArrayList<>();
        for (Path p : sources()) {
            all.addAll(SourceSize.methods(MAIN.relativize(p).toString(), read(p)));
        }
        assertThat(all).as("methods read from the core").hasSizeGreaterThan(200)
                .anyMatch(m -> m.file().endsWith("Engine.java") && m.name().equals("submit") && m.lines() > 30);
        assertThat(all.stream().filter(m -> m.lines() > MAX_METHOD_LINES))
                .as("methods over %d lines", MAX_METHOD_LINES).isEmpty();
    }

    @Test
    void theReaderMeasuresAMethodFromItsDeclarationToItsClosingBrace() {
        StringBuilder source = new StringBuilder("""
                package canary;

                /** A class with braces in {comments}. */
                final class Canary {
                    private static final Runnable TASK = new Runnable() {
                        public void run() {}
                    };
                    static { System.out.println("}"); }

                    record Pair(int a, int b) {
                        Pair {
                            assert a <= b : "{";
                        }
                    }

                    @Deprecated
                    <T> void longOne(
                            T t) {
                """);
        for (int k = 0; k < 67; k++) {
            source.append("        System.out.println('{');\n");
        }
        source.append("    }\n\n    int shortOne() { return switch (1) { default -> 1; }; }\n}\n");

        List<SourceSize.Method> methods = SourceSize.methods("Canary.java", source.toString());

        assertThat(methods).extracting(SourceSize.Method::name).containsExactlyInAnyOrder("run", "longOne",
                "shortOne");
        SourceSize.Method longOne = methods.stream().filter(m -> m.name().equals("longOne")).findFirst().orElseThrow();
        assertThat(longOne.firstLine()).isEqualTo(16);
        assertThat(longOne.lines()).isEqualTo(MAX_METHOD_LINES + 1);
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> found = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            assertThat(found).as("core sources under %s", MAIN.toAbsolutePath()).hasSizeGreaterThan(30);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
