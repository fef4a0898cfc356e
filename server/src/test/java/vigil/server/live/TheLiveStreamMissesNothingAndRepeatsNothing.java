package vigil.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.CALL_HANDLER;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * A control room's screen follows the live stream while four call handlers work: across forced reconnects with
 * {@code Last-Event-ID} it sees every event of a 1,000-command run exactly once, in seq order, each exactly as
 * {@code GET /api/events} gives it, with {@code id:} its seq and {@code event:} its type. A stream resumes after
 * {@code ?after=N}; a reconnecting EventSource's {@code Last-Event-ID} wins over its first URL's {@code after}.
 */
class TheLiveStreamMissesNothingAndRepeatsNothing {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestServer server;
    private static Path data;

    @BeforeAll
    static void start() throws Exception {
        data = java.nio.file.Files.createTempDirectory("vigil-live");
        server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff();
    }

    @AfterAll
    static void stop() {
        server.close();
        TempDirs.delete(data);
    }

    @Test
    void everyEventOfAThousandCommandRunArrivesOnceInOrderAcrossForcedReconnects() throws Exception {
        long seed = Long.getLong("vigil.live.seed", 11L);
        Random random = new Random(seed);
        long before = lastSeq();
        List<SseClient.Frame> seen = new ArrayList<>();
        SseClient stream = SseClient.open(server, "/api/events/stream?after=" + before, CALL_HANDLER);
        assertThat(stream.contentType()).startsWith("text/event-stream");

        Future<?> run;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            run = clients.submit(() -> thousandCommands(4));
            // Drop the connection twice at seeded points and come back as an EventSource does.
            int[] dropAfter = {100 + random.nextInt(300), 600 + random.nextInt(300)};
            for (int drop : dropAfter) {
                while (seen.size() < drop) {
                    seen.add(event(stream));
                }
                stream.close();
                String last = seen.getLast().id();
                stream = SseClient.open(server, "/api/events/stream?after=" + before, CALL_HANDLER,
                        Map.of("Last-Event-ID", last));
            }
        }
        run.get();
        long end = lastSeq();
        while (seen.isEmpty() || seen.getLast().seq() < end) {
            seen.add(event(stream));
        }
        stream.close();

        List<JsonNode> log = server.events().stream().filter(e -> e.get("seq").asLong() > before).toList();
        assertThat(log).as("the run's events").hasSizeGreaterThanOrEqualTo(1_000);
        assertThat(seen.stream().map(SseClient.Frame::seq).toList()).as("seed %d", seed)
                .isEqualTo(log.stream().map(e -> e.get("seq").asLong()).toList());
        for (int i = 0; i < seen.size(); i++) {
            SseClient.Frame f = seen.get(i);
            assertThat(f.event()).isEqualTo(log.get(i).get("type").asString());
            assertThat(JSON.readTree(f.data())).isEqualTo(log.get(i));
        }
        assertThat("[" + String.join(",", seen.stream().map(SseClient.Frame::data).toList()) + "]")
                .as("the replay lines, byte for byte")
                .isEqualTo(server.get(CALL_HANDLER, "/api/events?after=" + before + "&limit=" + seen.size()).body());
    }

    @Test
    void aStreamResumesAfterTheGivenSeqAndLastEventIdWins() {
        List<JsonNode> log = server.events();
        assertThat(log).hasSizeGreaterThanOrEqualTo(3);
        try (SseClient s = SseClient.open(server, "/api/events/stream?after=1", CALL_HANDLER)) {
            assertThat(event(s).seq()).isEqualTo(2);
            assertThat(event(s).seq()).isEqualTo(3);
        }
        try (SseClient s = SseClient.open(server, "/api/events/stream?after=0", CALL_HANDLER,
                Map.of("Last-Event-ID", "2"))) {
            assertThat(event(s).seq()).isEqualTo(3);
        }
    }

    @Test
    void aStreamWithoutAPositionStartsAtTheNextEvent() {
        long before = lastSeq();
        try (SseClient s = SseClient.open(server, "/api/events/stream", CALL_HANDLER)) {
            assertThat(s.next(WAIT).comment()).as("the opening comment").contains("after seq " + before);
            assertThat(server.command(CALL_HANDLER, Commands.recordCall("NEXT-1")).status()).isEqualTo(200);
            SseClient.Frame f = event(s);
            assertThat(f.seq()).isEqualTo(before + 1);
            assertThat(f.event()).isEqualTo("CallRecorded");
        }
    }

    @Test
    void aStreamIsRefusedAsProblemJsonBeforeItStarts() throws Exception {
        assertProblem(SseClient.connect(server, "/api/events/stream", null, Map.of()), 401, null);
        assertProblem(SseClient.connect(server, "/api/events/stream?after=-1", CALL_HANDLER, Map.of()), 400,
                "after");
        assertProblem(SseClient.connect(server, "/api/events/stream", CALL_HANDLER,
                Map.of("Last-Event-ID", "twelve")), 400, "Last-Event-ID");
    }

    @Test
    void aHeadRequestIsAnsweredWithoutOpeningAStream() {
        LiveEvents live = server.bean(LiveEvents.class);
        int before = live.subscribers();
        TestServer.Response r = server.send(server.login().as(HttpRequest.newBuilder(server.base()
                .resolve("/api/events/stream")).method("HEAD", HttpRequest.BodyPublishers.noBody()), CALL_HANDLER));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/event-stream");
        assertThat(live.subscribers()).as("no stream left running for nobody").isLessThanOrEqualTo(before);
    }

    @Test
    void aPositionTheLogHasNotReachedIsReset() {
        long end = lastSeq();
        try (SseClient s = SseClient.open(server, "/api/events/stream?after=" + (end + 1_000), CALL_HANDLER)) {
            SseClient.Frame reset = event(s);
            assertThat(reset.event()).isEqualTo("reset");
            assertThat(reset.id()).isNull();
            JsonNode why = JSON.readTree(reset.data());
            assertThat(why.get("reason").asString()).isEqualTo("NOT_IN_LOG");
            assertThat(why.get("lastSeq").asLong()).isGreaterThanOrEqualTo(end);
            assertThat(event(s).isEnd()).as("the stream ends after reset").isTrue();
        }
    }

    private static void assertProblem(HttpResponse<InputStream> r, int status, String field) throws Exception {
        String body;
        try (InputStream in = r.body()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(r.statusCode()).as(body).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = JSON.readTree(body);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(p.get("field").asString()).isEqualTo(field);
        }
    }

    /** 1,000 commands from {@code clients} call handlers at once: calls, and incidents from half of them. */
    private static Void thousandCommands(int clients) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 1_000 / clients; i++) {
                        String body = i % 2 == 0 ? Commands.recordCall("L" + client + "-" + i)
                                : Commands.createIncident("CAD-L" + client + "-" + i, "L" + client + "-" + (i - 1), "E");
                        int status = server.command(CALL_HANDLER, body).status();
                        if (status != 200) {
                            throw new AssertionError(body + " answered " + status);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        }
        return null;
    }

    private static SseClient.Frame event(SseClient s) {
        return s.nextEvent(WAIT);
    }

    private static long lastSeq() {
        List<JsonNode> all = server.events();
        return all.isEmpty() ? 0 : all.getLast().get("seq").asLong();
    }
}
