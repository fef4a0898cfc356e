package vigil.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.recordCall;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * The server signs where its log stands: once it writes, then every hour of its time, and when it stops, after its
 * last commit. Each checkpoint goes to checkpoints.log (in VIGIL_CHECKPOINT_DIR when set) and to every listener.
 */
class CheckpointsAreSignedEveryHourAndAtShutdown {

    @Test
    void aCheckpointAtStartEveryHourAndAtShutdownEachToTheListeners(@TempDir Path data, @TempDir Path elsewhere)
            throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        SettableClock clock = new SettableClock(Instant.parse("2026-03-01T22:00:00Z"));
        List<Checkpoint> heard = new CopyOnWriteArrayList<>();
        Map<String, Object> settings = new java.util.LinkedHashMap<>(db.settings());
        settings.put("vigil.checkpoint-dir", elsewhere.toString());
        Path file = elsewhere.resolve("checkpoints.log");
        long lastSeq;
        try (TestServer server = TestServer.start(settings, data, clock,
                Map.of("testListener", (CheckpointListener) heard::add))) {
            server.awaitUp();
            server.withStaff();
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 1);
            assertThat(heard.getFirst().at()).isEqualTo(clock.instant());

            assertThat(server.command(CALL_HANDLER, recordCall("C1")).status()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(59));
            assertThat(server.command(CALL_HANDLER, recordCall("C2")).status()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 2);
            assertThat(heard.get(1).at()).isEqualTo(Instant.parse("2026-03-01T23:00:00Z"));
            assertThat(heard.get(1).seq()).isEqualTo(server.writer().position().lastSeq());
            assertThat(heard.get(1).head()).isEqualTo(server.writer().position().headHash());

            assertThat(server.command(CALL_HANDLER, recordCall("C3")).status()).isEqualTo(200);
            lastSeq = server.writer().position().lastSeq();
        }
        assertThat(heard).hasSize(3);
        assertThat(heard.getLast().seq()).isEqualTo(lastSeq);
        assertThat(data.resolve("checkpoints.log")).doesNotExist();
        List<CheckpointFile.Line> lines = CheckpointFile.read(file);
        assertThat(lines).extracting(CheckpointFile.Line::checkpoint).containsExactlyElementsOf(heard);
        var key = CheckpointKey.loadPublic(data);
        assertThat(heard).allMatch(c -> CheckpointKey.verifies(key, c));
        assertThat(Files.getPosixFilePermissions(data.resolve(CheckpointKey.PRIVATE)))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

        // A forged line (another key, or a changed seq) does not verify.
        Checkpoint last = heard.getLast();
        Checkpoint moved = new Checkpoint(last.seq() + 1, last.head(), last.at(), last.signature());
        assertThat(CheckpointKey.verifies(key, moved)).isFalse();
        assertThat(Checkpoint.parse(last.line())).isEqualTo(last);
    }
}
