package vigil.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.recordCall;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.log.Writer;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.SseClient;
import vigil.server.testing.TestServer;

/**
 * A screen is connected to the standby server, not the writer: its stream still carries every event the writer
 * commits (the standby's hub hears nothing from a writer of its own and reads them from the log), and when the writer
 * goes and the standby takes over, the stream goes on with the next seq, without a gap or a repeat.
 */
class AStandbyServersStreamFollowsTheWriter {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theStandbysStreamCarriesTheWritersEventsAndGoesOnAfterTheTakeover(@TempDir Path one, @TempDir Path two) {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        TestServer writer = TestServer.startUp(db, one, null).withStaff();
        try (TestServer standby = TestServer.start(db, two, null)) {
            await().atMost(WAIT).until(() -> standby.writer().state().phase() == Writer.Phase.STANDBY);
            long head = writer.writer().position().lastSeq();
            try (SseClient stream = SseClient.open(standby, "/api/events/stream?after=" + head, CALL_HANDLER)) {
                for (int i = 0; i < 20; i++) {
                    assertThat(writer.command(CALL_HANDLER, recordCall("W" + i, "quiet")).status()).isEqualTo(200);
                }
                long expected = head;
                for (int i = 0; i < 20; i++) {
                    SseClient.Frame f = stream.nextEvent(WAIT);
                    assertThat(f.seq()).isEqualTo(++expected);
                    assertThat(f.data()).contains("\"callId\":\"W" + i + "\"");
                }

                writer.close();
                standby.awaitUp();
                assertThat(standby.command(CALL_HANDLER, recordCall("AFTER", "quiet")).status()).isEqualTo(200);
                SseClient.Frame next = stream.nextEvent(WAIT);
                assertThat(next.seq()).isEqualTo(expected + 1);
                assertThat(next.data()).contains("\"callId\":\"AFTER\"");
            }
        } finally {
            writer.close();
        }
    }
}
