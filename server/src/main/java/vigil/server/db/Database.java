package vigil.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import vigil.server.db.LocalPostgres.Login;

/**
 * Where the control room's records live: the embedded PostgreSQL or an external one, migrated, with the server's own
 * role checked to be the restricted one. Hands out a pool for reads and dedicated connections for the writer.
 */
public final class Database implements AutoCloseable {
    private final String url;
    private final Login app;
    private final LocalPostgres local;
    private final HikariDataSource pool;

    Database(String url, Login app, LocalPostgres local) {
        this.url = url;
        this.app = app;
        this.local = local;
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(app.user());
        c.setPassword(app.password());
        c.setPoolName("vigil-read");
        c.setMaximumPoolSize(10);
        c.setInitializationFailTimeout(-1); // the writer reports a database that is down; the pool need not fail
        this.pool = new HikariDataSource(c);
    }

    /** The embedded PostgreSQL in {@code dataDir}, started, migrated and checked, as the server runs on it. */
    public static Database embedded(java.nio.file.Path dataDir) {
        LocalPostgres pg = LocalPostgres.start(dataDir);
        try {
            String url = pg.url(LocalPostgres.DATABASE);
            Migrations.migrate(url, pg.owner(), LocalPostgres.APP);
            Migrations.checkRestricted(url, pg.app());
            return new Database(url, pg.app(), pg);
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** A pool of connections as the server's role, for reads. */
    public DataSource pooled() {
        return pool;
    }

    /**
     * A new connection of its own as the server's role, outside the pool: the writer holds its advisory lock on it for
     * as long as it lives, so the pool must never recycle it.
     */
    public Connection connect(String applicationName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", app.user());
        p.setProperty("password", app.password() == null ? "" : app.password());
        p.setProperty("reWriteBatchedInserts", "true");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("connectTimeout", "5");
        p.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(url, p);
    }

    public String url() {
        return url;
    }

    /** The server's own role. */
    public String user() {
        return app.user();
    }

    public Optional<LocalPostgres> local() {
        return Optional.ofNullable(local);
    }

    /** One line for the start-up message. */
    public String describe() {
        return local != null
                ? "embedded PostgreSQL " + PostgresBinaries.VERSION + " on 127.0.0.1:" + local.port() + ", data in "
                        + local.dataDirectory()
                : "external PostgreSQL " + url.replaceAll("\\?.*", "") + " as " + app.user();
    }

    @Override
    public void close() {
        pool.close();
        if (local != null) {
            local.close();
        }
    }
}
