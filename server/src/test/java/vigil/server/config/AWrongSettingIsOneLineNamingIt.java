package vigil.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vigil.server.VigilServer;

/**
 * An operator who gives a setting a wrong value is told in one line on stderr which setting and what is wrong with it,
 * and the server exits non-zero: 2 for a value that is not one (before anything starts), 1 for a start-up that fails
 * on it (a database that cannot be reached, a port in use, checkpoints that cannot be written). Before audit 7 these
 * said {@code For input string: "abc"}, {@code Address already in use}, a schema "not at this version" for a refused
 * connection, or nothing at all (checkpoints), with Spring's own report beside them.
 */
class AWrongSettingIsOneLineNamingIt {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "VIGIL_PORT|abc|vigil: VIGIL_PORT is not valid: 'abc' is not a whole number",
        "VIGIL_SMTP_PORT|twenty-five|vigil: VIGIL_SMTP_PORT is not valid: 'twenty-five' is not a whole number",
        "VIGIL_SNAPSHOT_EVERY|often|vigil: VIGIL_SNAPSHOT_EVERY is not valid: 'often' is not a whole number",
        "VIGIL_LIVE_HEARTBEAT|soon|vigil: VIGIL_LIVE_HEARTBEAT is not valid: 'soon' is not a duration (e.g. 10s or"
                + " PT10S)",
        "VIGIL_LIVE_MAX_PER_READER|lots|vigil: VIGIL_LIVE_MAX_PER_READER is not valid: 'lots' is not a whole number",
        "VIGIL_DEMO|maybe|vigil: VIGIL_DEMO is not valid: 'maybe' is not true or false",
        "VIGIL_PAGE_IDLE|10s|vigil: VIGIL_PAGE_IDLE must be at least a minute (e.g. 30m or PT12H), not PT10S"})
    void aValueThatIsNoneIsRefusedBeforeAnythingStarts(String name, String value, String line, @TempDir Path data)
            throws Exception {
        Ended e = serve(data, Map.of(name, value));

        assertThat(e.code()).as(e.err()).isEqualTo(2);
        assertThat(e.err().lines().toList()).containsExactly(line);
        assertThat(e.out()).isEmpty();
        assertThat(data).isEmptyDirectory();
    }

    @ParameterizedTest(name = "{0} is a file")
    @CsvSource({"VIGIL_DATA_DIR", "VIGIL_CHECKPOINT_DIR"})
    void aDirectoryThatIsAFileIsRefusedBeforeAnythingStarts(String name, @TempDir Path data) throws Exception {
        Path file = Files.writeString(data.resolve("a-file"), "");
        Ended e = serve(data.resolve("data"), Map.of(name, file.toString()));

        assertThat(e.code()).as(e.err()).isEqualTo(2);
        assertThat(e.err().lines().toList()).containsExactly("vigil: " + name + " is not a directory: " + file);
    }

    @Test
    void aDatabaseThatRefusesTheConnectionIsSaidSoNotAsASchemaToMigrate(@TempDir Path data) throws Exception {
        int closed = freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/vigil";
        Ended e = serve(data, Map.of("VIGIL_DB_URL", url, "VIGIL_DB_USER", "vigil_app", "VIGIL_DB_PASSWORD", "pw"));

        assertThat(e.code()).as(e.err()).isEqualTo(1);
        assertThat(e.err().lines().toList()).singleElement().asString()
                .startsWith("vigil: cannot start: cannot connect to the database " + url + " as VIGIL_DB_USER vigil_app:")
                .contains("refused").doesNotContain("schema").doesNotContain("Exception");
    }

    @Test
    void aUrlThatIsNoPostgresUrlIsSaidSo(@TempDir Path data) throws Exception {
        Ended e = serve(data, Map.of("VIGIL_DB_URL", "db.example:5432/vigil", "VIGIL_DB_USER", "vigil_app"));

        assertThat(e.code()).as(e.err()).isEqualTo(1);
        assertThat(e.err().lines().toList()).containsExactly("vigil: cannot start: VIGIL_DB_URL is not a PostgreSQL"
                + " JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE): db.example:5432/vigil");
    }

    @Test
    void checkpointsThatCannotBeWrittenStopTheStartInsteadOfFailingEverySecond(@TempDir Path data) throws Exception {
        Path nowhere = Path.of("/proc/vigil-checkpoints"); // no one may create a directory there, root neither
        Ended e = serve(data, Map.of("VIGIL_CHECKPOINT_DIR", nowhere.toString()));

        assertThat(e.code()).as(e.err()).isEqualTo(1);
        assertThat(e.err().lines().toList()).singleElement().asString()
                .startsWith("vigil: cannot start: cannot write signed checkpoints to "
                        + nowhere.resolve("checkpoints.log") + " (VIGIL_CHECKPOINT_DIR): ")
                .doesNotContain("Exception");
    }

    @Test
    void aPortInUseIsNamed(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Ended e = serve(data, Map.of("VIGIL_PORT", Integer.toString(taken.getLocalPort())));

            assertThat(e.code()).as(e.err()).isEqualTo(1);
            assertThat(e.err().lines().toList()).containsExactly("vigil: cannot start: port " + taken.getLocalPort()
                    + " is in use by another program: stop it, or give this server another port (--port N or"
                    + " VIGIL_PORT)");
        }
    }

    private record Ended(int code, String out, String err) {}

    /** {@code ./vigil serve}'s JVM with these settings, run until it ends by itself. */
    private static Ended serve(Path data, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-ea:vigil...", "-Xmx512m", "-Dlogging.level.root=OFF", // its log apart: the line is what is asked of
                "-cp", System.getProperty("java.class.path"), VigilServer.class.getName());
        b.environment().put("VIGIL_DATA_DIR", data.toString());
        b.environment().put("VIGIL_PORT", "0");
        b.environment().put("VIGIL_DEMO", "false");
        b.environment().putAll(env);
        Path out = Files.createTempFile("vigil-serve", ".out");
        b.redirectOutput(out.toFile());
        Process p = b.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the server did not stop by itself: " + err);
        }
        String said = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Ended(p.exitValue(), said, err);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
