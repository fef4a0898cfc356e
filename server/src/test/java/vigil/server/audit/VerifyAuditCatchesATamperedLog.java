package vigil.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.recordCall;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.log.Chain;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * Whoever owns the database can change the log, but not unnoticed: an edited row breaks the chain at that row, and a
 * log rewritten from a row on with every hash recomputed, a chain that checks out, no longer matches the checkpoints
 * the server signed before.
 */
class VerifyAuditCatchesATamperedLog {
    /** Renames the call of one CallRecorded row (append its seq). */
    private static final String REWRITE_CALL_ID = "update event set payload = replace(payload::text,"
            + " '\"callId\":\"C', '\"callId\":\"X')::json where payload::text like '%\"callId\":\"C%' and seq = ";

    @Test
    void anUntouchedLogIsVerifiedInOneLine(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        long last = recordSomeCalls(db, data, 5);

        AuditRun run = AuditRun.of(AuditRun.on(db, data));

        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines().toList()).singleElement().asString()
                .startsWith("verified " + last + " events, chain head ").contains("signed checkpoint");
    }

    @Test
    void aRowEditedByTheDatabaseOwnerIsNamedBySeq(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        recordSomeCalls(db, data, 5);
        long edited = seqOf(db, "CallRecorded", 3);
        try (Connection c = db.connectAsOwner(); Statement s = c.createStatement()) {
            s.execute("alter table event disable trigger event_no_update_or_delete");
            assertThat(s.executeUpdate(REWRITE_CALL_ID + edited)).isEqualTo(1);
            s.execute("alter table event enable trigger event_no_update_or_delete");
        }

        AuditRun run = AuditRun.of(AuditRun.on(db, data));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).singleElement().asString()
                .contains("seq " + edited + ": the row was changed");
    }

    @Test
    void aChainRewrittenWithRecomputedHashesIsCaughtByTheCheckpoints(@TempDir Path data, @TempDir Path none)
            throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        SettableClock clock = new SettableClock(Instant.parse("2026-03-01T22:00:00Z"));
        long checkpointed;
        try (TestServer server = TestServer.startUp(db, data, clock).withStaff()) {
            for (int i = 1; i <= 4; i++) {
                assertThat(server.command(CALL_HANDLER, recordCall("C" + i)).status()).isEqualTo(200);
            }
            checkpointed = server.writer().position().lastSeq();
            clock.advance(Duration.ofHours(1)); // an hourly checkpoint signs seq `checkpointed`
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> CheckpointFile.read(data.resolve("checkpoints.log")).stream()
                            .anyMatch(l -> l.checkpoint().seq() == checkpointed));
            for (int i = 5; i <= 8; i++) {
                assertThat(server.command(CALL_HANDLER, recordCall("C" + i)).status()).isEqualTo(200);
            }
        }
        long from = seqOf(db, "CallRecorded", 2);
        assertThat(from).isLessThan(checkpointed);
        rewriteFrom(db, from);
        assertThat(AuditRun.of(AuditRun.on(db, data, none)).exit())
                .as("the rewritten chain checks out on its own").isEqualTo(0);

        AuditRun run = AuditRun.of(AuditRun.on(db, data));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .contains("the log was rewritten at or before seq").contains("differs from the checkpoint signed at")
                .satisfies(line -> assertThat(Long.parseLong(line.replaceAll(".*FAILED: seq (\\d+):.*", "$1")))
                        .as("the first checkpoint after the rewritten row").isBetween(from, checkpointed));
    }

    @Test
    void aForgedOrCutLogIsCaughtToo(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        long last = recordSomeCalls(db, data, 3);
        Path file = data.resolve("checkpoints.log");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Checkpoint c = Checkpoint.parse(lines.getLast());
        Files.writeString(file, new Checkpoint(c.seq() + 1, c.head(), c.at(), c.signature()).line() + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        assertThat(AuditRun.of(AuditRun.on(db, data)).err()).contains("line " + (lines.size() + 1))
                .contains("signature does not verify");

        Files.write(file, lines, StandardCharsets.UTF_8);
        try (Connection c2 = db.connectAsOwner(); Statement s = c2.createStatement()) {
            s.execute("alter table event disable trigger event_no_update_or_delete");
            s.execute("delete from event where seq = " + last);
        }
        AuditRun cut = AuditRun.of(AuditRun.on(db, data));
        assertThat(cut.exit()).isEqualTo(1);
        assertThat(cut.err()).contains("seq " + last + ": missing");
    }

    @Test
    void itWorksOnTheEmbeddedDatabaseWhetherOrNotTheServerRuns(@TempDir Path data) throws Exception {
        try (TestServer server = TestServer.startUp(null, data, null).withStaff()) {
            assertThat(server.command(CALL_HANDLER, recordCall("C1")).status()).isEqualTo(200);
            AuditRun whileUp = AuditRun.of(AuditRun.embedded(data));
            assertThat(whileUp.exit()).as(whileUp.err()).isEqualTo(0);
            assertThat(whileUp.out()).startsWith("verified " + server.writer().position().lastSeq() + " events");
        }
        // Stopped: verify-audit as the launcher runs it, in a process of its own, starts the database itself.
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), vigil.server.VigilServer.class.getName(), "verify-audit");
        b.environment().put("VIGIL_DATA_DIR", data.toString());
        Process audit = b.start();
        assertThat(audit.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(audit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(audit.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(audit.exitValue()).as(err).isEqualTo(0);
        assertThat(out.lines().toList()).singleElement().asString().startsWith("verified ");
        assertThat(err).isEmpty();
        assertThat(data.resolve("pg/postmaster.pid")).as("its database stopped again").doesNotExist();
    }

    /** Runs a server on {@code db} that records {@code n} calls and stops; the log's last seq. */
    private static long recordSomeCalls(SharedPostgres.Db db, Path data, int n) {
        try (TestServer server = TestServer.startUp(db, data, null).withStaff()) {
            for (int i = 1; i <= n; i++) {
                assertThat(server.command(CALL_HANDLER, recordCall("C" + i)).status()).isEqualTo(200);
            }
            return server.writer().position().lastSeq();
        }
    }

    /** The seq of the {@code nth} event of {@code type}. */
    private static long seqOf(SharedPostgres.Db db, String type, int nth) throws SQLException {
        try (Connection c = db.connectAsApp(); PreparedStatement s = c.prepareStatement(
                "select seq from event where type = ? order by seq offset ? limit 1")) {
            s.setString(1, type);
            s.setInt(2, nth - 1);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** As a rewriter would: changes the row at {@code from} and recomputes every hash from there on. */
    private static void rewriteFrom(SharedPostgres.Db db, long from) throws SQLException {
        try (Connection c = db.connectAsOwner(); Statement s = c.createStatement()) {
            s.execute("alter table event disable trigger event_no_update_or_delete");
            assertThat(s.executeUpdate(REWRITE_CALL_ID + from)).isEqualTo(1);
            byte[] prev;
            try (ResultSet rs = s.executeQuery("select hash from event where seq = " + (from - 1))) {
                rs.next();
                prev = rs.getBytes(1);
            }
            try (ResultSet rs = c.createStatement().executeQuery("select seq, at, type, actor, payload from event"
                    + " where seq >= " + from + " order by seq");
                 PreparedStatement u = c.prepareStatement("update event set prev_hash = ?, hash = ? where seq = ?")) {
                while (rs.next()) {
                    byte[] hash = Chain.hash(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), prev);
                    u.setBytes(1, prev);
                    u.setBytes(2, hash);
                    u.setLong(3, rs.getLong(1));
                    u.executeUpdate();
                    prev = hash;
                }
            }
        }
    }
}
