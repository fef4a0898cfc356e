package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.DESPATCHER;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import vigil.server.reports.ReportFollower;
import vigil.server.testing.Commands;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TempDirs;
import vigil.server.testing.TestServer;

/**
 * A client says in {@code Accept} what it can read, and Vigil answers in a type it named or says 406 (extensions.md:
 * "One naming no type Vigil writes gets 406"). The reads of the room did since audit 3; the reports, the QART queue, an
 * incident's timeline and EIDO, and the live stream answered JSON, CSV or a stream to a client that had asked for XML
 * or HTML alone, or for CSV without {@code format=csv} (audit 8, finding 1). And {@code format}, which picks a report's
 * type, was ignored by the EIDO (JSON alone) where its siblings refuse a format they do not write (finding 2). A
 * client naming JSON with {@code q=0} ("not this", RFC 9110 §12.4.2) was sent JSON everywhere (finding 4).
 */
class AnAnswerIsInATypeItsClientReads {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private static TestServer server;
    private static Path data;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("vigil-accept");
        server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff();
        assertThat(server.command(CALL_HANDLER, Commands.recordCall("C1")).status()).isEqualTo(200);
        assertThat(server.command(CALL_HANDLER, Commands.createIncident("CAD-1", "C1", "I")).status()).isEqualTo(200);
        long last = server.writer().position().lastSeq();
        await().atMost(Duration.ofSeconds(30)).until(() -> server.bean(ReportFollower.class).projectedUpTo() >= last);
    }

    @AfterAll
    static void stop() {
        server.close();
        TempDirs.delete(data);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/reports", "/api/reports/demand", "/api/reports/qart",
            "/api/reports/incidents/CAD-1/timeline", "/api/reports/incidents/CAD-1/eido"})
    void aReportIsJsonToWhoeverReadsJsonAndRefusedToWhoeverReadsNeither(String path) {
        for (String accept : new String[] {"application/json", "*/*", "application/*", "application/problem+json"}) {
            TestServer.Response r = get(path, accept);
            assertThat(r.status()).as("%s, Accept: %s: %s", path, accept, r.body()).isEqualTo(200);
            assertThat(r.contentType()).as("%s, Accept: %s", path, accept).startsWith("application/json");
        }
        for (String accept : new String[] {"application/xml", "text/html", "image/png, text/plain;q=0.5",
                "application/json;q=0"}) {
            assertNotAcceptable(path + ", Accept: " + accept, get(path, accept));
        }
    }

    @Test
    void csvIsAskedForWithFormatAndAClientReadingCsvAloneIsToldSo() {
        TestServer.Response csv = get("/api/reports/demand?format=csv", "text/csv");
        TestServer.Response noFormat = get("/api/reports/demand", "text/csv");
        TestServer.Response jsonReader = get("/api/reports/demand?format=csv", "application/json");
        TestServer.Response browser = get("/api/reports/qart?format=csv",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertNotAcceptable("CSV without format=csv", noFormat);
        assertThat(noFormat.json().get("detail").asString()).contains("format=csv");
        assertNotAcceptable("format=csv to a client reading JSON alone", jsonReader);
        assertThat(browser.status()).as("a browser's download link: %s", browser.body()).isEqualTo(200);
        assertThat(browser.contentType()).startsWith("text/csv");
    }

    @Test
    void theEidoIsJsonAloneAndAFormatItDoesNotWriteIsRefusedNotIgnored() {
        TestServer.Response json = get("/api/reports/incidents/CAD-1/eido?format=json", "*/*");
        for (String format : new String[] {"csv", "xml"}) {
            TestServer.Response r = get("/api/reports/incidents/CAD-1/eido?format=" + format, "*/*");

            assertThat(r.status()).as("format=%s: %s", format, r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("field").asString()).isEqualTo("format");
        }
        assertThat(json.status()).as(json.body()).isEqualTo(200);
    }

    @Test
    void theLiveStreamIsRefusedToAClientThatReadsOnlyJson() throws IOException {
        try (Opened json = open("application/json"); Opened html = open("text/html")) {
            assertThat(json.status()).as(json::refusal).isEqualTo(406);
            assertThat(json.contentType()).startsWith("application/problem+json");
            assertThat(html.status()).isEqualTo(406);
        }
        for (String accept : new String[] {"text/event-stream", "*/*", "text/*"}) {
            try (Opened stream = open(accept)) {
                assertThat(stream.status()).as("Accept: %s", accept).isEqualTo(200);
                assertThat(stream.contentType()).startsWith("text/event-stream");
            }
        }
    }

    @Test
    void aClientThatNamesJsonOnlyToRefuseItIsRefusedNotSentJson() {
        for (String accept : new String[] {"application/json;q=0", "*/*;q=0", "application/json;q=0, text/csv"}) {
            assertNotAcceptable("/api/units, Accept: " + accept, get("/api/units", accept));
        }
        assertThat(get("/api/units", "text/csv;q=0, application/json").status()).isEqualTo(200);
    }

    private static void assertNotAcceptable(String what, TestServer.Response r) {
        assertThat(r.status()).as("%s: %s", what, r.body()).isEqualTo(406);
        assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("type").asString()).as(what).isEqualTo("/problems/not-acceptable");
        assertThat(p.get("status").asInt()).isEqualTo(406);
    }

    private static TestServer.Response get(String path, String accept) {
        return server.send(server.login().as(HttpRequest.newBuilder(server.base().resolve(path)).GET()
                .header("Accept", accept), DESPATCHER));
    }

    /** A stream's answer: its status and type at once, its body read only when it is a refusal (a stream never ends). */
    private record Opened(HttpResponse<InputStream> response) implements AutoCloseable {
        int status() {
            return response.statusCode();
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        /** The body of a refusal; a stream's (200) is never read, as it does not end. */
        String refusal() {
            if (status() == 200) {
                return "a stream of " + contentType();
            }
            try {
                return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }

    private static Opened open(String accept) {
        HttpRequest.Builder b = server.login().as(HttpRequest.newBuilder(server.base().resolve(
                "/api/events/stream?after=0")).GET().header("Accept", accept), DESPATCHER);
        try {
            return new Opened(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
