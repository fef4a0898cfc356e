package vigil.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL is the control room's record on a laptop: whatever stopped it last time (a clean stop, the
 * database killed, the server killed and its database left running), the next start opens the same data, and two
 * servers never share one data directory.
 */
class TheEmbeddedDatabaseOutlivesCrashes {

    @Test
    void aRestartOpensTheSameDataWithTheSamePasswords(@TempDir Path dir) throws Exception {
        try (LocalPostgres pg = LocalPostgres.start(dir)) {
            write(pg, "kept");
        }
        try (LocalPostgres pg = LocalPostgres.start(dir)) {
            assertThat(read(pg)).isEqualTo("kept");
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("pg-passwords")))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void aKilledPostgresLeavesAStalePidFileThatDoesNotStopTheNextStart(@TempDir Path dir) throws Exception {
        // The whole machine's work killed at once: the server first (so nothing starts its PostgreSQL again), then
        // its PostgreSQL, which leaves postmaster.pid behind.
        Process server = holder(dir, "committed before the kill");
        long postmasterPid = readyPid(server);
        server.destroyForcibly();
        server.waitFor(10, TimeUnit.SECONDS);
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid).orElseThrow();
        postmaster.destroyForcibly(); // SIGKILL: no shutdown, postmaster.pid stays
        postmaster.onExit().get(10, TimeUnit.SECONDS);
        assertThat(dir.resolve("pg/postmaster.pid")).exists();

        try (LocalPostgres again = LocalPostgres.start(dir)) {
            assertThat(read(again)).isEqualTo("committed before the kill");
        }
    }

    @Test
    void aPostgresThatDiesUnderARunningServerIsStartedAgainWithItsData(@TempDir Path dir) throws Exception {
        try (LocalPostgres pg = LocalPostgres.start(dir)) {
            write(pg, "committed before the kill");
            ProcessHandle first = pg.process();
            first.destroyForcibly();
            first.onExit().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> pg.process().pid() != first.pid() && pg.process().isAlive());
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> "committed before the kill".equals(read(pg)));
        }
    }

    @Test
    void aPostgresLeftRunningByAKilledServerIsStoppedBeforeTheNextStart(@TempDir Path dir) throws Exception {
        Process server = holder(dir);
        long orphanPid = readyPid(server);
        server.destroyForcibly(); // SIGKILL the server: its PostgreSQL runs on
        server.waitFor(10, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

        try (LocalPostgres next = LocalPostgres.start(dir)) {
            assertThat(next.process().pid()).isNotEqualTo(orphanPid);
            assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).isEmpty();
            write(next, "after the orphan");
            assertThat(read(next)).isEqualTo("after the orphan");
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefused(@TempDir Path dir) {
        try (LocalPostgres first = LocalPostgres.start(dir)) {
            assertThatThrownBy(() -> LocalPostgres.start(dir)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another Vigil server is running on the data directory");
            assertThat(first.process().isAlive()).isTrue();
        }
    }

    @Test
    void itListensOnLoopbackOnlyAndWantsAPassword(@TempDir Path dir) {
        try (LocalPostgres pg = LocalPostgres.start(dir)) {
            assertThat(pg.url("vigil")).startsWith("jdbc:postgresql://127.0.0.1:");
            assertThatThrownBy(() -> DriverManager.getConnection(pg.url("vigil"), "vigil_app", "guess"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        }
    }

    /** A server as its own process, holding the embedded PostgreSQL of {@code dir} until killed. */
    private static Process holder(Path dir, String... probe) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HoldsPostgresUntilKilled.class.getName(), dir.toString()));
        command.addAll(List.of(probe));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The pid of the holder's PostgreSQL, once it says it is ready. */
    private static long readyPid(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = out.readLine();
        } while (line != null && !line.startsWith("ready "));
        assertThat(line).as("the server process started its database").isNotNull();
        return Long.parseLong(line.substring("ready ".length()).trim());
    }

    private static void write(LocalPostgres pg, String value) throws SQLException {
        try (Connection c = pg.connect(LocalPostgres.SUPERUSER, "postgres"); Statement s = c.createStatement()) {
            s.execute("create table if not exists probe (v text)");
            s.execute("delete from probe");
            s.execute("insert into probe values ('" + value + "')");
        }
    }

    private static String read(LocalPostgres pg) throws SQLException {
        try (Connection c = pg.connect(LocalPostgres.SUPERUSER, "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select v from probe")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
