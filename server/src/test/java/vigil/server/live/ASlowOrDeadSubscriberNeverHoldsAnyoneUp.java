package vigil.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.testing.Commands.CALL_HANDLER;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.server.testing.Commands;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.SseClient;
import vigil.server.testing.TempDirs;
import vigil.server.testing.TestServer;

/**
 * The stream under pressure, with a small buffer (64 events) and a fast heartbeat (0.3 s) so the stories run quickly:
 * a subscriber that stops reading is dropped with {@code reset} while a fast one gets every event and every command is
 * answered; a quiet stream carries heartbeat comments, and a client that went away is noticed on the next one;
 * thousands of idle subscribers hold no platform thread each.
 */
class ASlowOrDeadSubscriberNeverHoldsAnyoneUp {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestServer server;
    private static LiveEvents live;
    private static Path data;

    @BeforeAll
    static void start() throws Exception {
        data = java.nio.file.Files.createTempDirectory("vigil-live-pressure");
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        Map<String, Object> settings = new LinkedHashMap<>(db.settings());
        settings.put("vigil.live.buffer", 64);
        settings.put("vigil.live.heartbeat", "PT0.3S");
        settings.put("vigil.live.max-per-reader", 5_000); // thousands of idle streams, all one call handler's
        server = TestServer.start(settings, data, null);
        server.awaitUp();
        server.withStaff();
        live = server.bean(LiveEvents.class);
    }

    @AfterAll
    static void stop() {
        server.close();
        TempDirs.delete(data);
    }

    @Test
    void aSubscriberThatStopsReadingIsResetAndDroppedWhileTheFastOneAndTheWriterCarryOn() throws Exception {
        long head = lastSeq();
        long droppedBefore = live.dropped();
        int fannedOutBefore = live.fannedOutTo();
        try (SseClient fast = SseClient.open(server, "/api/events/stream?after=" + head, CALL_HANDLER);
             RawStream slow = RawStream.open(server, "/api/events/stream?after=" + head, CALL_HANDLER)) {
            await().atMost(WAIT).until(() -> live.fannedOutTo() == fannedOutBefore + 2);

            // 300 calls of about 60 KB each: far more than the slow client's socket buffers hold, so its buffer fills.
            int calls = 300;
            String narrative = "x".repeat(60_000);
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> work = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    int client = c;
                    work.add(clients.submit(() -> {
                        for (int i = client; i < calls; i += 4) {
                            assertThat(server.command(CALL_HANDLER, Commands.recordCall("SLOW-" + i, narrative))
                                    .status()).as("every command answered: the writer did not wait").isEqualTo(200);
                        }
                        return null;
                    }));
                }
                for (Future<?> w : work) {
                    w.get();
                }
            }
            for (long seq = head + 1; seq <= head + calls; seq++) {
                SseClient.Frame f = fast.nextEvent(WAIT);
                assertThat(f.seq()).as("the fast subscriber gets every event in order").isEqualTo(seq);
                assertThat(f.event()).isEqualTo("CallRecorded");
            }
            await().atMost(WAIT).until(() -> live.dropped() > droppedBefore);
            assertThat(live.fannedOutTo()).as("only the fast one is still fanned out to")
                    .isEqualTo(fannedOutBefore + 1);

            // The slow client reads at last: some events in order, then reset naming where it stopped, then the end.
            List<Map<String, String>> got = slow.readToEnd();
            Map<String, String> reset = got.getLast();
            assertThat(reset.get("event")).isEqualTo("reset");
            assertThat(reset).doesNotContainKey("id");
            List<Map<String, String>> events = got.subList(0, got.size() - 1);
            assertThat(events.size()).isLessThan(calls);
            for (int i = 0; i < events.size(); i++) {
                assertThat(Long.parseLong(events.get(i).get("id"))).isEqualTo(head + 1 + i);
            }
            JsonNode why = JSON.readTree(reset.get("data"));
            assertThat(why.get("reason").asString()).isEqualTo("TOO_SLOW");
            assertThat(why.get("after").asLong()).isEqualTo(head + events.size());
            assertThat(why.get("detail").asString()).isNotBlank();
        }
    }

    @Test
    void aQuietStreamCarriesHeartbeatCommentsAndAClientThatWentIsNoticed() throws Exception {
        int before = live.subscribers();
        try (SseClient quiet = SseClient.open(server, "/api/events/stream", CALL_HANDLER)) {
            assertThat(quiet.next(WAIT).comment()).startsWith("Vigil live events after seq");
            for (int i = 0; i < 3; i++) {
                SseClient.Frame f = quiet.next(WAIT);
                assertThat(f.isComment()).as("only heartbeats on a quiet stream: %s", f).isTrue();
                assertThat(f.comment()).isEqualTo("heartbeat");
            }
        }
        RawStream gone = RawStream.open(server, "/api/events/stream", CALL_HANDLER);
        await().atMost(WAIT).until(() -> live.subscribers() == before + 1);
        gone.abort();
        await("a heartbeat finds the client gone").atMost(WAIT).until(() -> live.subscribers() == before);
    }

    @Test
    void aPageAsksForHeartbeatsItsEventSourceCanSeeAndTheyMoveNoLastEventId() throws Exception {
        long head = lastSeq();
        try (SseClient quiet = SseClient.open(server, "/api/events/stream?heartbeat=event", CALL_HANDLER)) {
            assertThat(quiet.next(WAIT).comment()).startsWith("Vigil live events after seq");
            for (int i = 0; i < 2; i++) {
                assertThat(quiet.next(WAIT).comment()).isEqualTo("heartbeat");
                SseClient.Frame beat = quiet.next(WAIT);
                assertThat(beat.event()).isEqualTo("heartbeat");
                assertThat(beat.id()).as("no id: the client's last event id stays put").isNull();
                assertThat(JSON.readTree(beat.data()).get("after").asLong()).isEqualTo(head);
            }
        }
        TestServer.Response bad = server.get(CALL_HANDLER, "/api/events/stream?heartbeat=often");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("heartbeat");
    }

    @Test
    void thousandsOfIdleSubscribersHoldNoPlatformThreadEach() throws Exception {
        int n = 2_000;
        int before = live.subscribers();
        int platformThreads = ManagementFactory.getThreadMXBean().getThreadCount();
        List<RawStream> idle = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                idle.add(RawStream.open(server, "/api/events/stream", CALL_HANDLER));
            }
            await().atMost(WAIT).until(() -> live.subscribers() == before + n);
            int during = ManagementFactory.getThreadMXBean().getThreadCount();
            assertThat(during - platformThreads).as("platform threads added by %d open streams", n).isLessThan(50);

            assertThat(server.command(CALL_HANDLER, Commands.recordCall("IDLE-1")).status()).isEqualTo(200);
        } finally {
            idle.forEach(RawStream::abort);
        }
        await().atMost(WAIT).until(() -> live.subscribers() == before);
    }

    private static long lastSeq() {
        List<JsonNode> all = server.events();
        return all.getLast().get("seq").asLong();
    }

    /**
     * A stream read straight off a socket with a small receive buffer, as HTTP/1.0 (no chunking: the body is the
     * stream until the server closes it). It reads nothing until asked, like a client on a stalled link.
     */
    static final class RawStream implements AutoCloseable {
        private final Socket socket;

        private RawStream(Socket socket) {
            this.socket = socket;
        }

        static RawStream open(TestServer server, String path, String who) throws IOException {
            URI base = server.base();
            Socket s = new Socket();
            s.setReceiveBufferSize(4_096);
            s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.0\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nAccept: text/event-stream\r\n");
            // Who it is comes from the one login helper, whatever headers that sends.
            server.login().as(HttpRequest.newBuilder(base.resolve(path)).GET(), who).build().headers().map()
                    .forEach((name, values) -> values.forEach(v -> request.append(name).append(": ").append(v)
                            .append("\r\n")));
            OutputStream out = s.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new RawStream(s);
        }

        /** Every event until the server closes the stream: each as its fields (comments left out). */
        List<Map<String, String>> readToEnd() throws IOException {
            socket.setSoTimeout((int) WAIT.toMillis());
            InputStream in = socket.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int body = all.indexOf("\r\n\r\n");
            assertThat(all).startsWith("HTTP/1.1 200");
            List<Map<String, String>> events = new ArrayList<>();
            for (String block : all.substring(body + 4).split("\n\n")) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (String line : block.split("\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        fields.merge(line.substring(0, colon), line.substring(colon + 1).strip(), (a, b) -> a + "\n" + b);
                    }
                }
                if (!fields.isEmpty()) {
                    events.add(fields);
                }
            }
            return events;
        }

        /** Goes without a word: the connection is reset, as when a browser tab is killed. */
        void abort() {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException e) {
                // gone already
            }
        }

        @Override
        public void close() {
            abort();
        }
    }
}
