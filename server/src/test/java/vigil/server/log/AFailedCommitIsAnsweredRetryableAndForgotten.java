package vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.recordCall;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.HeldWriter;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * If a batch cannot be written, the engine must not stay ahead of the log: every command of that batch is answered 503
 * (retryable), the engine is rebuilt from what is durable, and the writer carries on. Sending the same commands again
 * then succeeds as if the first attempt had never been made.
 */
class AFailedCommitIsAnsweredRetryableAndForgotten {

    @Test
    void theWholeBatchIsAnswered503AndTheEngineForgetsIt(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        try (TestServer server = TestServer.startUp(db, data, null).withStaff();
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            long durable = server.writer().position().lastSeq();
            refuseInsertsMentioning(db, "poison");
            List<String> bodies = List.of(recordCall("C1"), recordCall("C2", "poison"), recordCall("C3"));

            List<CompletableFuture<TestServer.Response>> answers = new ArrayList<>();
            try (HeldWriter held = new HeldWriter(server.writer())) {
                for (String body : bodies) {
                    answers.add(CompletableFuture.supplyAsync(() -> server.command(CALL_HANDLER, body), clients));
                }
                held.awaitQueued(bodies.size());
            }
            for (CompletableFuture<TestServer.Response> a : answers) {
                TestServer.Response r = a.get();
                assertThat(r.status()).as(r.body()).isEqualTo(503);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.header("Retry-After")).isEqualTo("1");
                assertThat(r.json().get("retryable").asBoolean()).isTrue();
                assertThat(r.body()).doesNotContain("PSQLException", "insert into", "at org.");
            }
            server.awaitUp();
            assertThat(server.writer().stats().failedBatches()).isEqualTo(1);
            assertThat(server.writer().position().lastSeq()).isEqualTo(durable);

            allowInserts(db);
            for (int i = 0; i < bodies.size(); i++) {
                TestServer.Response again = server.command(CALL_HANDLER, bodies.get(i));
                assertThat(again.status()).as("a call the engine must have forgotten: %s", again.body()).isEqualTo(200);
                assertThat(again.json().get("events").get(0).get("seq").asLong())
                        .as("no gap where the failed batch was").isGreaterThan(durable);
            }
            assertThat(server.events().stream().filter(e -> e.get("type").asString().equals("CallRecorded")))
                    .hasSize(3);
        }
    }

    @Test
    void aLostConnectionIsNoticedAndTheWriterComesBackFromTheLog(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        try (TestServer server = TestServer.startUp(db, data, null).withStaff()) {
            long rebuilds = server.writer().stats().rebuilds();
            long durable = server.writer().position().lastSeq();

            assertThat(SharedPostgres.terminateSessions(db, db.app().user())).isPositive();

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> server.writer().stats().rebuilds() > rebuilds
                            && server.writer().state().phase() == Writer.Phase.WRITING);
            TestServer.Response r = server.command(CALL_HANDLER, recordCall("C1"));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("events").get(0).get("seq").asLong()).isEqualTo(durable + 1);
        }
    }

    private static void refuseInsertsMentioning(SharedPostgres.Db db, String word) throws SQLException {
        try (Connection c = db.connectAsOwner(); Statement s = c.createStatement()) {
            s.execute("create function poisoned() returns trigger language plpgsql as $$ begin"
                    + " if new.payload::text like '%" + word + "%' then raise exception 'disk on fire'; end if;"
                    + " return new; end $$");
            s.execute("create trigger poisoned before insert on event for each row execute function poisoned()");
        }
    }

    private static void allowInserts(SharedPostgres.Db db) throws SQLException {
        try (Connection c = db.connectAsOwner(); Statement s = c.createStatement()) {
            s.execute("drop trigger poisoned on event");
        }
    }
}
