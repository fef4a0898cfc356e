package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.DESPATCHER;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * A radio drops the answer and the client sends again: with the same Idempotency-Key and the same command it gets the
 * first answer and nothing is recorded twice; the same key with another command is refused 422, and a key is the
 * caller's own.
 */
class ARetryWithItsKeyRunsOnce {

    @Test
    void theSameKeyAndCommandGetTheFirstAnswerAgain(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            String call = "{\"do\":\"RecordCall\",\"callId\":\"C1\",\"narrative\":\"shouting\"}";
            String sameCallReordered = "{ \"narrative\" : \"shouting\", \"callId\":\"C1\", \"do\":\"RecordCall\" }";
            int before = server.events().size();

            TestServer.Response first = server.command(CALL_HANDLER, call, Map.of("Idempotency-Key", "radio-17"));
            TestServer.Response retry = server.command(CALL_HANDLER, sameCallReordered,
                    Map.of("Idempotency-Key", "radio-17"));

            assertThat(first.status()).isEqualTo(200);
            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
            assertThat(server.events()).hasSize(before + 1);

            String placed = "{\"do\":\"RecordCall\",\"callId\":\"C3\",\"location\":{\"lat\":51.5,\"lon\":0}}";
            String placedAgain = "{\"do\":\"RecordCall\",\"callId\":\"C3\",\"location\":{\"lat\":51.50,"
                    + "\"lon\":0.0}}";
            assertThat(server.command(CALL_HANDLER, placed, Map.of("Idempotency-Key", "radio-18")).status())
                    .isEqualTo(200);
            TestServer.Response respelt = server.command(CALL_HANDLER, placedAgain,
                    Map.of("Idempotency-Key", "radio-18"));
            assertThat(respelt.status()).as("the same numbers spelt otherwise: %s", respelt.body()).isEqualTo(200);
            assertThat(respelt.header("Idempotency-Replayed")).isEqualTo("true");
            assertThat(server.events()).hasSize(before + 2);

            TestServer.Response other = server.command(CALL_HANDLER,
                    "{\"do\":\"RecordCall\",\"callId\":\"C2\"}", Map.of("Idempotency-Key", "radio-17"));
            assertThat(other.status()).isEqualTo(422);
            assertThat(other.contentType()).startsWith("application/problem+json");
            assertThat(other.json().get("detail").asString()).contains("radio-17");
            assertThat(server.events()).hasSize(before + 2);
        }
    }

    @Test
    void aRefusalIsKeptWithItsKeyToo(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            String assign = "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-404\",\"unitId\":\"U1\"}";
            TestServer.Response first = server.command(DESPATCHER, assign, Map.of("Idempotency-Key", "k"));
            TestServer.Response retry = server.command(DESPATCHER, assign, Map.of("Idempotency-Key", "k"));

            assertThat(first.status()).isEqualTo(404);
            assertThat(first.json().get("reason").asString()).isEqualTo("UNKNOWN_INCIDENT");
            assertThat(retry.status()).isEqualTo(404);
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(server.events().stream().filter(e -> e.get("type").asString().equals("CommandRejected")))
                    .hasSize(1);
        }
    }

    @Test
    void aKeyIsTheCallersOwnAndAKeyInOneBatchRunsOnce(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            TestServer.Response mine = server.command(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C1\"}",
                    Map.of("Idempotency-Key", "shared-name"));
            TestServer.Response theirs = server.command("QA_REVIEWER qa1",
                    "{\"do\":\"RecordDivertAudit\",\"incidentId\":\"CAD-1\",\"outcome\":\"LEARNING\",\"note\":\"n\"}",
                    Map.of("Idempotency-Key", "shared-name"));

            assertThat(mine.status()).isEqualTo(200);
            assertThat(theirs.status()).as("another caller's key of the same name is another key").isEqualTo(404);
        }
    }

    @Test
    void aBadKeyIsRefusedNamingTheHeader(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            TestServer.Response r = server.command(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C1\"}",
                    Map.of("Idempotency-Key", "x".repeat(201)));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("field").asString()).isEqualTo("Idempotency-Key");

            int before = server.events().size();
            TestServer.Response twice = server.send(server.login().as(java.net.http.HttpRequest.newBuilder(
                    server.base().resolve("/api/commands")), CALL_HANDLER).header("Content-Type", "application/json")
                    .header("Idempotency-Key", "a1").header("Idempotency-Key", "a2")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"do\":\"RecordCall\",\"callId\":\"C2\"}")));
            assertThat(twice.status()).as("which would a retry send? %s", twice.body()).isEqualTo(400);
            assertThat(twice.json().get("field").asString()).isEqualTo("Idempotency-Key");
            assertThat(server.events()).as("nothing recorded").hasSize(before);
        }
    }
}
