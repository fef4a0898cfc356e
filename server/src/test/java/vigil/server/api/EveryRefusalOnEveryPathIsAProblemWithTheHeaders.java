package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.CALL_HANDLER;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TempDirs;
import vigil.server.testing.TestServer;

/**
 * Whatever refuses a request, the answer is a problem (RFC 9457) with the security headers: Tomcat, before any filter
 * runs (a NUL or an encoded backslash in the address, an address or a header too long); Spring Security's
 * firewall, before either filter chain ({@code //}, {@code ;}, an encoded {@code ..}, a method it does not know); the
 * actuator, for a health component it does not have; Tomcat's refusal of TRACE; a file that is not there; a form
 * posted without its CSRF token; a query string the container cannot read (a malformed {@code %} escape, too many
 * parameters), which it had answered 500 from wherever it was first read. Malformed requests go over a raw socket, as an attacker would send them (an HTTP
 * client tidies or refuses them). And a browser asking for a page still gets the page, as HTML and said to be HTML.
 */
class EveryRefusalOnEveryPathIsAProblemWithTheHeaders {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static TestServer server;
    private static Path data;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("vigil-refusals");
        server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff();
    }

    @AfterAll
    static void stop() {
        server.close();
        TempDirs.delete(data);
    }

    /** An answer as it came off the wire. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        static Answer of(TestServer.Response r) {
            Map<String, String> h = new LinkedHashMap<>();
            r.headers().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), String.join(", ", v)));
            return new Answer(r.status(), h, r.body());
        }
    }

    static Stream<Arguments> malformed() {
        String longUrl = "/api/units?x=" + "a".repeat(9_000);
        return Stream.of(
                Arguments.of("a NUL in the address", "GET /api/units%00 HTTP/1.0", List.of(), 400),
                Arguments.of("an encoded backslash", "GET /api/calls/back%5Cslash HTTP/1.0", List.of(), 400),
                Arguments.of("an encoded slash, the id's own (ADR 117): no such call", "GET /api/calls/a%2Fb HTTP/1.0",
                        List.of("LOGIN"), 404),
                Arguments.of("an encoded percent", "GET /api/calls/a%25b HTTP/1.0", List.of("LOGIN"), 400),
                Arguments.of("encoded slashes climbing out of the open stylesheets", "GET /css/..%2F..%2Fapi%2Funits"
                        + " HTTP/1.0", List.of(), 404),
                Arguments.of("an address over 8 KB", "GET " + longUrl + " HTTP/1.0", List.of(), 400),
                Arguments.of("a header over 8 KB", "GET /api/units HTTP/1.0", List.of("X-Long: " + "a".repeat(9_000)),
                        400),
                Arguments.of("a double slash", "GET /api//units HTTP/1.0", List.of(), 400),
                Arguments.of("a path parameter", "GET /api/units;x HTTP/1.0", List.of(), 400),
                Arguments.of("an encoded dot-dot", "GET /api/%2e%2e/x HTTP/1.0", List.of(), 400),
                Arguments.of("a method nobody knows", "FOO /api/units HTTP/1.0", List.of(), 400),
                Arguments.of("a malformed %-escape in the query", "GET /api/events?after=%zz HTTP/1.0",
                        List.of("LOGIN"), 400),
                Arguments.of("a %-escape cut short", "GET /api/notices?limit=1% HTTP/1.0", List.of("LOGIN"), 400),
                Arguments.of("a query that is not UTF-8", "GET /api/events?after=%E2%82 HTTP/1.0", List.of("LOGIN"),
                        400),
                Arguments.of("a malformed %-escape, no login", "GET /actuator/health?x=%zz HTTP/1.0", List.of(), 400),
                Arguments.of("over a thousand parameters", "GET /api/events?" + manyParameters() + " HTTP/1.0",
                        List.of("LOGIN"), 400),
                Arguments.of("TRACE", "TRACE /api/units HTTP/1.0", List.of(), 501),
                Arguments.of("TRACE with a login", "TRACE /api/units HTTP/1.0", List.of("LOGIN"), 501));
    }

    private static String manyParameters() {
        StringBuilder b = new StringBuilder("after=1");
        for (int i = 0; i < 1_100; i++) {
            b.append("&x").append(i).append("=1");
        }
        return b.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedRequestIsAProblemWithTheHeaders(String what, String requestLine, List<String> headers,
                                                   int status) throws IOException {
        List<String> sent = new ArrayList<>();
        for (String h : headers) {
            sent.add(h.equals("LOGIN") ? "Authorization: " + server.login().authorization(CALL_HANDLER) : h);
        }

        Answer a = raw(requestLine, sent);

        assertProblemWithTheHeaders(what, a, status);
        if (status == 501) {
            assertThat(a.header("Allow")).as("TRACE is on no path: no Allow naming the servlet's methods").isNull();
        }
    }

    static Stream<Arguments> wellFormed() {
        return Stream.of(
                Arguments.of("a health component there is not", "GET", "/actuator/health/db", null, null, 404),
                Arguments.of("liveness, which is not enabled", "GET", "/actuator/health/liveness", null, null, 404),
                Arguments.of("a health component asked for with a login", "GET", "/actuator/health/x", CALL_HANDLER,
                        null, 404),
                Arguments.of("no icon", "GET", "/favicon.ico", null, null, 404),
                Arguments.of("no such webjar", "GET", "/webjars/nope", null, null, 404),
                Arguments.of("no such stylesheet", "GET", "/css/nope.css", null, null, 404),
                Arguments.of("a stylesheet asked for as a page asks for one", "GET", "/css/nope.css", null,
                        "text/css,*/*;q=0.1", 404),
                Arguments.of("no such script", "GET", "/js/nope.js", null, null, 404),
                Arguments.of("the problem page asked for by a script", "GET", "/problem/403", null,
                        "application/json", 403),
                Arguments.of("a login form without its CSRF token", "POST", "/login", null, null, 403),
                Arguments.of("the same, asking for problem+json", "POST", "/login", null,
                        "application/problem+json", 403),
                Arguments.of("no such thing in the API", "GET", "/api/nothing-here", CALL_HANDLER, null, 404),
                Arguments.of("an unknown incident, to a client reading only problems", "GET", "/api/incidents/NONE",
                        CALL_HANDLER, "application/problem+json", 404),
                Arguments.of("an unknown command, to a client reading only problems", "POST", "/api/commands",
                        CALL_HANDLER, "application/problem+json", 400),
                Arguments.of("/error asked for by name", "GET", "/error", null, null, 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormed")
    void aRequestNoOneAnswersIsAProblemWithTheHeaders(String what, String method, String path, String who,
                                                      String accept, int status) {
        HttpRequest.Builder r = HttpRequest.newBuilder(server.base().resolve(path)).method(method,
                !method.equals("POST") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(path.startsWith("/api/") ? "{\"do\":\"Nope\"}"
                        : "username=ch1&password=not-it"));
        if (method.equals("POST")) {
            r.header("Content-Type", path.startsWith("/api/") ? "application/json"
                    : "application/x-www-form-urlencoded");
        }
        if (accept != null) {
            r.header("Accept", accept);
        }

        Answer a = Answer.of(server.send(server.login().as(r, who)));

        assertProblemWithTheHeaders(what, a, status);
    }

    @Test
    void aClientReadingOnlyProblemsIsAnsweredItsJsonAndOneReadingNoJsonIsRefused() {
        Answer json = Answer.of(server.send(server.login().as(HttpRequest.newBuilder(server.base().resolve(
                "/api/units")).header("Accept", "application/problem+json").GET(), CALL_HANDLER)));
        Answer text = Answer.of(server.send(server.login().as(HttpRequest.newBuilder(server.base().resolve(
                "/api/incidents/NONE")).header("Accept", "text/plain").GET(), CALL_HANDLER)));

        assertThat(json.status()).as(json.body()).isEqualTo(200);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(json.body()).isArray()).isTrue();
        assertProblemWithTheHeaders("a client reading only text", text, 406);
    }

    @Test
    void aBrowserAskingForAPageThatIsNotThereGetsThePageSaidToBeHtml() {
        for (String path : List.of("/favicon.ico", "/css/nope.css", "/js/nope.js", "/webjars/nope")) {
            Answer a = Answer.of(server.send(HttpRequest.newBuilder(server.base().resolve(path))
                    .header("Accept", BROWSER).GET()));

            assertThat(a.status()).as(path).isEqualTo(404);
            assertThat(a.header("Content-Type")).as("%s: the page is HTML, whatever the address ends in", path)
                    .startsWith("text/html");
            assertThat(a.body()).as(path).contains("<title>Page not found · Vigil</title>");
            assertTheHeaders(path, a);
        }
    }

    @Test
    void aBrowserPostingAFormWithoutItsTokenGetsTheRefusalPage() {
        Answer a = Answer.of(server.send(HttpRequest.newBuilder(server.base().resolve("/login"))
                .header("Accept", BROWSER).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=ch1&password=not-it"))));

        assertThat(a.status()).isEqualTo(403);
        assertThat(a.header("Content-Type")).startsWith("text/html");
        assertThat(a.body()).contains("<title>Not allowed · Vigil</title>").doesNotContain("Exception");
        assertTheHeaders("403 page", a);
    }

    private static void assertProblemWithTheHeaders(String what, Answer a, int status) {
        assertThat(a.status()).as("%s: %s", what, a.body()).isEqualTo(status);
        assertThat(a.header("Content-Type")).as(what).startsWith("application/problem+json");
        JsonNode p = JSON.readTree(a.body());
        assertThat(p.get("status").asInt()).as(what).isEqualTo(status);
        assertThat(p.get("type").asString()).as(what).startsWith("/problems/");
        assertThat(p.get("title").asString()).as(what).isNotBlank();
        assertThat(p.get("detail").asString()).as(what).isNotBlank();
        assertThat(p.path("instance").asString("")).as("%s: no internal path as the instance", what)
                .isNotEqualTo("/error");
        assertThat(a.body()).as(what).doesNotContain("Exception", "\tat ", "java.", "org.apache", "springframework",
                "vigil.", "Tomcat", "<html");
        assertTheHeaders(what, a);
        String type = p.get("type").asString();
        Answer meaning = Answer.of(server.send(HttpRequest.newBuilder(server.base().resolve(type)).GET()));
        assertThat(meaning.status()).as("%s: its type %s, looked up without a login", what, type).isEqualTo(200);
        assertThat(meaning.header("Content-Type")).as(type).startsWith("text/html");
        assertThat(meaning.body()).as(type).contains(String.valueOf(status));
    }

    @Test
    void eachProblemTypeSaysWhatItMeansAtItsAddressAndNoOtherTypeIsThere() {
        for (ProblemTypes.Type t : ProblemTypes.NAMED) {
            Answer a = Answer.of(server.send(HttpRequest.newBuilder(server.base().resolve("/problems/" + t.name()))
                    .GET()));

            assertThat(a.status()).as(t.name()).isEqualTo(200);
            assertThat(a.body()).as(t.name()).contains("<h1>" + t.title() + "</h1>", t.statuses());
            assertTheHeaders(t.name(), a);
        }
        Answer none = Answer.of(server.send(HttpRequest.newBuilder(server.base().resolve("/problems/no-such-thing"))
                .GET()));
        assertProblemWithTheHeaders("a problem type there is not", none, 404);
    }

    private static void assertTheHeaders(String what, Answer a) {
        assertThat(a.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(a.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(a.header("Content-Security-Policy")).as(what).startsWith("default-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(a.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
        assertThat(a.header("Permissions-Policy")).as(what).contains("geolocation=()");
        assertThat(a.header("Cache-Control")).as(what).contains("no-store");
    }

    /** Sends {@code requestLine} and {@code headers} as they are, and reads the answer until the server closes. */
    private static Answer raw(String requestLine, List<String> headers) throws IOException {
        URI base = server.base();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            s.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: ").append(base.getHost())
                    .append(':').append(base.getPort()).append("\r\n");
            headers.forEach(h -> request.append(h).append("\r\n"));
            OutputStream out = s.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            // HTTP/1.0: no chunks, the body runs to the end of the connection.
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            assertThat(end).as("an answer to %s: %s", requestLine.substring(0, Math.min(60, requestLine.length())),
                    all).isPositive();
            String[] lines = all.substring(0, end).split("\r\n");
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                h.merge(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (x, y) -> x + ", " + y);
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), h, all.substring(end + 4));
        }
    }
}
