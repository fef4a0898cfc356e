package vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.recordCall;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * One writer per control room: a second server on the same database does not write. Its health is not UP and says
 * why, its commands are answered 503, and the log holds only what the writer wrote. When the writer goes, it takes
 * over from the log.
 */
class ASecondServerOnTheSameDatabaseStandsBy {

    @Test
    void theSecondServerIsNotUpSaysWhyAndWritesNothing(@TempDir Path one, @TempDir Path two) {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        TestServer first = TestServer.startUp(db, one, null).withStaff();
        try (TestServer second = TestServer.start(db, two, null)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> second.writer().state().phase() == Writer.Phase.STANDBY);

            TestServer.Response health = second.health();
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
            assertThat(health.json().get("description").asString())
                    .contains("another Vigil server holds the writer role");

            TestServer.Response refused = second.command(CALL_HANDLER, recordCall("C-standby"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("retryable").asBoolean()).isTrue();

            assertThat(first.command(CALL_HANDLER, recordCall("C1")).status()).isEqualTo(200);
            assertThat(first.events()).noneMatch(e -> e.toString().contains("C-standby"));
            long written = first.writer().position().lastSeq();

            first.close();
            second.awaitUp();
            assertThat(second.writer().position().lastSeq()).isEqualTo(written);
            assertThat(second.command(CALL_HANDLER, recordCall("C2")).status()).isEqualTo(200);
        } finally {
            first.close();
        }
    }
}
