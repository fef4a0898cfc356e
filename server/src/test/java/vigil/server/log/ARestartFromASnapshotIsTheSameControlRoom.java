package vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.testing.Commands.ADMIN;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.DESPATCHER;
import static vigil.server.testing.Commands.addUnit;
import static vigil.server.testing.Commands.createIncident;
import static vigil.server.testing.Commands.recordCall;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.core.engine.Queries;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TempDirs;
import vigil.server.testing.TestServer;

/**
 * A restart restores the newest snapshot and replays only the events after it; a control room restarted that way is
 * the one a full rebuild of the log gives. Two copies of one database, one with its snapshots and one without, are
 * restarted an hour after they stopped: both fire the deadlines that fell due meanwhile once each, stamped with their
 * due times, both show the same room to every read, and both answer the same further commands with the same events.
 */
class ARestartFromASnapshotIsTheSameControlRoom {
    private static final Instant T0 = Instant.parse("2026-03-01T22:00:00Z");

    @Test
    void aRoomRestoredFromItsSnapshotIsTheRoomItsLogRebuilds(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        SettableClock clock = new SettableClock(T0);
        Map<String, String> passwords = new LinkedHashMap<>();
        // Given a room that snapshots after every batch, whose last snapshot holds an Immediate incident's deadlines,
        try (TestServer server = start(db, data, clock, 1).withStaff()) {
            assertThat(server.command(ADMIN, addUnit("U1", "MD21")).status()).isEqualTo(200);
            assertThat(server.command(ADMIN, addUnit("U2", "MD22")).status()).isEqualTo(200);
            assertThat(server.command(CALL_HANDLER, recordCall("C1")).status()).isEqualTo(200);
            assertThat(server.command(CALL_HANDLER, createIncident("CAD-1", "C1", "I")).status()).isEqualTo(200);
            assertThat(server.command(DESPATCHER, assign("CAD-1", "U1")).status()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(30));
            assertThat(server.command(CALL_HANDLER, recordCall("C2")).status()).isEqualTo(200);
            assertThat(server.command(CALL_HANDLER, createIncident("CAD-2", "C2", "S")).status()).isEqualTo(200);
            long last = server.writer().position().lastSeq();
            await().atMost(Duration.ofSeconds(30)).until(() -> newestSnapshot(db) == last);
            assertThat(snapshots(db)).as("old snapshots pruned").isLessThanOrEqualTo(Snapshots.KEEP);
            for (String who : List.of("ch1", "dsp1", "qa1")) {
                passwords.put(who, server.login().password(who));
            }
        }
        // and, after a restart from it, a tail of events no snapshot holds (another Immediate incident),
        clock.advance(Duration.ofSeconds(30));
        long snapshotSeq = newestSnapshot(db);
        long tailEnd;
        try (TestServer server = start(db, data, clock, 1_000)) {
            assertThat(server.writer().lastStart().snapshotSeq()).isEqualTo(snapshotSeq);
            assertThat(server.writer().lastStart().replayed()).isZero();
            assertThat(server.command(CALL_HANDLER, recordCall("C3")).status()).isEqualTo(200);
            assertThat(server.command(CALL_HANDLER, createIncident("CAD-3", "C3", "I")).status()).isEqualTo(200);
            tailEnd = server.writer().position().lastSeq();
        }
        assertThat(newestSnapshot(db)).isEqualTo(snapshotSeq);

        // when a copy of it without snapshots and it are both started an hour later,
        SharedPostgres.Db copy = SharedPostgres.copyOf(db);
        try (Connection c = copy.connectAsOwner(); Statement s = c.createStatement()) {
            s.execute("delete from snapshot");
        }
        Path copyData = Files.createTempDirectory("vigil-snapshot-copy");
        try {
            Files.copy(data.resolve("demo-users.txt"), copyData.resolve("demo-users.txt"));
            clock.set(T0.plus(Duration.ofHours(1)));
            Observed restored = restartAndCarryOn(db, data, clock, passwords);
            Observed rebuilt = restartAndCarryOn(copy, copyData, clock, passwords);

            // then the one restored from its snapshot replayed only the tail, the other the whole log,
            assertThat(restored.start().snapshotSeq()).isEqualTo(snapshotSeq);
            assertThat(restored.start().replayed()).isPositive();
            assertThat(rebuilt.start().snapshotSeq()).isZero();
            assertThat(rebuilt.start().replayed()).isEqualTo(restored.start().snapshotSeq()
                    + restored.start().replayed());
            // both fired each deadline that fell due while they were down once, at its due time (CAD-1's from the
            // snapshot, CAD-3's from the tail),
            List<String> fired = restored.eventsAtStart().stream().filter(e -> e.get("seq").asLong() > tailEnd)
                    .filter(e -> !e.has("by")).map(e -> e.get("type").asString() + " " + e.path("incidentId")
                            .asString("") + " " + e.get("at").asString()).toList();
            assertThat(fired).doesNotHaveDuplicates().contains("AttendanceBreached CAD-1 2026-03-01T22:15:00Z",
                    "AttendanceBreached CAD-3 2026-03-01T22:16:00Z", "IncidentUnresourced CAD-3 2026-03-01T22:03:00Z");
            assertThat(fired).allSatisfy(f -> assertThat(Instant.parse(f.substring(f.lastIndexOf(' ') + 1)))
                    .isBefore(T0.plus(Duration.ofHours(1))));
            assertThat(rebuilt.eventsAtStart()).isEqualTo(restored.eventsAtStart());
            // and both are the same room, to every read and to the same further commands.
            assertThat(rebuilt.state()).isEqualTo(restored.state());
            assertThat(rebuilt.reads()).isEqualTo(restored.reads());
            assertThat(rebuilt.answers()).isEqualTo(restored.answers());
            assertThat(rebuilt.eventsAtEnd()).isEqualTo(restored.eventsAtEnd());
        } finally {
            TempDirs.delete(copyData);
        }
    }

    private record Observed(Writer.Start start, List<JsonNode> eventsAtStart, String state, List<String> reads,
                            List<String> answers, List<JsonNode> eventsAtEnd) {}

    private static Observed restartAndCarryOn(SharedPostgres.Db db, Path data, SettableClock clock,
                                              Map<String, String> passwords) {
        try (TestServer server = start(db, data, clock, 1_000)) {
            passwords.forEach(server.login()::remember);
            Writer.Start start = server.writer().lastStart();
            List<JsonNode> atStart = server.events();
            String state = server.writer().ask(Queries::describe).join();
            List<String> reads = new ArrayList<>();
            for (String path : List.of("/api/incidents", "/api/incidents/CAD-1", "/api/incidents/CAD-3", "/api/units",
                    "/api/calls/C3", "/api/alerts")) {
                TestServer.Response r = server.get(DESPATCHER, path);
                reads.add(path + " " + r.status() + " " + r.body());
            }
            List<String> answers = new ArrayList<>();
            for (String[] c : List.of(new String[] {DESPATCHER, assign("CAD-3", "U2")},
                    new String[] {DESPATCHER, assign("CAD-2", "U2")},
                    new String[] {CALL_HANDLER, recordCall("C4")},
                    new String[] {CALL_HANDLER, createIncident("CAD-4", "C4", "E")})) {
                TestServer.Response r = server.command(c[0], c[1]);
                answers.add(r.status() + " " + r.body());
            }
            return new Observed(start, atStart, state, reads, answers, server.events());
        }
    }

    private static TestServer start(SharedPostgres.Db db, Path data, SettableClock clock, long snapshotEvery) {
        Map<String, Object> settings = new LinkedHashMap<>(db.settings());
        settings.put("vigil.snapshot-every", snapshotEvery);
        TestServer s = TestServer.start(settings, data, clock);
        s.awaitUp();
        return s;
    }

    private static String assign(String incident, String unit) {
        return "{\"do\":\"AssignUnit\",\"incidentId\":\"" + incident + "\",\"unitId\":\"" + unit + "\"}";
    }

    static long newestSnapshot(SharedPostgres.Db db) throws SQLException {
        try (Connection c = db.connectAsOwner(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(max(seq), 0) from snapshot")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long snapshots(SharedPostgres.Db db) throws SQLException {
        try (Connection c = db.connectAsOwner(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from snapshot")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
