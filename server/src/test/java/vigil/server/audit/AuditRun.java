package vigil.server.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import vigil.server.config.VigilProperties;
import vigil.server.testing.SharedPostgres;

/** One run of verify-audit in this JVM: its exit code and what it printed. */
record AuditRun(int exit, String out, String err) {

    static AuditRun of(VigilProperties p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyAudit.run(p, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new AuditRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The settings of a server on {@code db} with its data (key, checkpoints) in {@code data}. */
    static VigilProperties on(SharedPostgres.Db db, Path data) {
        return on(db, data, null);
    }

    /** As {@link #on(SharedPostgres.Db, Path)}, with checkpoints.log in {@code checkpointDir}. */
    static VigilProperties on(SharedPostgres.Db db, Path data, Path checkpointDir) {
        return new VigilProperties(0, data, null, new VigilProperties.Db(db.url(), db.app().user(),
                db.app().password(), db.owner().user(), db.owner().password()), checkpointDir, false);
    }

    /** The settings of a server on the embedded database of {@code data}. */
    static VigilProperties embedded(Path data) {
        return new VigilProperties(0, data, null, new VigilProperties.Db(null, null, null, null, null), null, false);
    }
}
