package vigil.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import vigil.server.db.LocalPostgres;

/**
 * One real PostgreSQL for the whole test JVM (the embedded one, in a temporary data directory), stopped when the JVM
 * ends. Each test gets a database of its own in it, used as an external database would be.
 */
public final class SharedPostgres {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static LocalPostgres pg;
    private static Path dir;

    private SharedPostgres() {}

    /** A fresh database, empty; the server migrates it as its owner. */
    public record Db(String name, String url, LocalPostgres.Login owner, LocalPostgres.Login app) {
        /** The settings that point a server at this database. */
        public Map<String, Object> settings() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("vigil.db.url", url);
            m.put("vigil.db.user", app.user());
            m.put("vigil.db.password", app.password());
            m.put("vigil.db.owner", owner.user());
            m.put("vigil.db.owner-password", owner.password());
            return m;
        }

        public Connection connectAsOwner() throws SQLException {
            return DriverManager.getConnection(url, owner.user(), owner.password());
        }

        public Connection connectAsApp() throws SQLException {
            return DriverManager.getConnection(url, app.user(), app.password());
        }
    }

    /** Ends every session of {@code role} on {@code db}, as a database restart or a network cut would. */
    public static synchronized int terminateSessions(Db db, String role) throws SQLException {
        LocalPostgres p = instance();
        try (Connection c = DriverManager.getConnection(p.url("postgres"), p.superuser().user(),
                p.superuser().password());
             var s = c.prepareStatement("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                     + " where datname = ? and usename = ?")) {
            s.setString(1, db.name());
            s.setString(2, role);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public static synchronized Db newDatabase() {
        LocalPostgres p = instance();
        String name = "vigil_test_" + NEXT.incrementAndGet();
        p.createDatabase(name);
        return new Db(name, p.url(name), p.owner(), p.app());
    }

    /** A new database holding what {@code db} holds now; any session still open on {@code db} is ended first. */
    public static synchronized Db copyOf(Db db) throws SQLException {
        LocalPostgres p = instance();
        String name = "vigil_test_" + NEXT.incrementAndGet();
        try (Connection c = DriverManager.getConnection(p.url("postgres"), p.superuser().user(),
                p.superuser().password()); var s = c.createStatement()) {
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + db.name() + "'");
            s.execute("create database " + name + " template " + db.name() + " owner " + p.owner().user());
            s.execute("revoke all on database " + name + " from public");
            s.execute("grant connect, temporary on database " + name + " to " + p.app().user());
        }
        return new Db(name, p.url(name), p.owner(), p.app());
    }

    private static LocalPostgres instance() {
        if (pg == null) {
            try {
                dir = Files.createTempDirectory("vigil-test-pg");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pg = LocalPostgres.start(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                pg.close();
                TempDirs.delete(dir);
            }, "shared-postgres-stop"));
        }
        return pg;
    }
}
