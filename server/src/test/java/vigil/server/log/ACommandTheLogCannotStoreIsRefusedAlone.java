package vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.ADMIN;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.createIncident;
import static vigil.server.testing.Commands.recordCall;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.server.audit.VerifyAudit;
import vigil.server.config.VigilProperties;
import vigil.server.testing.HeldWriter;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * One command holding something PostgreSQL will not store must not fail the commands that shared its batch (ADR 116):
 * the batch is re-run one command at a time, the good ones are decided and answered as usual, and only that one is
 * refused, 422 and not retryable, with nothing of it in the log. Sent again, it is refused again, alone.
 */
class ACommandTheLogCannotStoreIsRefusedAlone {
    private static final Instant T0 = Instant.parse("2026-03-01T22:00:00Z");

    @Test
    void theGoodCommandsOfAPoisonedBatchAreDecidedAndOnlyThePoisonIsRefused(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        try (TestServer server = TestServer.startUp(db, data, null).withStaff();
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            refuseAsDataPayloadsMentioning(db, "POISON");
            Writer.Stats before = server.writer().stats();

            // Given 30 good commands and a poisoned one in the middle, queued together in this order: one batch.
            List<Sent> sent = new ArrayList<>();
            try (HeldWriter held = new HeldWriter(server.writer())) {
                for (int i = 0; i < 31; i++) {
                    String body = i == 15 ? recordCall("P1", "POISON") : recordCall("G" + i);
                    sent.add(send(server, clients, body, i == 15 ? "poison-1" : "good-" + i));
                    held.awaitQueued(i + 1); // each queued before the next: the batch's order is the order sent
                }
            }

            // Then every good one is accepted and in the log once, in the order sent; the poisoned one is refused.
            CompletableFuture.allOf(sent.stream().map(Sent::answer).toArray(CompletableFuture[]::new)).join();
            Sent poisoned = sent.get(15);
            assertUnstorable(poisoned.answer.get());
            List<JsonNode> log = server.events();
            long previousSeq = 0;
            for (Sent s : sent) {
                if (s == poisoned) {
                    continue;
                }
                TestServer.Response r = s.answer.get();
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                long seq = r.json().get("lastSeq").asLong();
                assertThat(seq).as("decided in the order sent").isGreaterThan(previousSeq);
                previousSeq = seq;
                assertThat(callsRecorded(log, s.callId())).as(s.callId()).isEqualTo(1);
            }
            // Nor does the room remember it: no later event names the refused call, and no seq was skipped for it.
            assertThat(log).noneMatch(e -> e.toString().contains("POISON") || e.toString().contains("\"P1\""));
            for (int i = 0; i < log.size(); i++) {
                assertThat(log.get(i).get("seq").asLong()).isEqualTo(i + 1);
            }
            Writer.Stats after = server.writer().stats();
            assertThat(after.failedBatches() - before.failedBatches()).as("failed batches").isEqualTo(1);
            assertThat(after.rerun() - before.rerun()).as("commands of the failed batch, re-run").isEqualTo(31);
            assertThat(after.unstorable() - before.unstorable()).isEqualTo(1);
            assertThat(after.rebuilds() - before.rebuilds()).as("after the batch, and after the poison").isEqualTo(2);
            assertThat(after.batches() - before.batches()).as("each good one in a commit of its own").isEqualTo(30);
            assertThat(server.writer().state().phase()).isEqualTo(Writer.Phase.WRITING);
            assertChainVerifies(db, data, log.size());
            String metrics = server.get(ADMIN, "/actuator/prometheus").body();
            assertThat(metrics).containsPattern("(?m)^vigil_commands_unstorable_total 1\\.0$")
                    .containsPattern("(?m)^vigil_writer_rebuilds_total " + after.rebuilds() + "\\.0$");

            // A good one's key was kept with its answer; the poisoned one's was not: sent again, it is refused again,
            // and the good commands sharing its batch are not.
            TestServer.Response replay = sent.get(3).send(server);
            assertThat(replay.status()).isEqualTo(200);
            assertThat(replay.header("Idempotency-Replayed")).isEqualTo("true");
            assertThat(replay.body()).isEqualTo(sent.get(3).answer.get().body());
            List<Sent> again = new ArrayList<>();
            try (HeldWriter held = new HeldWriter(server.writer())) {
                for (int i = 0; i < 5; i++) {
                    again.add(i == 2 ? send(server, clients, poisoned.body, poisoned.key)
                            : send(server, clients, recordCall("H" + i), null));
                    held.awaitQueued(i + 1);
                }
            }
            CompletableFuture.allOf(again.stream().map(Sent::answer).toArray(CompletableFuture[]::new)).join();
            TestServer.Response retried = again.get(2).answer.get();
            assertUnstorable(retried);
            assertThat(retried.header("Idempotency-Replayed")).isNull();
            for (Sent s : again) {
                if (s != again.get(2)) {
                    assertThat(s.answer.get().status()).as(s.answer.get().body()).isEqualTo(200);
                }
            }
            List<JsonNode> logAfter = server.events();
            for (String callId : List.of("H0", "H1", "H3", "H4")) {
                assertThat(callsRecorded(logAfter, callId)).as(callId).isEqualTo(1);
            }
            assertThat(callsRecorded(logAfter, "P1")).isZero();
            assertThat(server.writer().stats().unstorable() - before.unstorable()).isEqualTo(2);
            assertChainVerifies(db, data, logAfter.size());
        }
    }

    @Test
    void aDeadlineThatFellDueInThePoisonedBatchFiresOnceAtItsDueTime(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        SettableClock clock = new SettableClock(T0);
        try (TestServer server = TestServer.startUp(db, data, clock).withStaff();
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            refuseAsDataPayloadsMentioning(db, "POISON");
            assertThat(server.command(CALL_HANDLER, recordCall("C1")).status()).isEqualTo(200);
            assertThat(server.command(CALL_HANDLER, createIncident("CAD-1", "C1", "I")).status()).isEqualTo(200);

            // The incident is unresourced at 22:02; the writer next moves the clock with a poisoned batch.
            List<Sent> sent = new ArrayList<>();
            try (HeldWriter held = new HeldWriter(server.writer())) {
                clock.advance(Duration.ofMinutes(3));
                for (int i = 0; i < 3; i++) {
                    sent.add(send(server, clients, i == 1 ? recordCall("P1", "POISON") : recordCall("G" + i), null));
                    held.awaitQueued(i + 1);
                }
            }
            CompletableFuture.allOf(sent.stream().map(Sent::answer).toArray(CompletableFuture[]::new)).join();

            assertUnstorable(sent.get(1).answer.get());
            List<JsonNode> log = server.events();
            List<JsonNode> unresourced = log.stream()
                    .filter(e -> e.get("type").asString().equals("IncidentUnresourced")).toList();
            assertThat(unresourced).singleElement().satisfies(e -> assertThat(e.get("at").asString())
                    .isEqualTo("2026-03-01T22:02:00Z"));
            for (Sent s : List.of(sent.get(0), sent.get(2))) {
                TestServer.Response r = s.answer.get();
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().get("events").get(0).get("seq").asLong()).as("decided after the deadline fired")
                        .isGreaterThan(unresourced.getFirst().get("seq").asLong());
                assertThat(callsRecorded(log, s.callId())).isEqualTo(1);
            }
            assertChainVerifies(db, data, log.size());
        }
    }

    private static void assertUnstorable(TestServer.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.header("Retry-After")).isNull();
        JsonNode p = r.json();
        assertThat(p.get("type").asString()).isEqualTo("/problems/unstorable-command");
        assertThat(p.get("retryable").asBoolean()).isFalse();
        assertThat(p.get("detail").asString()).contains("cannot store", "nothing of it was recorded");
        assertThat(r.body()).doesNotContain("SQL", "PSQL", "insert", "22023", "54000", "index", "vigil.", "at org.");
    }

    private static long callsRecorded(List<JsonNode> log, String callId) {
        return log.stream().filter(e -> e.get("type").asString().equals("CallRecorded")
                && e.get("callId").asString().equals(callId)).count();
    }

    /** {@code ./vigil verify-audit} as an operator would run it: the chain holds, with no gap where the poison was. */
    private static void assertChainVerifies(SharedPostgres.Db db, Path data, long events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        VigilProperties p = new VigilProperties(0, data, null, new VigilProperties.Db(db.url(), db.app().user(),
                db.app().password(), db.owner().user(), db.owner().password()), null, false);
        int exit = VerifyAudit.run(p, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(VerifyAudit.VERIFIED);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("verified " + events + " events");
    }

    /**
     * A real database refusing real data: the owner adds a check the server's input validation does not know of, which
     * refuses any event mentioning {@code word} as a data exception (SQLState 22023), as PostgreSQL refuses a value
     * its types cannot hold.
     */
    private static void refuseAsDataPayloadsMentioning(SharedPostgres.Db db, String word) throws SQLException {
        try (Connection c = db.connectAsOwner(); Statement s = c.createStatement()) {
            s.execute("create function refuse_as_data() returns trigger language plpgsql as $$ begin"
                    + " if new.payload::text like '%" + word + "%' then"
                    + " raise exception 'value refused' using errcode = '22023'; end if;"
                    + " return new; end $$");
            s.execute("create trigger refuse_as_data before insert on event for each row"
                    + " execute function refuse_as_data()");
        }
    }

    private static Sent send(TestServer server, ExecutorService clients, String body, String key) {
        return new Sent(body, key, CompletableFuture.supplyAsync(() -> Sent.send(server, body, key), clients));
    }

    /** A command sent by the call handler, with its Idempotency-Key (or none), and its answer to come. */
    private record Sent(String body, String key, CompletableFuture<TestServer.Response> answer) {
        static TestServer.Response send(TestServer server, String body, String key) {
            return server.command(CALL_HANDLER, body, key == null ? Map.of() : Map.of("Idempotency-Key", key));
        }

        TestServer.Response send(TestServer server) {
            return send(server, body, key);
        }

        String callId() {
            return body.replaceAll(".*\"callId\":\"([^\"]+)\".*", "$1");
        }
    }
}
