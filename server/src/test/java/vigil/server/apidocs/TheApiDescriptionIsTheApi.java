package vigil.server.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Command;
import vigil.server.testing.Commands;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TempDirs;
import vigil.server.testing.TestServer;

/**
 * A client generated from {@code /v3/api-docs} talks to the real server: the description names every endpoint of
 * api.md, every command of the engine, and each command exactly as the server reads it — a body with every field
 * it describes is read (the engine may still refuse it), an optional field may be given as null (read as left out),
 * and a body without any one field it calls required is 400 naming that field. It is valid OpenAPI a reader can find their way in: no operation has two parameters of one name
 * and place, tags say what the operations are about (not which class serves them), and no JSON answer is described
 * as mere text (what each holds: EveryAnswerIsAsTheDescriptionSays).
 */
class TheApiDescriptionIsTheApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestServer server;
    private static Path data;
    private static JsonNode docs;

    @BeforeAll
    static void start() throws Exception {
        data = java.nio.file.Files.createTempDirectory("vigil-api-docs");
        server = TestServer.startUp(SharedPostgres.newDatabase(), data, null);
        TestServer.Response r = server.get(Commands.ADMIN, "/v3/api-docs");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        docs = r.json();
    }

    @AfterAll
    static void stop() {
        server.close();
        TempDirs.delete(data);
    }

    @Test
    void itDescribesCommandsEventsTheStreamReportsAndHealth() {
        JsonNode paths = docs.get("paths");
        assertThat(paths.has("/api/commands")).isTrue();
        assertThat(paths.get("/api/commands").get("post").get("requestBody").toString()).contains("Command");
        for (String p : List.of("/api/events", "/api/events/stream", "/api/reports", "/api/reports/qart",
                "/actuator/health")) {
            assertThat(paths.has(p)).as(p).isTrue();
        }
        assertThat(paths.get("/api/events/stream").get("get").get("responses").get("200").get("content")
                .has("text/event-stream")).isTrue();
        assertThat(paths.get("/api/commands").get("post").get("responses").get("409").get("content")
                .has("application/problem+json")).isTrue();
        // Swagger UI is a page: a browser logs in through the form (HTTP Basic is for the API).
        TestServer.Response ui = server.send(java.net.http.HttpRequest.newBuilder(
                server.base().resolve("/swagger-ui/index.html")).header("Cookie", pageSession()).GET());
        assertThat(ui.status()).as("Swagger UI").isEqualTo(200);
        assertThat(ui.contentType()).startsWith("text/html");
    }

    @Test
    void noOperationHasAParameterTwiceAndEveryTagSaysWhatItIsAbout() {
        List<String> problems = new ArrayList<>();
        java.util.Set<String> declared = new java.util.HashSet<>();
        docs.path("tags").forEach(t -> declared.add(t.get("name").asString()));
        for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String where = op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (JsonNode p : op.getValue().path("parameters")) {
                    // OpenAPI: unique by name and location; header names are also case-insensitive in HTTP.
                    String in = p.get("in").asString();
                    String name = p.get("name").asString();
                    if (!seen.add(in + " " + (in.equals("header") ? name.toLowerCase(java.util.Locale.ROOT) : name))) {
                        problems.add(where + ": the " + in + " parameter " + name + " twice");
                    }
                }
                for (JsonNode tag : op.getValue().path("tags")) {
                    if (tag.asString().endsWith("-controller") || !declared.contains(tag.asString())) {
                        problems.add(where + ": tag " + tag.asString());
                    }
                }
            }
        }
        assertThat(declared).noneMatch(t -> t.endsWith("-controller"));
        assertThat(problems).isEmpty();
        // ?open= is read as true or false, as a client generated from the description sends a boolean.
        JsonNode open = docs.get("paths").get("/api/incidents").get("get").get("parameters").get(0);
        assertThat(open.get("name").asString()).isEqualTo("open");
        assertThat(open.get("schema").get("type").asString()).isEqualTo("boolean");
    }

    @Test
    void everyJsonAnswerIsDescribedAsWhatItHoldsNotAsText() {
        // The controllers write JSON into a String: springdoc alone would call each such answer a string.
        List<String> text = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                for (Map.Entry<String, JsonNode> answer : op.getValue().path("responses").properties()) {
                    answer.getValue().path("content").properties().forEach(media -> {
                        JsonNode schema = media.getValue().path("schema");
                        if (media.getKey().equals("*/*") || media.getKey().contains("json")
                                && "string".equals(schema.path("type").asString(""))) {
                            text.add(op.getKey() + " " + path.getKey() + " " + answer.getKey() + " " + media.getKey());
                        }
                    });
                }
            }
        }
        assertThat(text).isEmpty();
    }

    @Test
    void everyCommandOfTheEngineIsDescribed() {
        JsonNode schemas = docs.get("components").get("schemas");
        List<String> engine = Arrays.stream(Command.class.getPermittedSubclasses()).map(Class::getSimpleName).toList();
        assertThat(engine).isNotEmpty();
        for (String name : engine) {
            assertThat(schemas.has(name)).as("the description of %s", name).isTrue();
        }
        assertThat(schemas.get("Command").get("oneOf")).hasSize(engine.size());
    }

    @Test
    void eachCommandIsReadAsDescribedWithEveryFieldAndRefusedWithoutARequiredOne() {
        JsonNode schemas = docs.get("components").get("schemas");
        List<String> problems = new ArrayList<>();
        for (JsonNode ref : schemas.get("Command").get("oneOf")) {
            String name = ref.get("$ref").asString().substring("#/components/schemas/".length());
            JsonNode schema = schemas.get(name);
            ObjectNode full = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> p : schema.get("properties").properties()) {
                full.set(p.getKey(), example(p.getKey(), p.getValue(), schemas));
            }
            TestServer.Response r = server.command(Commands.ADMIN, full.toString());
            if (r.status() == 400 || r.status() >= 500) {
                problems.add(name + " with every described field: " + r.status() + " " + r.body());
            }
            java.util.Set<String> requiredNames = new java.util.HashSet<>();
            schema.get("required").forEach(f -> requiredNames.add(f.asString()));
            for (String optional : full.propertyNames()) {
                if (requiredNames.contains(optional)) {
                    continue;
                }
                ObjectNode nulled = full.deepCopy();
                nulled.putNull(optional);
                TestServer.Response n = server.command(Commands.ADMIN, nulled.toString());
                if (n.status() == 400 || !allowsNull(schema.get("properties").get(optional))) {
                    problems.add(name + " with " + optional + " null (described as optional): " + n.status() + " "
                            + n.body());
                }
            }
            for (JsonNode required : schema.get("required")) {
                String field = required.asString();
                if (field.equals("do")) {
                    continue;
                }
                ObjectNode without = full.deepCopy();
                without.remove(field);
                TestServer.Response missing = server.command(Commands.ADMIN, without.toString());
                if (missing.status() != 400 || !field.equals(missing.json().path("field").asString())) {
                    problems.add(name + " without " + field + ": " + missing.status() + " " + missing.body());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Whether the description lets the field be JSON null. */
    private static boolean allowsNull(JsonNode schema) {
        JsonNode types = schema.has("oneOf") ? schema.get("oneOf").get(1).get("type") : schema.get("type");
        return types != null && types.isArray() && types.valueStream().anyMatch(t -> t.asString().equals("null"));
    }

    /** A value of the shape the description gives. */
    private static JsonNode example(String name, JsonNode schema, JsonNode schemas) {
        if (schema.has("$ref")) {
            return example(name, schemas.get(schema.get("$ref").asString().substring(21)), schemas);
        }
        if (schema.has("oneOf")) { // a reference or null: the reference
            return example(name, schema.get("oneOf").get(0), schemas);
        }
        if (schema.has("enum")) {
            return JSON.getNodeFactory().stringNode(schema.get("enum").get(0).asString());
        }
        JsonNode types = schema.has("type") ? schema.get("type") : schema.get("types");
        String type = types == null ? "object" : !types.isArray() ? types.asString()
                : types.valueStream().map(JsonNode::asString).filter(t -> !t.equals("null")).findFirst().orElseThrow();
        return switch (type) {
            case "string" -> JSON.getNodeFactory().stringNode(name.equals("cli") ? "07700 900123" : "X-" + name);
            case "boolean" -> JSON.getNodeFactory().booleanNode(true);
            case "number", "integer" -> JSON.getNodeFactory().numberNode(name.equals("lat") ? 51.5 : -0.09);
            case "array" -> JSON.createArrayNode().add(example(name, schema.get("items"), schemas));
            default -> {
                ObjectNode o = JSON.createObjectNode();
                for (Map.Entry<String, JsonNode> p : schema.get("properties").properties()) {
                    o.set(p.getKey(), example(p.getKey(), p.getValue(), schemas));
                }
                yield o;
            }
        };
    }

    /** The session of the administrator logged in through the login form, as a {@code Cookie} header. */
    private static String pageSession() {
        TestServer.Response page = server.send(java.net.http.HttpRequest.newBuilder(server.base().resolve("/login"))
                .GET());
        String token = page.body().replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1");
        TestServer.Response in = server.send(java.net.http.HttpRequest.newBuilder(server.base().resolve("/login"))
                .header("Cookie", cookie(page)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=admin&password="
                        + java.net.URLEncoder.encode(server.login().password(Commands.ADMIN),
                        java.nio.charset.StandardCharsets.UTF_8) + "&_csrf=" + token)));
        assertThat(in.status()).as("logged in through the form").isEqualTo(302);
        assertThat(in.header("Location")).doesNotContain("error");
        return cookie(in);
    }

    private static String cookie(TestServer.Response r) {
        return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(e -> e.getValue().stream()).map(v -> v.split(";", 2)[0])
                .collect(java.util.stream.Collectors.joining("; "));
    }
}
