package vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.engine.Engine;
import vigil.server.audit.VerifyAudit;
import vigil.server.config.VigilProperties;
import vigil.server.testing.Commands;
import vigil.server.testing.Login;
import vigil.server.testing.ServerProcess;
import vigil.sim.json.EventJson;

/**
 * A crash loses nothing that was answered. The server runs as its own process; four clients send 10,000 commands
 * (each with an Idempotency-Key, retried until answered); part-way the server is SIGKILLed and started again (or its
 * PostgreSQL is SIGKILLed, and the server brings it back itself). Afterwards every acknowledged command is in the log
 * exactly once, with the events it was answered with, the engine equals a fresh replay of the log, and verify-audit
 * passes.
 */
class EveryAcknowledgedCommandSurvivesACrash {
    private static final int CLIENTS = 4;
    private static final int COMMANDS = 10_000;
    private static final int CRASH_AFTER = 3_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    enum Crash { SERVER, POSTGRES }

    @Test
    void theServerKilledPartWay(@TempDir Path dir) throws Exception {
        run(dir, Crash.SERVER);
    }

    @Test
    void itsPostgresKilledPartWay(@TempDir Path dir) throws Exception {
        run(dir, Crash.POSTGRES);
    }

    private record Ack(String key, String subject, String type, List<JsonNode> events) {}

    private void run(Path dir, Crash crash) throws Exception {
        Path data = dir.resolve("data");
        int port = freePort();
        ServerProcess[] server = {ServerProcess.start(data, port)};
        URI base = server[0].base();
        Login login = server[0].login(); // the same data directory and port after the restart
        for (int c = 1; c <= CLIENTS; c++) {
            assertThat(send(base, login, Commands.ADMIN, Commands.addStaff("ch" + c, "CALL_HANDLER", "SE"), null)
                    .statusCode()).isEqualTo(200);
            login.password("ch" + c); // the administrator gives each a password before anything is killed
        }
        Map<String, Ack> acks = new ConcurrentHashMap<>();
        AtomicInteger failedAttempts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        try {
            for (int c = 1; c <= CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    for (int n = 0; n < COMMANDS / CLIENTS; n++) {
                        String call = "C" + client + "-" + (n / 2);
                        boolean record = n % 2 == 0;
                        String body = record ? Commands.recordCall(call)
                                : Commands.createIncident("CAD-" + client + "-" + (n / 2), call, "S");
                        String key = client + "-" + n;
                        JsonNode answer = untilAnswered(base, login, "CALL_HANDLER ch" + client + " SE", body,
                                key, failedAttempts);
                        List<JsonNode> events = answer.get("events").valueStream().toList();
                        acks.put(key, new Ack(key, record ? call : "CAD-" + client + "-" + (n / 2),
                                record ? "CallRecorded" : "IncidentCreated", events));
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofMinutes(3)).until(() -> acks.size() >= CRASH_AFTER);
            switch (crash) {
                case SERVER -> {
                    server[0].kill();
                    server[0] = ServerProcess.start(data, port); // its PostgreSQL, left running, is stopped first
                }
                case POSTGRES -> {
                    long pid = server[0].postgresPid();
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            for (Future<?> f : clients) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        try {
            assertThat(failedAttempts.get()).as("the crash was felt by the clients").isPositive();
            assertThat(acks).hasSize(COMMANDS);
            List<JsonNode> log = wholeLog(base, login);
            for (int i = 0; i < log.size(); i++) {
                assertThat(log.get(i).get("seq").asLong()).isEqualTo(i + 1);
            }
            Map<String, Integer> recorded = new ConcurrentHashMap<>();
            for (JsonNode e : log) {
                String type = e.get("type").asString();
                if (type.equals("CallRecorded")) {
                    recorded.merge(type + " " + e.get("callId").asString(), 1, Integer::sum);
                } else if (type.equals("IncidentCreated")) {
                    recorded.merge(type + " " + e.get("incidentId").asString(), 1, Integer::sum);
                }
            }
            for (Ack a : acks.values()) {
                assertThat(recorded.get(a.type() + " " + a.subject())).as("%s %s in the log once", a.type(),
                        a.subject()).isEqualTo(1);
                for (JsonNode e : a.events()) {
                    assertThat(log.get((int) e.get("seq").asLong() - 1)).as("answered event in the log").isEqualTo(e);
                }
            }
            List<Recorded> events = log.stream().map(n -> EventJson.parse(n.toString())).toList();
            String fresh = Engine.rebuild(Policy.metropolitan().withRetainClosedFor(LogConfiguration.RETAIN_CLOSED_FOR), Writer.OPENING_ROSTER, events.getFirst().at(), events)
                    .queries().describe();
            assertThat(server[0].describe()).as("the server's engine is a fresh replay of its log").isEqualTo(fresh);

            VigilProperties settings = new VigilProperties(0, data, null,
                    new VigilProperties.Db(null, null, null, null, null), null, false);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int exit = VerifyAudit.run(settings, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
            assertThat(exit).as(err.toString()).isEqualTo(0);
            assertThat(out.toString()).startsWith("verified " + log.size() + " events");
        } finally {
            server[0].close();
        }
    }

    /** Sends until the server answers 200 (a dead or recovering server is retried, with the same key). */
    private static JsonNode untilAnswered(URI base, Login login, String who, String body, String key,
                                          AtomicInteger failed) throws InterruptedException {
        for (int attempt = 0; attempt < 2_000; attempt++) {
            try {
                HttpResponse<String> r = send(base, login, who, body, key);
                if (r.statusCode() == 200) {
                    return JSON.readTree(r.body());
                }
                assertThat(r.statusCode()).as("only 503 while the log is away: %s", r.body()).isEqualTo(503);
            } catch (IOException e) {
                // the server is down: retry
            }
            failed.incrementAndGet();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("no answer for " + key);
    }

    private static HttpResponse<String> send(URI base, Login login, String who, String body, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve("/api/commands")).timeout(Duration.ofSeconds(40))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            r.header("Idempotency-Key", key);
        }
        return HTTP.send(login.as(r, who).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> wholeLog(URI base, Login login) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        while (true) {
            HttpResponse<String> r = HTTP.send(login.as(HttpRequest.newBuilder(base.resolve("/api/events?after="
                    + all.size() + "&limit=10000")), "CALL_HANDLER ch1 SE").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            List<JsonNode> page = JSON.readTree(r.body()).valueStream().toList();
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

}
