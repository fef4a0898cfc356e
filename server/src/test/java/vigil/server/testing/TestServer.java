package vigil.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.server.VigilServer;
import vigil.server.log.Writer;

/** A real Vigil server in this JVM on a free port, talked to over HTTP like any client. Close it to stop it. */
public final class TestServer implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ConfigurableApplicationContext context;
    private final URI base;
    private final Login login;

    private TestServer(ConfigurableApplicationContext context, String install, Path dataDir) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.base = URI.create("http://127.0.0.1:" + port);
        this.login = new Login(install, dataDir, base);
    }

    /** A server on {@code db}, data in {@code dataDir}, on the wall clock unless {@code clock} is given. */
    public static TestServer start(SharedPostgres.Db db, Path dataDir, InstantSource clock) {
        Map<String, Object> settings = new LinkedHashMap<>(db == null ? Map.of() : db.settings());
        return start(settings, dataDir, clock);
    }

    public static TestServer start(Map<String, Object> settings, Path dataDir, InstantSource clock) {
        return start(settings, dataDir, clock, Map.of());
    }

    /** As {@link #start(Map, Path, InstantSource)}, with {@code beans} (by name) added to the server's context. */
    public static TestServer start(Map<String, Object> settings, Path dataDir, InstantSource clock,
                                   Map<String, Object> beans) {
        Map<String, Object> p = new LinkedHashMap<>(settings);
        p.put("vigil.port", 0);
        p.put("vigil.data-dir", dataDir.toString());
        p.put("logging.level.root", "warn");
        p.putIfAbsent("vigil.demo", false); // tests add whom they need: a demo roster would be in every test's log
        SpringApplicationBuilder b = new SpringApplicationBuilder(VigilServer.class).properties(p);
        Map<String, Object> extra = new LinkedHashMap<>(beans);
        if (clock != null) {
            extra.put("testClock", clock);
        }
        b.initializers(ctx -> extra.forEach(ctx.getBeanFactory()::registerSingleton));
        return new TestServer(b.run(), Login.install(settings, dataDir), dataDir);
    }

    /** Starts and waits until the server accepts commands. */
    public static TestServer startUp(SharedPostgres.Db db, Path dataDir, InstantSource clock) {
        TestServer s = start(db, dataDir, clock);
        s.awaitUp();
        return s;
    }

    /** Puts the call handler, despatcher and QA reviewer of {@link Commands} on the roster, with accounts. */
    public TestServer withStaff() {
        addStaff("ch1", "CALL_HANDLER", "SE");
        addStaff("dsp1", "DESPATCHER", "SE");
        addStaff("qa1", "QA_REVIEWER", "SE");
        return this;
    }

    /** Adds a member of staff and their account as the administrator does ({@code POST /api/staff}). */
    public TestServer addStaff(String id, String role, String bcu) {
        Response r = send(login.as(HttpRequest.newBuilder(base.resolve("/api/staff")), Commands.ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"staffId\":\"" + id + "\",\"role\":\"" + role + "\""
                        + (bcu == null ? "" : ",\"bcu\":\"" + bcu + "\"") + "}")));
        if (r.status() != 201) {
            throw new AssertionError("adding staff " + id + ": " + r);
        }
        login.remember(id, r.json().get("password").asString());
        return this;
    }

    /** How this server's clients log in. */
    public Login login() {
        return login;
    }

    public void awaitUp() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> health().status() == 200);
    }

    public Writer writer() {
        return context.getBean(Writer.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public URI base() {
        return base;
    }

    public Response health() {
        return send(HttpRequest.newBuilder(base.resolve("/actuator/health")).GET());
    }

    public Response command(String actor, String body) {
        return command(actor, body, Map.of());
    }

    public Response command(String actor, String body, Map<String, String> headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve("/api/commands"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        login.as(r, actor);
        headers.forEach(r::setHeader);
        return send(r);
    }

    public Response get(String actor, String path) {
        return send(login.as(HttpRequest.newBuilder(base.resolve(path)).GET(), actor));
    }

    /** The whole log as replay lines (parsed), as the administrator reads it. */
    public List<JsonNode> events() {
        Response r = get(Commands.ADMIN, "/api/events?after=0&limit=10000");
        if (r.status() != 200) {
            throw new AssertionError("GET /api/events: " + r);
        }
        return r.json().valueStream().toList();
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                    r.headers().map());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    public record Response(int status, String contentType, String body, Map<String, List<String>> headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }
}
