package vigil.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
        LocalPostgres first = LocalPostgres.start(dir);
        write(first, "committed before the kill");
        ProcessHandle postmaster = first.process();
        postmaster.destroyForcibly(); // SIGKILL: no shutdown, postmaster.pid stays
        postmaster.onExit().get(10, TimeUnit.SECONDS);
        assertThat(dir.resolve("pg/postmaster.pid")).exists();
        first.close(); // releases the data directory, as the dead server's exit would

        try (LocalPostgres again = LocalPostgres.start(dir)) {
            assertThat(read(again)).isEqualTo("committed before the kill");
        }
    }

    @Test
    void aPostgresLeftRunningByAKilledServerIsStoppedBeforeTheNextStart(@TempDir Path dir) throws Exception {
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldsPostgresUntilKilled.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        long orphanPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("ready "));
            assertThat(line).as("the server process started its database").isNotNull();
            orphanPid = Long.parseLong(line.substring("ready ".length()).trim());
        }
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
