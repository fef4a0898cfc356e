package vigil.server.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.ADMIN;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.DESPATCHER;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TempDirs;
import vigil.server.testing.TestServer;

/**
 * A client that checks answers against {@code /v3/api-docs} accepts every real one. A room with units, a special
 * scheme matched by a call, incidents resourced, attended, unresourced and one closed long enough ago to have left
 * live state, guidance and notices, is read through every GET the description lists, by the roles that see it
 * differently (victim details), and each answer is checked by a JSON Schema validator against the schema documented
 * for its status. The schemas are made strict for the check (no property beyond those described), so a field the
 * server writes and the description leaves out is caught as surely as a wrong type, a missing required field or a
 * value outside an enum; the published description stays open to fields added later (api.md: "add freely"). Each
 * read of an id is also asked for one that does not exist, and its 404 checked as documented.
 */
class EveryAnswerIsAsTheDescriptionSays {
    private static final Instant T0 = Instant.parse("2018-05-31T22:40:00Z");
    private static final String DOCS = "https://vigil.invalid/v3/api-docs";
    private static final String CONTROLLER = "CONTROLLER ctl1 SE";
    private static final String RTRD = "RTRD rtrd1";
    private static final String OIC = "OIC oic1 SE";

    private static TestServer server;
    private static Path data;
    private static JsonNode docs;
    private static SchemaRegistry published;
    private static SchemaRegistry strict;

    @BeforeAll
    static void aRoomWithSomethingInEveryRead() throws Exception {
        data = Files.createTempDirectory("vigil-api-answers");
        SettableClock clock = new SettableClock(T0);
        server = TestServer.startUp(SharedPostgres.newDatabase(), data, clock).withStaff();
        server.addStaff("ctl1", "CONTROLLER", "SE").addStaff("rtrd1", "RTRD", null).addStaff("oic1", "OIC", "SE");
        ok(ADMIN, unit("U1", "MD21", 51.498, -0.090));
        ok(ADMIN, unit("U2", "MD22", 51.470, -0.120));
        ok(ADMIN, unit("U3", "MD23", 51.487, -0.071));
        ok(OIC, "{\"do\":\"RequestScheme\",\"schemeId\":\"S1\",\"address\":\"1 High Street\",\"clis\":[\"07700"
                + " 900123\"],\"victimName\":\"Jane Doe\",\"preferredContact\":{\"method\":\"phone\"},\"oic\":\"oic1\","
                + "\"bcu\":\"SE\",\"crimeRef\":\"CR-1\",\"instructions\":\"Attend as an emergency\","
                + "\"requiredGrade\":\"I\"}");
        ok(RTRD, "{\"do\":\"ActivateScheme\",\"schemeId\":\"S1\"}");
        ok(OIC, "{\"do\":\"RequestScheme\",\"schemeId\":\"S2\"}"); // a bare request: its form mostly null
        ok(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C0\",\"cli\":\"07700 900123\"}");
        ok(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C1\",\"cli\":\"+44 7700 900123\",\"location\":"
                + "{\"lat\":51.495,\"lon\":-0.085},\"narrative\":\"ex-husband at the door\"}");
        // Graded below the scheme: an alert for the controllers, and a notice for each.
        ok(CALL_HANDLER, "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-1\",\"callId\":\"C1\",\"grade\":\"S\"}");
        ok(DESPATCHER, "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-1\",\"unitId\":\"U1\"}");
        ok(DESPATCHER, "{\"do\":\"AcknowledgeAssignment\",\"incidentId\":\"CAD-1\",\"unitId\":\"U1\"}");
        ok(DESPATCHER, "{\"do\":\"ArriveAtScene\",\"incidentId\":\"CAD-1\",\"unitId\":\"U1\"}");
        ok(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C2\"}");
        ok(CALL_HANDLER, "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-2\",\"callId\":\"C2\",\"grade\":\"I\"}");
        ok(DESPATCHER, "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-2\",\"unitId\":\"U3\"}");
        ok(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C4\"}");
        ok(CALL_HANDLER, "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-4\",\"callId\":\"C4\",\"grade\":\"I\"}");
        ok(DESPATCHER, "{\"do\":\"DivertUnit\",\"unitId\":\"U3\",\"toIncidentId\":\"CAD-4\",\"reason\":\"knife\"}");
        ok(DESPATCHER, "{\"do\":\"SetUnitStatus\",\"unitId\":\"U2\",\"status\":\"UNAVAILABLE\"}");
        ok(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C3\"}");
        ok(CALL_HANDLER, "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-3\",\"callId\":\"C3\",\"grade\":\"E\"}");
        ok(DESPATCHER, "{\"do\":\"CloseIncident\",\"incidentId\":\"CAD-3\",\"disposition\":\"no trace\"}");
        ok(ADMIN, "{\"do\":\"PublishGuidance\",\"guidanceId\":\"G1\",\"title\":\"Schemes\",\"text\":\"Read the"
                + " scheme's instructions to the caller.\",\"roles\":[\"CONTROLLER\",\"DESPATCHER\"]}");
        ok(CONTROLLER, "{\"do\":\"ConfirmGuidance\",\"guidanceId\":\"G1\"}");
        // A week and a day later CAD-3 has left live state (retainClosedFor, P7D), and the rest is overdue.
        clock.advance(Duration.ofDays(8));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                !server.get(DESPATCHER, "/api/incidents/CAD-3").json().path("live").asBoolean(true)
                        && !server.get(CONTROLLER, "/api/notices").json().path("notices").isEmpty()
                        && server.get(ADMIN, "/api/reports/incidents/CAD-3/timeline").status() == 200);
        TestServer.Response r = server.get(ADMIN, "/v3/api-docs");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        docs = r.json();
        published = registry(docs);
        strict = registry(strictCopy(docs));
    }

    @AfterAll
    static void stop() {
        server.close();
        TempDirs.delete(data);
    }

    @Test
    void everyReadAnswersAsDescribedAndEveryUnknownIdAsItsDocumented404() {
        Map<String, List<Read>> reads = reads();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
            String template = path.getKey();
            if (!template.startsWith("/api/") || template.equals("/api/events/stream")) {
                continue; // the stream is text/event-stream, described by its frames
            }
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (!op.getKey().equals("get")) {
                    continue;
                }
                List<Read> asked = reads.remove(template);
                if (asked == null) {
                    problems.add("GET " + template + " is described, and this story does not read it");
                    continue;
                }
                for (Read read : asked) {
                    problems.addAll(check(op.getValue(), read, 200));
                }
                if (freeText(op.getValue())) {
                    problems.addAll(check(op.getValue(), get(asked.getFirst().who(),
                            template.replaceAll("\\{[^}]+}", "NOT-THERE")), 404));
                }
            }
        }
        assertThat(reads.keySet()).as("reads this story makes that the description does not list").isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void markingANoticeReadAnswersTheNoticeAsDescribed() {
        JsonNode op = docs.get("paths").get("/api/notices/{id}/read").get("post");
        long id = server.get(CONTROLLER, "/api/notices").json().get("notices").get(0).get("id").asLong();
        assertThat(check(op, post(CONTROLLER, "/api/notices/" + id + "/read"), 200)).isEmpty();
        assertThat(check(op, post(CONTROLLER, "/api/notices/0/read"), 404)).isEmpty();
    }

    @Test
    void theAdministratorsWritesAreReadAndAnsweredAsDescribed() {
        JsonNode paths = docs.get("paths");
        JsonNode staff = paths.get("/api/staff").get("post");
        JsonNode removal = paths.get("/api/staff/{username}").get("delete");
        JsonNode password = paths.get("/api/staff/{username}/password").get("put");
        JsonNode email = paths.get("/api/staff/{username}/email").get("put");
        List<String> problems = new ArrayList<>();
        problems.addAll(check(staff, new Read("POST", ADMIN, "/api/staff",
                "{\"staffId\":\"insp1\",\"role\":\"INSPECTOR\",\"bcu\":\"SE\"}"), 201));
        problems.addAll(check(staff, new Read("POST", ADMIN, "/api/staff",
                "{\"role\":\"UNIT\",\"unitId\":\"U2\",\"password\":\"a terminal's own password\"}"), 201));
        problems.addAll(check(staff, new Read("POST", ADMIN, "/api/staff",
                "{\"role\":\"UNIT\",\"unitId\":\"U9\"}"), 404));
        problems.addAll(check(staff, new Read("POST", CONTROLLER, "/api/staff",
                "{\"staffId\":\"insp2\",\"role\":\"INSPECTOR\"}"), 403));
        problems.addAll(check(password, new Read("PUT", ADMIN, "/api/staff/insp1/password", null), 200));
        problems.addAll(check(password, new Read("PUT", ADMIN, "/api/staff/insp1/password",
                "{\"password\":\"twelve or more characters\"}"), 200));
        problems.addAll(check(email, new Read("PUT", ADMIN, "/api/staff/insp1/email",
                "{\"email\":\"insp1@example.org\"}"), 200));
        problems.addAll(check(email, new Read("PUT", ADMIN, "/api/staff/nobody/email", "{\"email\":null}"), 404));
        problems.addAll(check(removal, new Read("DELETE", ADMIN, "/api/staff/U2", null), 200));
        problems.addAll(check(removal, new Read("DELETE", ADMIN, "/api/staff/insp1", null), 200));
        problems.addAll(check(removal, new Read("DELETE", ADMIN, "/api/staff/insp1", null), 409));
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckCatchesAnAnswerTheDescriptionDoesNotAllow() {
        // The same check against a description that lost a status a unit has, and one that lost one field.
        JsonNode units = server.get(DESPATCHER, "/api/units").json();
        String status = units.get(0).get("status").asString();
        ObjectNode wrong = (ObjectNode) docs.deepCopy();
        var statuses = (tools.jackson.databind.node.ArrayNode) wrong.get("components").get("schemas").get("Unit")
                .get("properties").get("status").get("enum");
        statuses.removeIf(s -> s.asString().equals(status));
        assertThat(validate(registry(strictCopy(wrong)), schemaOf(wrong, "/api/units", "get", 200), units))
                .as("a unit " + status + " against a description without " + status).isNotEmpty();
        ObjectNode lost = (ObjectNode) docs.deepCopy();
        ((ObjectNode) lost.get("components").get("schemas").get("Unit").get("properties")).remove("acknowledged");
        assertThat(validate(registry(strictCopy(lost)), schemaOf(lost, "/api/units", "get", 200), units))
                .as("a unit's acknowledged against a description without it").isNotEmpty();
        assertThat(validate(registry(lost), schemaOf(lost, "/api/units", "get", 200), units))
                .as("the published description leaves room for fields added later").isEmpty();
    }

    /** Every GET of the API with the reads that exercise it: each shape an answer can take, for whom it differs. */
    private static Map<String, List<Read>> reads() {
        Map<String, List<Read>> m = new LinkedHashMap<>();
        m.put("/api/incidents", List.of(get(DESPATCHER, "/api/incidents"), get(DESPATCHER, "/api/incidents?open=true"),
                get(DESPATCHER, "/api/incidents?open=false")));
        m.put("/api/incidents/{id}", List.of(get(DESPATCHER, "/api/incidents/CAD-1"),
                get(DESPATCHER, "/api/incidents/CAD-3"))); // live, and answered from the log alone
        m.put("/api/incidents/{id}/recommendations", List.of(get(DESPATCHER, "/api/incidents/CAD-1/recommendations"),
                get(DESPATCHER, "/api/incidents/CAD-2/recommendations"))); // with a scene, and without
        m.put("/api/units", List.of(get(DESPATCHER, "/api/units")));
        m.put("/api/alerts", List.of(get(CONTROLLER, "/api/alerts")));
        m.put("/api/calls/{id}", List.of(get(CALL_HANDLER, "/api/calls/C1"), get(CALL_HANDLER, "/api/calls/C3")));
        m.put("/api/schemes", List.of(get(DESPATCHER, "/api/schemes"), get(OIC, "/api/schemes")));
        m.put("/api/schemes/{id}", List.of(get(DESPATCHER, "/api/schemes/S1"), get(OIC, "/api/schemes/S1"),
                get(RTRD, "/api/schemes/S2")));
        m.put("/api/guidance", List.of(get(DESPATCHER, "/api/guidance")));
        m.put("/api/guidance/{id}", List.of(get(DESPATCHER, "/api/guidance/G1")));
        m.put("/api/notices", List.of(get(CONTROLLER, "/api/notices"),
                get(CONTROLLER, "/api/notices?limit=1&before=" + Long.MAX_VALUE)));
        m.put("/api/staff", List.of(get(ADMIN, "/api/staff")));
        m.put("/api/events", List.of(get(OIC, "/api/events"), get(DESPATCHER, "/api/events?after=3&limit=5")));
        m.put("/api/reports", List.of(get(CONTROLLER, "/api/reports"),
                get(CONTROLLER, "/api/reports?grade=I&grade=S&bcu=SE&format=json&from=2018-05-31T00:00:00Z"),
                get(CONTROLLER, "/api/reports?format=csv")));
        m.put("/api/reports/{part}", List.of(get(CONTROLLER, "/api/reports/response-times"),
                get(CONTROLLER, "/api/reports/delayed-attendance"), get(CONTROLLER, "/api/reports/diverts"),
                get(CONTROLLER, "/api/reports/schemes"), get(CONTROLLER, "/api/reports/demand")));
        m.put("/api/reports/qart", List.of(get(CONTROLLER, "/api/reports/qart"),
                get(CONTROLLER, "/api/reports/qart?format=csv")));
        m.put("/api/reports/incidents/{incidentId}/timeline",
                List.of(get(CONTROLLER, "/api/reports/incidents/CAD-2/timeline"),
                        get(CONTROLLER, "/api/reports/incidents/CAD-2/timeline?format=csv")));
        m.put("/api/reports/incidents/{incidentId}/eido",
                List.of(get(CONTROLLER, "/api/reports/incidents/CAD-2/eido")));
        return m;
    }

    /** Whether the operation takes an id in its path (not one of a list: {@code /api/reports/{part}}). */
    private static boolean freeText(JsonNode operation) {
        return operation.path("parameters").valueStream().anyMatch(p -> p.get("in").asString().equals("path")
                && !p.path("schema").has("enum"));
    }

    /** The answer to {@code read}, which should be {@code status}, against what the operation documents for it. */
    private static List<String> check(JsonNode operation, Read read, int status) {
        String what = read.method() + " " + read.path() + " as " + read.who() + ": ";
        HttpRequest.Builder request = HttpRequest.newBuilder(server.base().resolve(read.path()))
                .method(read.method(), read.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(read.body()));
        List<String> problems = new ArrayList<>();
        if (read.body() != null) {
            request.header("Content-Type", "application/json");
            JsonNode sent = tools.jackson.databind.json.JsonMapper.builder().build().readTree(read.body());
            validate(published, operation.path("requestBody").path("content").path("application/json")
                    .path("schema"), sent).forEach(e -> problems.add(what + "the body sent: " + e));
        }
        problems.addAll(queryAsDescribed(operation, read.path()).stream().map(e -> what + e).toList());
        TestServer.Response r = server.send(server.login().as(request, read.who()));
        if (r.status() != status) {
            problems.add(what + "answered " + r.status() + ", not " + status + ": " + r.body());
            return problems;
        }
        JsonNode documented = operation.path("responses").path(String.valueOf(status)).path("content");
        String type = r.contentType().split(";")[0].trim();
        if (!documented.has(type)) {
            problems.add(what + status + " " + type + " is not documented (" + documented.propertyNames() + ")");
            return problems;
        }
        if (!type.endsWith("json")) {
            return problems; // CSV: documented as text
        }
        JsonNode body = r.json();
        if (status < 300 && body.isArray() && body.isEmpty()) {
            problems.add(what + "an empty list checks nothing: the story should put something in it");
        }
        // An answer against the strict copy; a problem against the description as published (RFC 9457 allows more).
        validate(status < 300 ? strict : published, documented.get(type).get("schema"), body)
                .forEach(e -> problems.add(what + e));
        return problems;
    }

    /** Each query parameter of {@code path} as its documented schema reads it (a client would send it so). */
    private static List<String> queryAsDescribed(JsonNode operation, String path) {
        List<String> problems = new ArrayList<>();
        String query = java.net.URI.create(path).getQuery();
        if (query == null) {
            return problems;
        }
        for (String pair : query.split("&")) {
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            JsonNode param = operation.path("parameters").valueStream().filter(p -> p.get("name").asString()
                    .equals(name) && p.get("in").asString().equals("query")).findFirst().orElse(null);
            if (param == null) {
                problems.add("the query parameter " + name + " is not described");
                continue;
            }
            JsonNode schema = param.get("schema");
            if (schema.path("type").asString("").equals("array")) {
                schema = schema.get("items"); // a repeatable parameter: each value is one item
            }
            var nodes = tools.jackson.databind.node.JsonNodeFactory.instance;
            JsonNode typed = switch (schema.path("type").asString("")) {
                case "boolean" -> value.equals("true") || value.equals("false")
                        ? nodes.booleanNode(Boolean.parseBoolean(value)) : nodes.stringNode(value);
                case "integer" -> value.matches("-?\\d+") ? nodes.numberNode(Long.parseLong(value))
                        : nodes.stringNode(value);
                default -> nodes.stringNode(value);
            };
            validate(published, schema, typed).forEach(e -> problems.add(name + "=" + value + ": " + e));
        }
        return problems;
    }

    /** {@code answer} against {@code schema}, an operation's: its references are to the description's components. */
    private static List<String> validate(SchemaRegistry registry, JsonNode schema, JsonNode answer) {
        JsonNode rooted = schema.deepCopy();
        absolute(rooted);
        Schema s = registry.getSchema(SchemaLocation.of(DOCS + "/answer"), rooted);
        return s.validate(answer).stream().map(com.networknt.schema.Error::toString).toList();
    }

    private static void absolute(JsonNode node) {
        if (node instanceof ObjectNode o && o.path("$ref").isString()) {
            o.put("$ref", DOCS + o.get("$ref").asString());
        }
        node.forEach(EveryAnswerIsAsTheDescriptionSays::absolute);
    }

    private static JsonNode schemaOf(JsonNode description, String path, String method, int status) {
        return description.get("paths").get(path).get(method).get("responses").get(String.valueOf(status))
                .get("content").get("application/json").get("schema");
    }

    /** The OpenAPI 3.1 dialect of JSON Schema, {@code #/components/...} read from {@code description}. */
    private static SchemaRegistry registry(JsonNode description) {
        return SchemaRegistry.withDialect(Dialects.getOpenApi31(), b -> b
                .schemas(Map.of(DOCS, description.toString()))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /** The description with {@code additionalProperties: false} on every object schema that does not say otherwise. */
    private static JsonNode strictCopy(JsonNode description) {
        JsonNode copy = description.deepCopy();
        strict(copy);
        return copy;
    }

    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode o && o.path("properties").isObject() && !o.has("additionalProperties")) {
            o.put("additionalProperties", false);
        }
        node.forEach(EveryAnswerIsAsTheDescriptionSays::strict);
    }

    /** A request as the story sends it: {@code body} null for none. */
    private record Read(String method, String who, String path, String body) {}

    private static Read get(String who, String path) {
        return new Read("GET", who, path, null);
    }

    private static Read post(String who, String path) {
        return new Read("POST", who, path, null);
    }

    private static void ok(String who, String command) {
        TestServer.Response r = server.command(who, command);
        assertThat(r.status()).as(command + ": " + r.body()).isEqualTo(200);
    }

    private static String unit(String id, String callSign, double lat, double lon) {
        return "{\"do\":\"AddUnit\",\"unitId\":\"" + id + "\",\"callSign\":\"" + callSign + "\",\"bcu\":\"SE\","
                + "\"location\":{\"lat\":" + lat + ",\"lon\":" + lon + "}}";
    }
}
