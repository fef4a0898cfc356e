package vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.testing.Commands.ADMIN;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.addUnit;
import static vigil.server.testing.Commands.createIncident;
import static vigil.server.testing.Commands.recordCall;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.core.engine.Queries;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * A snapshot is used only when it is the log's: one whose bytes are damaged, whose chain head is not the log's at its
 * seq, or that was taken under another policy is passed over (one line in the server's log each), and the server
 * rebuilds from the whole log, the same room as before.
 */
class AnUnusableSnapshotFallsBackToAFullRebuild {
    private static final Instant T0 = Instant.parse("2026-03-01T22:00:00Z");
    private final SettableClock clock = new SettableClock(T0);
    private SharedPostgres.Db db;
    private String roomBefore;
    private List<JsonNode> logBefore;

    /** A room whose newest snapshot holds all of its log. */
    @BeforeEach
    void aRoomWithASnapshot(@TempDir Path data) throws Exception {
        db = SharedPostgres.newDatabase();
        try (TestServer server = start(db, data, Map.of("vigil.snapshot-every", 1)).withStaff()) {
            assertThat(server.command(ADMIN, addUnit("U1", "MD21")).status()).isEqualTo(200);
            assertThat(server.command(CALL_HANDLER, recordCall("C1")).status()).isEqualTo(200);
            assertThat(server.command(CALL_HANDLER, createIncident("CAD-1", "C1", "I")).status()).isEqualTo(200);
            long last = server.writer().position().lastSeq();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ARestartFromASnapshotIsTheSameControlRoom.newestSnapshot(db) == last);
            roomBefore = server.writer().ask(Queries::describe).join();
            logBefore = server.events();
        }
    }

    @Test
    void damagedBytesAreRefused(@TempDir Path data) throws Exception {
        owner("update snapshot set state = overlay(state placing '\\x00010203'::bytea from 40)");
        assertFullRebuild(data, Map.of());
    }

    @Test
    void aChainHeadThatIsNotTheLogsIsIgnored(@TempDir Path data) throws Exception {
        owner("update snapshot set head_hash = sha256('not the log'::bytea)");
        assertFullRebuild(data, Map.of());
    }

    @Test
    void aSnapshotAheadOfTheLogIsIgnored(@TempDir Path data) throws Exception {
        owner("update snapshot set seq = seq + 1000");
        assertFullRebuild(data, Map.of());
    }

    @Test
    void aSnapshotTakenUnderAnotherPolicyIsRefused(@TempDir Path data) throws Exception {
        Path policy = Files.writeString(data.resolve("policy.json"), "{\"retainClosedFor\": \"P8D\"}");
        try (TestServer server = start(db, data, Map.of("vigil.policy", policy.toString()))) {
            assertThat(server.writer().lastStart().snapshotSeq()).as("full rebuild").isZero();
            assertThat(server.writer().lastStart().replayed()).isEqualTo(logBefore.size());
            assertThat(server.events()).isEqualTo(logBefore);
        }
    }

    private void assertFullRebuild(Path data, Map<String, Object> settings) {
        try (TestServer server = start(db, data, settings)) {
            assertThat(server.writer().lastStart().snapshotSeq()).as("full rebuild").isZero();
            assertThat(server.writer().lastStart().replayed()).isEqualTo(logBefore.size());
            assertThat(server.writer().ask(Queries::describe).join()).isEqualTo(roomBefore);
            assertThat(server.events()).isEqualTo(logBefore);
        }
    }

    private void owner(String sql) throws Exception {
        try (Connection c = db.connectAsOwner(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private TestServer start(SharedPostgres.Db on, Path data, Map<String, Object> extra) {
        Map<String, Object> settings = new LinkedHashMap<>(on.settings());
        settings.putAll(extra);
        TestServer s = TestServer.start(settings, data, clock);
        s.awaitUp();
        return s;
    }
}
