package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.core.Role;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.SseClient;
import vigil.server.testing.TempDirs;
import vigil.server.testing.TestServer;

/**
 * Every endpoint of the API, asked by every role of the demo room and by nobody: reads by anyone logged in, accounts
 * by the administrator alone, each command by the roles the scenario contract names (the engine decides, the web only
 * says who is asking), nothing at all without a login. A scheme's victim details reach RTRD, OIC and CRIME_MANAGER and
 * no one else, in reads and in the event log alike, and each time they do it is recorded.
 */
class EveryEndpointLetsInOnlyTheRolesItShould {
    /** Nobody first and the administrator last, so the administrator's removals come after everyone else's tries. */
    private static final List<Role> CALLERS = new ArrayList<>();
    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    private static final Set<Role> VICTIM_DETAILS = EnumSet.of(Role.RTRD, Role.OIC, Role.CRIME_MANAGER);

    private static Path data;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static SharedPostgres.Db db;
    private static TestServer server;
    /** The demo room's login of each role (demo-users.txt). */
    private static final Map<Role, String> USERS = new LinkedHashMap<>();

    static {
        CALLERS.add(null);
        for (Role r : Role.values()) {
            if (r != Role.ADMIN) {
                CALLERS.add(r);
            }
        }
        CALLERS.add(Role.ADMIN);
    }

    @BeforeAll
    static void aDemoRoomWithAnIncidentAndASchemeWithItsVictimsDetails() throws Exception {
        data = Files.createTempDirectory("vigil-roles");
        db = SharedPostgres.newDatabase();
        Map<String, Object> settings = new LinkedHashMap<>(db.settings());
        settings.put("vigil.demo", true);
        server = TestServer.start(settings, data, null);
        server.awaitUp();
        for (String line : Files.readAllLines(data.resolve("demo-users.txt"))) {
            String[] f = line.split(" ");
            USERS.put(Role.valueOf(f[0]), f[1]);
        }
        assertThat(USERS.keySet()).as("demo-users.txt names one login of every role").isEqualTo(EVERYONE);

        ok(command(Role.CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C1\",\"cli\":\"07700 900123\"}"));
        ok(command(Role.CALL_HANDLER, "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-1\",\"callId\":\"C1\","
                + "\"grade\":\"S\"}"));
        ok(command(Role.OIC, requestScheme("S1")));
        ok(command(Role.DUTY_OFFICER, "{\"do\":\"PublishGuidance\",\"guidanceId\":\"SOP-1\",\"title\":\"t\","
                + "\"text\":\"x\",\"roles\":[\"DESPATCHER\"]}"));
        for (String body : List.of("{\"staffId\":\"target\",\"role\":\"DESPATCHER\",\"bcu\":\"SE\"}",
                "{\"staffId\":\"leaver\",\"role\":\"DESPATCHER\",\"bcu\":\"SE\"}")) {
            TestServer.Response r = send(Role.ADMIN, "POST", "/api/staff", body);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        TempDirs.delete(data);
    }

    private record Endpoint(String method, String path, String body, Set<Role> allowed) {
        /** A body of its own for each caller, where the request makes something new. */
        String bodyFor(Role caller) {
            return body == null ? null : body.replace("%who", caller == null ? "nobody"
                    : caller.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
    }

    private static final List<Endpoint> READS = List.of(
            new Endpoint("GET", "/api/incidents", null, EVERYONE),
            new Endpoint("GET", "/api/incidents?open=true", null, EVERYONE),
            new Endpoint("GET", "/api/incidents/CAD-1", null, EVERYONE),
            new Endpoint("GET", "/api/incidents/CAD-1/recommendations", null, EVERYONE),
            new Endpoint("GET", "/api/units", null, EVERYONE),
            new Endpoint("GET", "/api/calls/C1", null, EVERYONE),
            new Endpoint("GET", "/api/schemes", null, EVERYONE),
            new Endpoint("GET", "/api/schemes/S1", null, EVERYONE),
            new Endpoint("GET", "/api/alerts", null, EVERYONE),
            new Endpoint("GET", "/api/notices", null, EVERYONE),
            new Endpoint("GET", "/api/guidance", null, EVERYONE),
            new Endpoint("GET", "/api/guidance/SOP-1", null, EVERYONE),
            new Endpoint("GET", "/api/events?after=0&limit=10", null, EVERYONE),
            new Endpoint("GET", "/api/reports", null, EVERYONE),
            new Endpoint("GET", "/api/reports/demand?format=csv", null, EVERYONE),
            new Endpoint("GET", "/api/reports/qart", null, EVERYONE),
            new Endpoint("GET", "/api/reports/incidents/CAD-1/timeline", null, EVERYONE),
            new Endpoint("GET", "/api/reports/incidents/CAD-1/eido", null, EVERYONE));

    private static final List<Endpoint> ACCOUNTS = List.of(
            new Endpoint("GET", "/api/staff", null, EnumSet.of(Role.ADMIN)),
            new Endpoint("POST", "/api/staff", "{\"staffId\":\"new-%who\",\"role\":\"CALL_HANDLER\",\"bcu\":\"SE\"}",
                    EnumSet.of(Role.ADMIN)),
            new Endpoint("POST", "/api/staff", "{\"role\":\"UNIT\",\"unitId\":\"CE-1\"}", EnumSet.of(Role.ADMIN)),
            new Endpoint("PUT", "/api/staff/target/password", "{\"password\":\"a-password-for-%who\"}",
                    EnumSet.of(Role.ADMIN)),
            new Endpoint("PUT", "/api/staff/target/email", "{\"email\":\"%who@example.org\"}", EnumSet.of(Role.ADMIN)),
            new Endpoint("DELETE", "/api/staff/leaver", null, EnumSet.of(Role.ADMIN)));

    /** Each command of the contract, about ids that are new or unknown: only its roles get past the engine's check. */
    private static final List<Endpoint> COMMANDS = List.of(
            command("{\"do\":\"RecordCall\",\"callId\":\"C-%who\"}", Role.CALL_HANDLER),
            command("{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-%who\",\"callId\":\"NONE\",\"grade\":\"S\"}",
                    Role.CALL_HANDLER),
            command("{\"do\":\"LinkCall\",\"callId\":\"NONE\",\"incidentId\":\"NONE\"}", Role.CALL_HANDLER),
            command("{\"do\":\"Regrade\",\"incidentId\":\"NONE\",\"grade\":\"I\",\"reason\":\"r\"}", Role.CALL_HANDLER,
                    Role.CONTROLLER),
            command("{\"do\":\"AssignUnit\",\"incidentId\":\"NONE\",\"unitId\":\"SE-2\"}", Role.DESPATCHER,
                    Role.CONTROLLER, Role.INSPECTOR),
            command("{\"do\":\"DivertUnit\",\"unitId\":\"SE-2\",\"toIncidentId\":\"NONE\",\"reason\":\"r\"}",
                    Role.DESPATCHER, Role.CONTROLLER, Role.INSPECTOR),
            command("{\"do\":\"AcknowledgeAssignment\",\"incidentId\":\"NONE\",\"unitId\":\"SE-1\"}", Role.UNIT,
                    Role.DESPATCHER),
            command("{\"do\":\"ArriveAtScene\",\"incidentId\":\"NONE\",\"unitId\":\"SE-1\"}", Role.UNIT,
                    Role.DESPATCHER),
            command("{\"do\":\"CloseIncident\",\"incidentId\":\"NONE\",\"disposition\":\"d\"}", Role.DESPATCHER,
                    Role.CONTROLLER, Role.INSPECTOR),
            command("{\"do\":\"ReviewDivert\",\"incidentId\":\"NONE\",\"decision\":\"APPROVE\",\"note\":\"n\"}",
                    Role.CONTROLLER),
            command("{\"do\":\"ChallengeOverride\",\"incidentId\":\"NONE\",\"note\":\"n\"}", Role.DESPATCHER),
            command("{\"do\":\"ResolveChallenge\",\"incidentId\":\"NONE\",\"decision\":\"UPHOLD_OVERRIDE\","
                    + "\"note\":\"n\"}", Role.DUTY_OFFICER),
            command("{\"do\":\"TaskReallocation\",\"incidentId\":\"NONE\",\"note\":\"n\"}", Role.INSPECTOR),
            command("{\"do\":\"RecordDivertAudit\",\"incidentId\":\"NONE\",\"outcome\":\"APPROPRIATE\",\"note\":\"n\"}",
                    Role.QA_REVIEWER),
            command("{\"do\":\"RequestUrgentReview\",\"incidentId\":\"NONE\",\"note\":\"n\"}", Role.INSPECTOR,
                    Role.DUTY_OFFICER),
            command(requestScheme("S-%who"), Role.OIC),
            command("{\"do\":\"ActivateScheme\",\"schemeId\":\"NONE\"}", Role.RTRD),
            command("{\"do\":\"RejectScheme\",\"schemeId\":\"NONE\",\"reason\":\"r\"}", Role.RTRD),
            command("{\"do\":\"RecordVictimContact\",\"schemeId\":\"NONE\",\"method\":\"phone\",\"outcome\":\"CONTACTED\","
                    + "\"explained\":[\"SCHEME\"]}", Role.OIC),
            command("{\"do\":\"ReviewScheme\",\"schemeId\":\"NONE\",\"decision\":\"EXTEND\",\"note\":\"n\"}", Role.OIC,
                    Role.CRIME_MANAGER),
            command("{\"do\":\"AddStaff\",\"staffId\":\"added-%who\",\"role\":\"OIC\",\"bcu\":\"SE\"}", Role.ADMIN),
            command("{\"do\":\"RemoveStaff\",\"staffId\":\"NONE\"}", Role.ADMIN),
            command("{\"do\":\"AddUnit\",\"unitId\":\"U-%who\",\"callSign\":\"X1\",\"bcu\":\"SE\"}", Role.ADMIN),
            command("{\"do\":\"RetireUnit\",\"unitId\":\"NONE\"}", Role.ADMIN),
            command("{\"do\":\"ReportUnitLocation\",\"unitId\":\"SE-1\",\"location\":{\"lat\":51.5,\"lon\":-0.1}}",
                    Role.UNIT, Role.DESPATCHER),
            command("{\"do\":\"PublishGuidance\",\"guidanceId\":\"G-%who\",\"title\":\"t\",\"text\":\"x\","
                    + "\"roles\":[\"CONTROLLER\"]}", Role.ADMIN, Role.DUTY_OFFICER),
            command("{\"do\":\"ConfirmGuidance\",\"guidanceId\":\"SOP-1\"}", Role.DESPATCHER));

    @Test
    void onlyTheRightRolesGetThrough() {
        List<String> wrong = new ArrayList<>();
        for (List<Endpoint> group : List.of(READS, ACCOUNTS, COMMANDS)) {
            for (Endpoint e : group) {
                for (Role caller : CALLERS) {
                    TestServer.Response r = send(caller, e.method(), e.path(), e.bodyFor(caller));
                    String cell = e.method() + " " + e.path() + (group == COMMANDS ? " " + e.body() : "") + " as "
                            + caller + ": " + r.status() + " " + r.body();
                    if (caller == null) {
                        check(wrong, cell, r.status() == 401 && isProblem(r));
                    } else if (e.allowed().contains(caller)) {
                        check(wrong, cell, r.status() < 400 || group == COMMANDS && r.status() != 401
                                && r.status() != 403 && r.status() != 400);
                    } else {
                        check(wrong, cell, r.status() == 403 && isProblem(r)
                                && "NOT_PERMITTED".equals(r.json().path("reason").asString(null)));
                    }
                }
            }
        }
        assertThat(wrong).as("endpoint × role answers that are not as they should be").isEmpty();
        assertThat(server.health().status()).as("health needs no login").isEqualTo(200);
    }

    /**
     * Everyone has a mailbox and marks their own notices read; nobody reaches another's (their notice is answered as
     * one that does not exist), and nobody without a login reaches any.
     */
    @Test
    void everyoneReadsTheirOwnNoticesAndNoOneElses() {
        // The guidance for despatchers told the despatcher; nobody else has a notice of it.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> get(Role.DESPATCHER,
                "/api/notices").get("notices").size() > 0);
        long theirs = get(Role.DESPATCHER, "/api/notices").get("notices").get(0).get("id").asLong();
        for (Role caller : CALLERS) {
            TestServer.Response r = send(caller, "POST", "/api/notices/" + theirs + "/read", null);
            if (caller == null) {
                assertThat(r.status()).isEqualTo(401);
            } else if (caller == Role.DESPATCHER) {
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().get("read").asBoolean()).isTrue();
            } else {
                assertThat(r.status()).as("%s: %s", caller, r.body()).isEqualTo(404);
                assertThat(isProblem(r)).isTrue();
            }
        }
        assertThat(send(null, "GET", "/api/notices", null).status()).isEqualTo(401);
    }

    @Test
    void victimDetailsReachOnlyTheRolesNamedAndEachReadIsRecorded() throws Exception {
        for (Role caller : EVERYONE) {
            boolean shown = VICTIM_DETAILS.contains(caller);
            long before = readsRecorded(USERS.get(caller));
            JsonNode scheme = get(caller, "/api/schemes/S1");
            JsonNode listed = stream(get(caller, "/api/schemes")).filter(s -> s.get("schemeId").asString()
                    .equals("S1")).findFirst().orElseThrow();
            JsonNode requested = stream(get(caller, "/api/events?after=0&limit=10000"))
                    .filter(e -> e.get("type").asString().equals("SchemeRequested")
                            && e.get("schemeId").asString().equals("S1")).findFirst().orElseThrow();
            JsonNode streamed = streamedSchemeRequest(caller, "S1");
            for (JsonNode n : List.of(scheme, listed, requested, streamed)) {
                assertThat(n.has("victimName")).as("victimName for %s in %s", caller, n).isEqualTo(shown);
                assertThat(n.has("preferredContact")).as("preferredContact for %s in %s", caller, n)
                        .isEqualTo(shown);
                assertThat(n.get("oic").asString()).as("the rest of the form for %s", caller).isEqualTo("oic");
            }
            if (shown) {
                assertThat(scheme.get("victimName").asString()).isEqualTo("Jane Doe");
                assertThat(requested.get("preferredContact").get("detail").asString()).isEqualTo("07700 900999");
            }
            assertThat(readsRecorded(USERS.get(caller)) - before).as("reads recorded for %s", caller)
                    .isEqualTo(shown ? 4 : 0);
        }
        try (Connection c = db.connectAsOwner(); PreparedStatement s = c.prepareStatement(
                "select role, path, scheme_ids[1] from victim_detail_read where staff_id = 'rtrd' order by id")) {
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("RTRD");
                assertThat(rs.getString(2)).isEqualTo("GET /api/schemes/S1");
                assertThat(rs.getString(3)).isEqualTo("S1");
            }
        }
    }

    /** The {@code SchemeRequested} of {@code schemeId} as the live stream gives it to {@code caller}. */
    private static JsonNode streamedSchemeRequest(Role caller, String schemeId) {
        try (SseClient stream = SseClient.open(server, "/api/events/stream?after=0", USERS.get(caller))) {
            while (true) {
                SseClient.Frame f = stream.nextEvent(Duration.ofSeconds(10));
                assertThat(f).as("the stream carries the scheme's request to %s", caller).isNotNull();
                if ("SchemeRequested".equals(f.event())) {
                    JsonNode n = JSON.readTree(f.data());
                    if (n.get("schemeId").asString().equals(schemeId)) {
                        return n;
                    }
                }
            }
        }
    }

    @Test
    void noAnswerNamesAClassAStackTraceOrSql() {
        Role ch = Role.CALL_HANDLER;
        List<TestServer.Response> answers = List.of(
                send(ch, "GET", "/api/nothing-here", null),
                send(ch, "DELETE", "/api/units", null),
                send(ch, "POST", "/api/incidents", "{}"),
                server.send(server.login().as(HttpRequest.newBuilder(server.base().resolve(
                        "/api/units")).header("Accept", "text/html").GET(), USERS.get(ch))),
                send(ch, "GET", "/api/incidents?open=perhaps", null),
                send(ch, "GET", "/api/incidents/NONE", null),
                send(ch, "GET", "/api/calls/NONE", null),
                send(ch, "GET", "/api/schemes/NONE", null),
                send(Role.ADMIN, "POST", "/api/staff", "{\"staffId\":\"x\",\"role\":\"NOT_A_ROLE\"}"),
                send(Role.ADMIN, "PUT", "/api/staff/target/password", "{\"password\":\"short\"}"),
                send(Role.ADMIN, "PUT", "/api/staff/target/email", "{\"email\":\"not an address\"}"),
                send(null, "GET", "/api/units", null));
        for (TestServer.Response r : answers) {
            assertThat(r.status()).as(r.body()).isBetween(400, 499);
            assertThat(isProblem(r)).as(r.contentType() + " " + r.body()).isTrue();
            assertThat(r.body()).doesNotContain("Exception", "java.", "org.springframework", "vigil.", "select ",
                    "SQL", "\tat ");
        }
        assertThat(answers.stream().map(TestServer.Response::status)).containsExactly(404, 405, 405, 406, 400, 404,
                404, 404, 400, 400, 400, 401);
    }

    private static void check(List<String> wrong, String cell, boolean ok) {
        if (!ok) {
            wrong.add(cell);
        }
    }

    private static boolean isProblem(TestServer.Response r) {
        return r.contentType().startsWith("application/problem+json") && r.json().get("status").asInt() == r.status();
    }

    private static Endpoint command(String body, Role... roles) {
        return new Endpoint("POST", "/api/commands", body, roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles));
    }

    private static String requestScheme(String id) {
        return "{\"do\":\"RequestScheme\",\"schemeId\":\"" + id + "\",\"address\":\"1 High Street, London SE1 1AA\","
                + "\"clis\":[\"07700 900999\"],\"victimName\":\"Jane Doe\",\"preferredContact\":{\"method\":\"phone\","
                + "\"detail\":\"07700 900999\"},\"oic\":\"oic\",\"bcu\":\"SE\",\"crimeRef\":\"CR-1\","
                + "\"instructions\":\"Attend as an emergency\",\"requiredGrade\":\"I\"}";
    }

    private static long readsRecorded(String staffId) throws Exception {
        try (Connection c = db.connectAsOwner();
             PreparedStatement s = c.prepareStatement("select count(*) from victim_detail_read where staff_id = ?")) {
            s.setString(1, staffId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return array.valueStream();
    }

    private static JsonNode get(Role caller, String path) {
        TestServer.Response r = send(caller, "GET", path, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static TestServer.Response command(Role caller, String body) {
        return send(caller, "POST", "/api/commands", body);
    }

    private static void ok(TestServer.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static TestServer.Response send(Role caller, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.base().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return server.send(caller == null ? b : server.login().as(b, USERS.get(caller)));
    }
}
