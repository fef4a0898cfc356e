package vigil.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What some editors and clocks write is still the same scenario: a byte-order mark, a comma before the fraction. */
class FilesAreReadAsEditorsWriteThemTest {
    @TempDir
    Path dir;

    private static String handled() throws IOException {
        return Files.readString(CliRun.resourceDir("scenarios").resolve("2018-divert-handled.json"));
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheScenario() throws IOException {
        Path plain = dir.resolve("plain.json");
        Path marked = dir.resolve("marked.json");
        Files.writeString(plain, handled());
        Files.writeString(marked, "\uFEFF" + handled(), StandardCharsets.UTF_8);

        CliRun a = CliRun.replay(plain);
        CliRun b = CliRun.replay(marked);

        assertThat(b.exit()).as(b.toString()).isZero();
        assertThat(b.out()).isNotEmpty().isEqualTo(a.out());
    }

    @Test
    void aCommaMayStandBeforeTheFractionOfASecond() throws IOException {
        Path file = dir.resolve("comma.json");
        String text = handled();
        String start = "\"start\": \"";
        int k = text.indexOf(start) + start.length();
        int end = text.indexOf('"', k);
        String instant = text.substring(k, end); // e.g. 2018-05-31T23:50:00+01:00
        String withFraction = instant.substring(0, 19) + ",5" + instant.substring(19);
        Files.writeString(file, text.substring(0, k) + withFraction + text.substring(end));

        CliRun run = CliRun.replay(file);

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.outLines()).isNotEmpty();
    }

    @Test
    void aFileThatIsNotUtf8IsSaidToBeSo() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, handled().replace("Example Road", "Caf\u00e9 Road").getBytes(StandardCharsets.ISO_8859_1));

        CliRun run = CliRun.replay(file);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString().contains("not UTF-8");
    }
}
