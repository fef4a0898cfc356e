package vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.testing.Commands.ADMIN;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.addUnit;
import static vigil.server.testing.Commands.createIncident;
import static vigil.server.testing.Commands.recordCall;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.engine.Engine;
import vigil.server.db.Database;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * The snapshot taker keeps an engine of its own level with the log, so that the writer never holds still for a
 * snapshot. One that starts after the log began builds its engine from the log; one handed a batch that does not
 * follow what it holds (a batch it never saw in between) takes no snapshot of a wrong room: it rebuilds from the log
 * (from its own last snapshot and the events after it) at the next batch and carries on. Every snapshot it stores is
 * the room a rebuild of the log to that seq gives, with the log's chain hash at that seq. A server started over a log
 * with no recent snapshot takes one even when nothing more is logged.
 */
class TheSnapshotTakerKeepsLevelWithTheLog {
    private static final Instant T0 = Instant.parse("2026-03-01T22:00:00Z");

    @Test
    void aTakerThatMissedBatchesRebuildsFromTheLogAndSnapshotsTheLogsRoom(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        SettableClock clock = new SettableClock(T0);
        // The server's own taker snapshots only every million events: the snapshots here are the test's taker's.
        Map<String, Object> settings = snapshotsEvery(db, 1_000_000);
        try (TestServer server = aFewEvents(TestServer.start(settings, data, clock))) {
            Policy policy = server.bean(Policy.class);
            try (SnapshotTaker taker = new SnapshotTaker(server.bean(Database.class), new Snapshots(policy), clock,
                    1)) {
                taker.start();
                // Given a taker that started after the log began, handed the log's last batch,
                List<Recorded> log = logged(db);
                long first = log.getLast().seq();
                taker.committed(List.of(log.getLast()), hashAt(db, first));
                // then it builds its engine from the log and snapshots the log's room.
                await().atMost(Duration.ofSeconds(30)).until(() -> newestSnapshot(db) == first);
                assertSnapshotIsTheLogsRoom(db, policy, first);

                // When more is logged and it is handed only the last event of it (the rest never reached it),
                clock.advance(Duration.ofSeconds(40));
                assertThat(server.command(CALL_HANDLER, createIncident("CAD-1", "C1", "I")).status()).isEqualTo(200);
                assertThat(server.command(CALL_HANDLER, recordCall("C2")).status()).isEqualTo(200);
                log = logged(db);
                long last = log.getLast().seq();
                assertThat(last).isGreaterThan(first + 1);
                byte[] head = hashAt(db, last);
                taker.committed(List.of(log.getLast()), head);
                // and then the next batch,
                taker.committed(List.of(log.getLast()), head);
                // then it rebuilt from its snapshot and the log after it, and snapshots the log's room again.
                await().atMost(Duration.ofSeconds(30)).until(() -> newestSnapshot(db) == last);
                assertSnapshotIsTheLogsRoom(db, policy, last);
            }
        }
    }

    @Test
    void aRoomRestartedOverALogWithoutASnapshotGetsOneWhileItStaysQuiet(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        SettableClock clock = new SettableClock(T0);
        Map<String, Object> settings = snapshotsEvery(db, 1_000_000);
        // Given a log of a few events and no snapshot,
        aFewEvents(TestServer.start(settings, data, clock)).close();
        assertThat(newestSnapshot(db)).isZero();
        long last = logged(db).getLast().seq();
        // when a server that snapshots every few events starts over it, and nothing more happens,
        settings.put("vigil.snapshot-every", 2);
        try (TestServer server = up(TestServer.start(settings, data, clock))) {
            // then it snapshots the log's room all the same, without a command.
            await().atMost(Duration.ofSeconds(30)).until(() -> newestSnapshot(db) == last);
            assertThat(server.writer().position().lastSeq()).isEqualTo(last);
            assertSnapshotIsTheLogsRoom(db, server.bean(Policy.class), last);
        }
    }

    private static void assertSnapshotIsTheLogsRoom(SharedPostgres.Db db, Policy policy, long seq) throws SQLException {
        List<Recorded> upTo = logged(db).stream().filter(r -> r.seq() <= seq).toList();
        Engine rebuilt = Engine.rebuild(policy, Writer.OPENING_ROSTER, upTo.getFirst().at(), upTo);
        try (Connection c = db.connectAsOwner(); PreparedStatement s = c.prepareStatement(
                "select s.head_hash = e.hash, s.state from snapshot s join event e using (seq) where seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("a snapshot at " + seq).isTrue();
                assertThat(rs.getBoolean(1)).as("its head is the log's hash at " + seq).isTrue();
                Engine restored = Engine.restore(policy, Snapshots.inflate(rs.getBytes(2)));
                assertThat(restored.lastSeq()).isEqualTo(seq);
                assertThat(restored.queries().describe()).isEqualTo(rebuilt.queries().describe());
            }
        }
    }

    private static List<Recorded> logged(SharedPostgres.Db db) throws SQLException {
        List<Recorded> events = new ArrayList<>();
        try (Connection c = db.connectAsOwner()) {
            EventTable.replay(c, 0, Chain.GENESIS, events::add);
        }
        return events;
    }

    private static byte[] hashAt(SharedPostgres.Db db, long seq) throws SQLException {
        try (Connection c = db.connectAsOwner()) {
            return EventTable.hashAt(c, seq);
        }
    }

    private static Map<String, Object> snapshotsEvery(SharedPostgres.Db db, long events) {
        Map<String, Object> settings = new LinkedHashMap<>(db.settings());
        settings.put("vigil.snapshot-every", events);
        return settings;
    }

    /** The server, once up, with the staff and a few events: a unit added and a call recorded. */
    private static TestServer aFewEvents(TestServer server) {
        up(server).withStaff();
        assertThat(server.command(ADMIN, addUnit("U1", "MD21")).status()).isEqualTo(200);
        assertThat(server.command(CALL_HANDLER, recordCall("C1")).status()).isEqualTo(200);
        return server;
    }

    private static TestServer up(TestServer server) {
        server.awaitUp();
        return server;
    }

    private static long newestSnapshot(SharedPostgres.Db db) throws SQLException {
        return ARestartFromASnapshotIsTheSameControlRoom.newestSnapshot(db);
    }
}
