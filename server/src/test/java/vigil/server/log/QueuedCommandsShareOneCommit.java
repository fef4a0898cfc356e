package vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.recordCall;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
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
 * Group commit: commands that queue while the writer is busy are decided together and written in one transaction
 * (one commit, one WAL flush), and none is answered before that commit.
 */
class QueuedCommandsShareOneCommit {
    private static final int CLIENTS = 24;

    @Test
    void commandsQueuedTogetherAreOneTransaction(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        try (TestServer server = TestServer.startUp(db, data, null).withStaff();
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            long before = server.writer().position().lastSeq();
            Writer.Stats statsBefore = server.writer().stats();
            List<CompletableFuture<TestServer.Response>> answers = new ArrayList<>();
            try (HeldWriter held = new HeldWriter(server.writer())) {
                for (int i = 0; i < CLIENTS; i++) {
                    String body = "{\"do\":\"RecordCall\",\"callId\":\"C" + i + "\"}";
                    answers.add(CompletableFuture.supplyAsync(() -> server.command(CALL_HANDLER, body), clients));
                }
                held.awaitQueued(CLIENTS);
                assertThat(answers).as("nothing answered before the commit").noneMatch(CompletableFuture::isDone);
            }
            for (CompletableFuture<TestServer.Response> a : answers) {
                assertThat(a.get().status()).as(a.get().body()).isEqualTo(200);
            }

            try (Connection c = db.connectAsOwner(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*), count(distinct xmin::text) from event where seq > "
                         + before)) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(CLIENTS);
                assertThat(rs.getInt(2)).as("transactions that wrote them").isEqualTo(1);
            }
            Writer.Stats stats = server.writer().stats();
            assertThat(stats.batches() - statsBefore.batches()).isEqualTo(1);
            assertThat(stats.largestBatch()).isEqualTo(CLIENTS);
        }
    }

    @Test
    void eachAnswerHoldsItsOwnEventsInSeqOrder(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            TestServer.Response first = server.command(CALL_HANDLER, recordCall("C1"));
            TestServer.Response second = server.command(CALL_HANDLER, recordCall("C2"));

            assertThat(first.json().get("events")).hasSize(1);
            long firstSeq = first.json().get("lastSeq").asLong();
            // C2 shares C1's line: the call handler is told of the earlier call in the same answer.
            assertThat(second.json().get("events").valueStream().map(e -> e.get("type").asString()))
                    .containsExactly("CallRecorded", "PreviousContactsFound");
            assertThat(second.json().get("events").get(0).get("seq").asLong()).isEqualTo(firstSeq + 1);
            assertThat(second.json().get("lastSeq").asLong()).isEqualTo(firstSeq + 2);
            assertThat(server.events()).hasSize((int) firstSeq + 2);
        }
    }
}
