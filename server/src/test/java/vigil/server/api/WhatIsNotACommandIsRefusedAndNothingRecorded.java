package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.CALL_HANDLER;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.Commands;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TempDirs;
import vigil.server.testing.TestServer;

/**
 * Bad input never reaches the log and never earns a stack trace: broken JSON, an unknown command, a missing, mistyped
 * or unknown field, a bad instant, an actor named in the body, a body too large, another content type. Each is a
 * problem+json naming the field where one is to blame, and the log is as it was. And a thousand more, generated from a
 * seed ({@code -Dvigil.badInput.seed=N} replays another storm): none is a 5xx, each is problem+json, and the log gains
 * nothing but the refusals the engine records for well-formed commands it will not carry out.
 */
class WhatIsNotACommandIsRefusedAndNothingRecorded {
    private static TestServer server;
    private static Path data;

    @BeforeAll
    static void start() throws Exception {
        data = java.nio.file.Files.createTempDirectory("vigil-bad-input");
        server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff();
    }

    @AfterAll
    static void stop() {
        server.close();
        TempDirs.delete(data);
    }

    static Stream<Arguments> notCommands() {
        return Stream.of(
                Arguments.of("broken JSON", "{\"do\":\"RecordCall\",", 400, null),
                Arguments.of("empty body", "", 400, null),
                Arguments.of("an array", "[{\"do\":\"RecordCall\",\"callId\":\"C1\"}]", 400, null),
                Arguments.of("two values", "{\"do\":\"RecordCall\",\"callId\":\"C1\"} {}", 400, null),
                Arguments.of("no do", "{\"callId\":\"C1\"}", 400, "do"),
                Arguments.of("unknown command", "{\"do\":\"ArrestEveryone\"}", 400, "do"),
                Arguments.of("missing field", "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-1\"}", 400, "unitId"),
                Arguments.of("mistyped field", "{\"do\":\"RecordCall\",\"callId\":7}", 400, "callId"),
                Arguments.of("unknown field", "{\"do\":\"RecordCall\",\"callId\":\"C1\",\"colour\":\"red\"}", 400,
                        "colour"),
                Arguments.of("misspelt optional field",
                        "{\"do\":\"RequestScheme\",\"schemeId\":\"S1\",\"requiredGrde\":\"I\"}", 400, "requiredGrde"),
                Arguments.of("bad enum", "{\"do\":\"CreateIncident\",\"incidentId\":\"I1\",\"callId\":\"C1\","
                        + "\"grade\":\"Q\"}", 400, "grade"),
                Arguments.of("bad location", "{\"do\":\"RecordCall\",\"callId\":\"C1\",\"location\":{\"lat\":91,"
                        + "\"lon\":0}}", 400, "lat"),
                Arguments.of("an actor in the body", "{\"do\":\"RecordCall\",\"callId\":\"C1\",\"by\":\"rtrd1\"}",
                        400, "by"),
                Arguments.of("a time in the body", "{\"do\":\"RecordCall\",\"callId\":\"C1\","
                        + "\"at\":\"2018-05-31T23:00:00Z\"}", 400, "at"),
                Arguments.of("a NUL in an id", "{\"do\":\"RecordCall\",\"callId\":\"C\\u0000X\"}", 400, "callId"),
                Arguments.of("half a surrogate pair", "{\"do\":\"RecordCall\",\"callId\":\"C1\","
                        + "\"narrative\":\"\\ud800\"}", 400, "narrative"),
                Arguments.of("duplicate key", "{\"do\":\"RecordCall\",\"callId\":\"C1\",\"callId\":\"C2\"}", 400,
                        null),
                Arguments.of("too large", "{\"do\":\"RecordCall\",\"callId\":\"C1\",\"narrative\":\""
                        + "x".repeat(70_000) + "\"}", 413, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notCommands")
    void isRefusedAsProblemJsonNamingTheField(String what, String body, int status, String field) {
        int before = server.events().size();

        TestServer.Response r = server.command(CALL_HANDLER, body);

        assertProblem(r, status);
        if (field != null) {
            assertThat(r.json().get("field").asString()).as(r.body()).isEqualTo(field);
            assertThat(r.json().get("detail").asString()).contains(field);
        }
        assertThat(server.events()).as("the log after %s", what).hasSize(before);
    }

    @Test
    void aStaffBodyThatIsNotAnObjectIs400() {
        for (String body : List.of("[1]", "null", "\"x\"", "1")) {
            for (String[] at : new String[][] {{"POST", "/api/staff"}, {"PUT", "/api/staff/ch1/password"},
                                               {"PUT", "/api/staff/ch1/email"}}) {
                TestServer.Response r = server.send(HttpRequest.newBuilder(server.base().resolve(at[1]))
                        .header("Authorization", server.login().authorization(Commands.ADMIN))
                        .header("Content-Type", "application/json")
                        .method(at[0], HttpRequest.BodyPublishers.ofString(body)));
                assertProblem(r, 400);
                assertThat(r.json().get("detail").asString()).as("%s %s %s", at[0], at[1], body)
                        .contains("must be a JSON object");
            }
        }
    }

    /**
     * A member of staff's id is their username (extensions.md): an {@code AddStaff} whose id no one could log in with
     * was recorded, its account then refused by the table, and the administrator told 500 "nothing was recorded".
     */
    @Test
    void anAddStaffWhoseIdCannotBeAUsernameIs400AndRecordsNothing() {
        for (String staffId : List.of("a b/c", "x".repeat(65))) {
            int before = server.events().size();

            TestServer.Response r = server.command(Commands.ADMIN, Commands.addStaff(staffId, "OIC", "SE"));

            assertProblem(r, 400);
            assertThat(r.json().get("field").asString()).as(r.body()).isEqualTo("staffId");
            assertThat(r.json().get("detail").asString()).contains("1 to 64 letters, digits and . _ @ -");
            assertThat(server.events()).as("the log after AddStaff %s", staffId).hasSize(before);
        }
    }

    /** An id must fit in the address it is read back by (ADR 119): 256 characters, and not one more. */
    @Test
    void anIdTooLongForAnAddressIs400AndRecordsNothing() {
        int before = server.events().size();

        TestServer.Response tooLong = server.command(CALL_HANDLER, Commands.recordCall("C" + "x".repeat(256)));
        TestServer.Response oic = server.command(CALL_HANDLER, "{\"do\":\"RequestScheme\",\"schemeId\":\"S1\","
                + "\"oic\":\"" + "o".repeat(300) + "\"}");

        assertProblem(tooLong, 400);
        assertThat(tooLong.json().get("field").asString()).isEqualTo("callId");
        assertThat(tooLong.json().get("detail").asString()).contains("257 characters", "at most 256");
        assertProblem(oic, 400);
        assertThat(oic.json().get("field").asString()).isEqualTo("oic");
        assertThat(server.events()).as("the log after ids too long").hasSize(before);
        TestServer.Response longest = server.command(CALL_HANDLER, Commands.recordCall("x".repeat(256)));
        assertThat(longest.status()).as(longest.body()).isEqualTo(200);
    }

    @Test
    void anotherContentTypeIs415() {
        int before = server.events().size();
        for (String type : List.of("text/plain", "application/xml", "application/json; charset=latin1")) {
            TestServer.Response r = server.send(HttpRequest.newBuilder(server.base().resolve("/api/commands"))
                    .header("Authorization", server.login().authorization(CALL_HANDLER)).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"do\":\"RecordCall\",\"callId\":\"C1\"}")));
            assertProblem(r, 415);
        }
        TestServer.Response gzipped = server.send(HttpRequest.newBuilder(server.base().resolve("/api/commands"))
                .header("Authorization", server.login().authorization(CALL_HANDLER))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip("{\"do\":\"RecordCall\",\"callId\":\"C9\"}"))));
        assertProblem(gzipped, 415);
        assertThat(gzipped.json().get("field").asString()).isEqualTo("Content-Encoding");
        assertThat(server.events()).hasSize(before);
    }

    private static byte[] gzip(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void notUtf8Is400() {
        TestServer.Response r = server.send(HttpRequest.newBuilder(server.base().resolve("/api/commands"))
                .header("Authorization", server.login().authorization(CALL_HANDLER)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', (byte) 0xC3, '"', '}'})));
        assertProblem(r, 400);
    }

    @Test
    void nobodyLoggedInIs401() {
        assertProblem(server.command(null, "{\"do\":\"RecordCall\",\"callId\":\"C1\"}"), 401);
        assertProblem(server.get(null, "/api/events"), 401);
    }

    @Test
    void badReadParametersAre400NamingThem() {
        TestServer.Response r = server.get(CALL_HANDLER, "/api/events?after=minus-one");
        assertProblem(r, 400);
        assertThat(r.json().get("field").asString()).isEqualTo("after");
        r = server.get(CALL_HANDLER, "/api/events?limit=0");
        assertProblem(r, 400);
        assertThat(r.json().get("field").asString()).isEqualTo("limit");
        r = server.get(CALL_HANDLER, "/api/notices?before=latest");
        assertProblem(r, 400);
        assertThat(r.json().get("field").asString()).isEqualTo("before");
        r = server.get(CALL_HANDLER, "/api/notices?limit=many");
        assertProblem(r, 400);
        assertThat(r.json().get("field").asString()).isEqualTo("limit");
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        assertProblem(server.get(CALL_HANDLER, "/api/nothing-here"), 404);
        assertProblem(server.send(HttpRequest.newBuilder(server.base().resolve("/api/events"))
                .header("Authorization", server.login().authorization(CALL_HANDLER)).DELETE()), 405);
        assertProblem(server.get(CALL_HANDLER, "/error"), 404);
    }

    @Test
    void theLogReadsFromAGivenSeqInOrder() {
        List<JsonNode> all = server.events();
        TestServer.Response page = server.get(CALL_HANDLER, "/api/events?after=1&limit=2");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().valueStream().map(e -> e.get("seq").asLong())).containsExactly(2L, 3L);
        assertThat(all.get(1)).isEqualTo(page.json().get(0));
    }

    @Test
    void aThousandGeneratedMalformedRequestsAreEachAProblemAndRecordNothingButRefusals() {
        long seed = Long.getLong("vigil.badInput.seed", 1_106L);
        List<JsonNode> before = server.events();
        java.util.Set<Long> refused = new java.util.TreeSet<>();
        List<MalformedRequests.Bad> storm = new MalformedRequests(seed, server.base(), server.login()).next(1_200);
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < storm.size(); i++) {
            MalformedRequests.Bad bad = storm.get(i);
            TestServer.Response r = server.send(bad.request());
            String where = "seed " + seed + ", request " + i + " (" + abbreviated(bad.what()) + "): " + r.body();
            assertThat(r.status()).as(where).isBetween(400, 499);
            assertThat(r.contentType()).as(where).startsWith("application/problem+json");
            JsonNode p = r.json();
            assertThat(p.get("status").asInt()).as(where).isEqualTo(r.status());
            assertThat(p.has("type") && p.has("title") && !p.get("detail").asString().isBlank()).as(where).isTrue();
            assertThat(r.body()).as(where).doesNotContain("Exception", "\tat ", "vigil.server", "jackson", "sql");
            if (p.has("seq")) {
                assertThat(p.get("reason").asString()).as(where).isNotBlank();
                refused.add(p.get("seq").asLong());
            }
            statuses.merge(r.status(), 1, Integer::sum);
        }
        List<JsonNode> after = server.events();
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        List<JsonNode> added = after.subList(before.size(), after.size());
        assertThat(added).as("seed %d: only refusals were recorded", seed)
                .allMatch(e -> e.get("type").asString().equals("CommandRejected"));
        assertThat(added.stream().map(e -> e.get("seq").asLong()).toList()).as("seed %d", seed)
                .containsExactlyElementsOf(refused);
        assertThat(statuses.keySet()).as("answers by status: %s", statuses).contains(400, 401, 403, 404, 413, 415);
    }

    private static String abbreviated(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static void assertProblem(TestServer.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).as(r.body()).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.has("type")).isTrue();
        assertThat(p.has("title")).isTrue();
        assertThat(p.get("detail").asString()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception", "\tat ", "vigil.server", "jackson", "sql");
    }
}
