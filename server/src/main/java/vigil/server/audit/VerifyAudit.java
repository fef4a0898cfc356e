package vigil.server.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import vigil.server.config.VigilProperties;
import vigil.server.db.LocalPostgres;

/**
 * {@code ./vigil verify-audit}: checks the event log's whole hash chain and every checkpoint, with the server's own
 * settings, whether or not a server is running (an embedded database that is not running is started for it and stopped
 * again). Exit 0 with one line {@code verified N events …}; exit 1 with one line naming the first bad seq; exit 2 when
 * the settings or files make a check impossible.
 */
public final class VerifyAudit {
    public static final int VERIFIED = 0;
    public static final int TAMPERED = 1;
    public static final int CANNOT_CHECK = 2;

    private VerifyAudit() {}

    public static int run(VigilProperties p, PrintStream out, PrintStream err) {
        Path keyDir = p.dataDir();
        Path file = p.checkpointsLog();
        List<CheckpointFile.Line> lines;
        PublicKey key = null;
        try {
            lines = CheckpointFile.read(file);
            if (Files.exists(keyDir.resolve(CheckpointKey.PUBLIC))) {
                key = CheckpointKey.loadPublic(keyDir);
            } else if (!lines.isEmpty()) {
                err.println("vigil: verify-audit: " + file + " holds checkpoints but " + keyDir.resolve(
                        CheckpointKey.PUBLIC) + " is missing, so none can be checked");
                return CANNOT_CHECK;
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            err.println("vigil: verify-audit: cannot read the checkpoints or their key: " + e.getMessage());
            return CANNOT_CHECK;
        }
        Audit.Result r;
        try (Source db = Source.of(p); Connection c = db.connect()) {
            if (!hasLog(c)) {
                err.println("vigil: verify-audit: the database has no event log (no Vigil server has run on it)");
                return CANNOT_CHECK;
            }
            r = Audit.verify(c, lines, key);
        } catch (SQLException | RuntimeException e) {
            err.println("vigil: verify-audit: cannot read the event log: " + firstLine(e));
            return CANNOT_CHECK;
        }
        if (!r.ok()) {
            err.println("vigil: verify-audit: FAILED: " + r.message());
            return TAMPERED;
        }
        out.println("verified " + r.events() + " events, chain head " + r.head() + ", and " + r.checkpoints()
                + " signed checkpoint" + (r.checkpoints() == 1 ? "" : "s") + " in " + file
                + (r.checkpoints() == 0 ? " (none yet: a log rewritten with recomputed hashes cannot be caught)" : ""));
        return VERIFIED;
    }

    private static boolean hasLog(Connection c) throws SQLException {
        try (var s = c.prepareStatement("select to_regclass('event') is not null"); var rs = s.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m).trim();
    }

    /** The database the settings name: external ({@code VIGIL_DB_*}) or the data directory's embedded one. */
    private record Source(String url, String user, String password, LocalPostgres.Opened opened)
            implements AutoCloseable {
        static Source of(VigilProperties p) {
            if (p.db().external()) {
                return new Source(p.db().url(), p.db().user(), p.db().password(), null);
            }
            LocalPostgres.Opened o = LocalPostgres.open(p.dataDir());
            return new Source(o.url(), o.app().user(), o.app().password(), o);
        }

        Connection connect() throws SQLException {
            Properties props = new Properties();
            props.setProperty("user", user == null ? "" : user);
            props.setProperty("password", password == null ? "" : password);
            props.setProperty("connectTimeout", "5");
            props.setProperty("ApplicationName", "vigil verify-audit");
            return DriverManager.getConnection(url, props);
        }

        @Override
        public void close() {
            if (opened != null) {
                opened.close();
            }
        }
    }
}
