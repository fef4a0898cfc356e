package vigil.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.testing.Commands.ADMIN;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.core.Role;
import vigil.server.testing.Commands;
import vigil.server.testing.Login;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * Staff log in as themselves: the login is the command's actor whatever the request says, and a wrong password, no
 * login or a header naming someone is 401. An empty install opens with a demo room whose random passwords only
 * demo-users.txt holds, written once, for its owner's eyes. The administrator adds staff who can then log in, and
 * removes staff who then cannot; a unit's terminal acts as its unit and for nothing else.
 */
class StaffLogInAsThemselvesAndNoOneElse {

    @Test
    void anEmptyInstallOpensWithADemoRoomWhosePasswordsOnlyItsOwnerCanRead(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        Map<String, Object> settings = new LinkedHashMap<>(db.settings());
        settings.put("vigil.demo", true);
        Path file = data.resolve("demo-users.txt");
        List<String> lines;
        FileTime written;
        int events;
        try (TestServer server = TestServer.start(settings, data, null)) {
            server.awaitUp();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            lines = Files.readAllLines(file);
            written = Files.getLastModifiedTime(file);
            assertThat(lines).allMatch(l -> l.split(" ").length == 3);
            assertThat(lines.stream().map(l -> l.split(" ")[0]))
                    .containsExactlyInAnyOrder(java.util.Arrays.stream(Role.values()).map(Role::name)
                            .toArray(String[]::new));
            List<String> passwords = lines.stream().map(l -> l.split(" ")[2]).toList();
            assertThat(passwords).doesNotHaveDuplicates().allMatch(p -> p.length() >= 20);

            for (String line : lines) {
                String[] f = line.split(" ");
                assertThat(basic(server, f[1], f[2], "/api/events?limit=1").status()).as(line).isEqualTo(200);
            }
            List<JsonNode> log = server.events();
            assertThat(log.stream().filter(e -> e.get("type").asString().equals("UnitAdded"))
                    .map(e -> e.get("bcu").asString()).collect(Collectors.toSet())).hasSize(2);
            assertThat(log.stream().filter(e -> e.get("type").asString().equals("StaffAdded"))
                    .map(e -> e.get("bcu").asString())).hasSize(Role.values().length - 2).containsOnly("SE");
            JsonNode accounts = server.get(ADMIN, "/api/staff").json();
            assertThat(accounts.valueStream().filter(a -> !a.get("role").asString().equals("ADMIN")))
                    .allSatisfy(a -> assertThat(a.get("email").asString())
                            .isEqualTo(a.get("staffId").asString() + "@demo.vigil.invalid"));
            assertThat(accounts.valueStream().filter(a -> a.get("role").asString().equals("UNIT"))
                    .map(a -> a.get("unitId").asString())).containsExactly("SE-1");
            events = log.size();
        }
        try (TestServer again = TestServer.startUp(db, data, null)) {
            assertThat(Files.readAllLines(file)).as("written once").isEqualTo(lines);
            assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
            String[] admin = lines.stream().filter(l -> l.startsWith("ADMIN ")).findFirst().orElseThrow().split(" ");
            assertThat(basic(again, admin[1], admin[2], "/api/events?limit=1").status()).isEqualTo(200);
            assertThat(again.events()).as("no second demo room").hasSize(events);
        }
    }

    @Test
    void aWrongPasswordNoLoginOrAHeaderNamingSomeoneIs401AndTheLoginIsTheActor(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            String password = server.login().password("ch1");
            List<TestServer.Response> refused = List.of(
                    server.command(null, Commands.recordCall("C1")),
                    server.send(HttpRequest.newBuilder(server.base().resolve("/api/commands"))
                            .header("Content-Type", "application/json").header("Vigil-Actor", "ADMIN admin")
                            .POST(HttpRequest.BodyPublishers.ofString(Commands.recordCall("C1")))),
                    basic(server, "ch1", password + "x", "/api/events"),
                    basic(server, "ch1", "", "/api/events"),
                    basic(server, "nobody", password, "/api/events"),
                    basic(server, "dsp1", password, "/api/events"));
            for (TestServer.Response r : refused) {
                assertThat(r.status()).as(r.body()).isEqualTo(401);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.json().get("status").asInt()).isEqualTo(401);
                assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
            }
            // A page's own request is not answered with a challenge: the browser would pop up its login dialog.
            TestServer.Response fromAPage = server.send(HttpRequest.newBuilder(server.base().resolve("/api/alerts"))
                    .header("Sec-Fetch-Mode", "cors").GET());
            assertThat(fromAPage.status()).isEqualTo(401);
            assertThat(fromAPage.header("WWW-Authenticate")).isNull();

            TestServer.Response asSomeoneElse = server.command(Commands.CALL_HANDLER,
                    "{\"do\":\"RecordCall\",\"callId\":\"C1\",\"by\":\"admin\"}");
            assertThat(asSomeoneElse.status()).isEqualTo(400);
            assertThat(asSomeoneElse.json().get("field").asString()).isEqualTo("by");
            TestServer.Response own = server.command(Commands.CALL_HANDLER, Commands.recordCall("C1"),
                    Map.of("Vigil-Actor", "ADMIN admin"));
            assertThat(own.status()).isEqualTo(200);
            assertThat(own.json().get("events").get(0).get("by").asString()).isEqualTo("ch1");
            // The call handler is not an administrator, whatever it sends: the engine refuses and records it.
            TestServer.Response notAdmin = server.command(Commands.CALL_HANDLER,
                    Commands.addStaff("ch9", "ADMIN", "SE"), Map.of("Vigil-Actor", "ADMIN admin"));
            assertThat(notAdmin.status()).isEqualTo(403);
            assertThat(notAdmin.json().get("reason").asString()).isEqualTo("NOT_PERMITTED");
            assertThat(server.events().getLast().get("by").asString()).isEqualTo("ch1");
        }
    }

    @Test
    void theAdministratorAddsAMemberOfStaffWhoCanThenLogInAndAct(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null)) {
            TestServer.Response added = post(server, ADMIN, "/api/staff",
                    "{\"staffId\":\"ch7\",\"role\":\"CALL_HANDLER\",\"bcu\":\"SE\",\"email\":\"ch7@met.example\"}");
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            String password = added.json().get("password").asString();
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            assertThat(added.json().get("events").get(0).get("type").asString()).isEqualTo("StaffAdded");
            assertThat(added.json().get("account").get("email").asString()).isEqualTo("ch7@met.example");
            JsonNode inTheLog = server.events().getLast();
            assertThat(inTheLog.get("type").asString()).isEqualTo("StaffAdded");
            assertThat(inTheLog.get("by").asString()).as("audited: who added them").isEqualTo("admin");

            TestServer.Response acts = server.send(HttpRequest.newBuilder(server.base().resolve("/api/commands"))
                    .header("Authorization", Login.basic("ch7", password)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Commands.recordCall("C7"))));
            assertThat(acts.status()).as(acts.body()).isEqualTo(200);
            assertThat(acts.json().get("events").get(0).get("by").asString()).isEqualTo("ch7");

            // A password the administrator chooses; too short a one is refused, naming the field.
            TestServer.Response chosen = post(server, ADMIN, "/api/staff",
                    "{\"staffId\":\"dsp7\",\"role\":\"DESPATCHER\",\"password\":\"correct horse battery\"}");
            assertThat(chosen.status()).isEqualTo(201);
            assertThat(chosen.json().has("password")).as("a chosen password is not echoed").isFalse();
            assertThat(basic(server, "dsp7", "correct horse battery", "/api/units").status()).isEqualTo(200);
            TestServer.Response weak = post(server, ADMIN, "/api/staff",
                    "{\"staffId\":\"dsp8\",\"role\":\"DESPATCHER\",\"password\":\"short\"}");
            assertThat(weak.status()).isEqualTo(400);
            assertThat(weak.json().get("field").asString()).isEqualTo("password");

            // Only the administrator: anyone else's AddStaff is refused by the engine, and recorded.
            TestServer.Response byTheCallHandler = server.send(HttpRequest.newBuilder(server.base().resolve(
                            "/api/staff")).header("Authorization", Login.basic("ch7", password))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"staffId\":\"ch8\",\"role\":\"ADMIN\"}")));
            assertThat(byTheCallHandler.status()).isEqualTo(403);
            assertThat(byTheCallHandler.json().get("reason").asString()).isEqualTo("NOT_PERMITTED");
            assertThat(server.events().getLast().get("type").asString()).isEqualTo("CommandRejected");
            TestServer.Response again = post(server, ADMIN, "/api/staff", "{\"staffId\":\"ch7\",\"role\":\"OIC\"}");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("reason").asString()).isEqualTo("DUPLICATE_ID");
        }
    }

    @Test
    void aRemovedMemberOfStaffCanNoLongerAct(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            assertThat(server.command(Commands.CALL_HANDLER, Commands.recordCall("C1")).status()).isEqualTo(200);
            String password = server.login().password("ch1");

            TestServer.Response removed = server.send(server.login().as(HttpRequest.newBuilder(
                    server.base().resolve("/api/staff/ch1")).DELETE(), ADMIN));
            assertThat(removed.status()).as(removed.body()).isEqualTo(200);
            assertThat(removed.json().get("events").get(0).get("type").asString()).isEqualTo("StaffRemoved");

            assertThat(server.command(Commands.CALL_HANDLER, Commands.recordCall("C2")).status()).isEqualTo(401);
            assertThat(basic(server, "ch1", password, "/api/incidents").status()).isEqualTo(401);
            JsonNode account = server.get(ADMIN, "/api/staff").json().valueStream()
                    .filter(a -> a.get("staffId").asString().equals("ch1")).findFirst().orElseThrow();
            assertThat(account.get("enabled").asBoolean()).isFalse();
            // Even given a new password, the account stays shut; and its id is never anyone else's.
            assertThat(put(server, "/api/staff/ch1/password", "{}").status()).isEqualTo(200);
            assertThat(server.command(Commands.CALL_HANDLER, Commands.recordCall("C3")).status()).isEqualTo(401);
            assertThat(server.command(ADMIN, Commands.addStaff("ch1", "CALL_HANDLER", "SE")).json().get("reason")
                    .asString()).isEqualTo("DUPLICATE_ID");
        }
    }

    @Test
    void aBareAddStaffMakesAnAccountThatLogsInOnceTheAdministratorGivesItAPassword(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null)) {
            assertThat(server.command(ADMIN, Commands.addStaff("ctl1", "CONTROLLER", "SE")).status()).isEqualTo(200);
            JsonNode ctl = server.get(ADMIN, "/api/staff").json().valueStream()
                    .filter(a -> a.get("staffId").asString().equals("ctl1")).findFirst().orElseThrow();
            assertThat(ctl.get("hasPassword").asBoolean()).isFalse();
            assertThat(ctl.get("enabled").asBoolean()).isTrue();
            assertThat(basic(server, "ctl1", "", "/api/units").status()).isEqualTo(401);

            TestServer.Response set = put(server, "/api/staff/ctl1/password", "{}");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            String password = set.json().get("password").asString();
            assertThat(basic(server, "ctl1", password, "/api/units").status()).isEqualTo(200);
            assertThat(put(server, "/api/staff/ctl1/email", "{\"email\":\"ctl1@met.example\"}").json().get("email")
                    .asString()).isEqualTo("ctl1@met.example");
        }
    }

    @Test
    void aUnitsTerminalActsAsItsUnitForItsOwnCommandsOnly(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            assertThat(server.command(ADMIN, Commands.addUnit("U1", "MD21")).status()).isEqualTo(200);
            assertThat(server.command(ADMIN, Commands.addUnit("U2", "MD22")).status()).isEqualTo(200);
            TestServer.Response terminal = post(server, ADMIN, "/api/staff", "{\"role\":\"UNIT\",\"unitId\":\"U1\"}");
            assertThat(terminal.status()).as(terminal.body()).isEqualTo(201);
            String password = terminal.json().get("password").asString();
            assertThat(post(server, ADMIN, "/api/staff", "{\"role\":\"UNIT\",\"unitId\":\"U9\"}").status())
                    .isEqualTo(404);
            server.command(Commands.CALL_HANDLER, Commands.recordCall("C1"));
            server.command(Commands.CALL_HANDLER, Commands.createIncident("CAD-1", "C1", "I"));
            server.command(Commands.DESPATCHER, "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-1\",\"unitId\":\"U1\"}");

            TestServer.Response ack = asTerminal(server, password,
                    "{\"do\":\"AcknowledgeAssignment\",\"incidentId\":\"CAD-1\",\"unitId\":\"U1\"}");
            assertThat(ack.status()).as(ack.body()).isEqualTo(200);
            assertThat(ack.json().get("events").get(0).get("by").asString()).isEqualTo("U1");
            for (String notItsOwn : List.of(Commands.recordCall("C2"),
                    "{\"do\":\"ArriveAtScene\",\"incidentId\":\"CAD-1\",\"unitId\":\"U2\"}")) {
                TestServer.Response r = asTerminal(server, password, notItsOwn);
                assertThat(r.status()).as(r.body()).isEqualTo(403);
                assertThat(r.json().get("reason").asString()).isEqualTo("NOT_PERMITTED");
            }
            // Retired, the unit's terminal no longer logs in.
            server.command(Commands.DESPATCHER, "{\"do\":\"CloseIncident\",\"incidentId\":\"CAD-1\","
                    + "\"disposition\":\"resolved\"}");
            assertThat(server.command(ADMIN, "{\"do\":\"RetireUnit\",\"unitId\":\"U1\"}").status()).isEqualTo(200);
            assertThat(asTerminal(server, password, "{\"do\":\"ReportUnitLocation\",\"unitId\":\"U1\","
                    + "\"location\":{\"lat\":51.5,\"lon\":-0.1}}").status()).isEqualTo(401);
        }
    }

    @Test
    void pagesLogInByAFormWithCsrfAndThePageSessionServesTheApi(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            TestServer.Response home = server.send(HttpRequest.newBuilder(server.base().resolve("/")).GET());
            assertThat(home.status()).isEqualTo(302);
            assertThat(home.header("Location")).endsWith("/login");

            TestServer.Response page = server.send(HttpRequest.newBuilder(server.base().resolve("/login")).GET());
            assertThat(page.status()).isEqualTo(200);
            String cookie = cookie(page);
            String token = page.body().replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1");
            assertThat(token).isNotBlank().doesNotContain("<");
            String password = server.login().password("ch1");

            TestServer.Response forged = form(server, null, "username=ch1&password=" + password);
            assertThat(forged.status()).as("no CSRF token, no login").isEqualTo(403);
            TestServer.Response wrong = form(server, cookie, "username=ch1&password=wrong&_csrf=" + token);
            assertThat(wrong.status()).isEqualTo(302);
            assertThat(wrong.header("Location")).contains("/login?error");
            assertThat(server.send(HttpRequest.newBuilder(server.base().resolve("/login?busy")).GET()).body())
                    .as("a password not checked for want of time is not called wrong")
                    .contains("could not be checked just now").doesNotContain("is not right");

            TestServer.Response in = form(server, cookie, "username=ch1&password=" + password + "&_csrf=" + token);
            assertThat(in.status()).isEqualTo(302);
            assertThat(in.header("Location")).doesNotContain("error");
            String session = cookie(in);

            // The page's session reads the API without a second login, and changes it only with the page's token.
            assertThat(withSession(server, session, "GET", "/api/incidents", null, null).status()).isEqualTo(200);
            TestServer.Response noToken = withSession(server, session, "POST", "/api/commands",
                    Commands.recordCall("C1"), null);
            assertThat(noToken.status()).isEqualTo(403);
            assertThat(noToken.contentType()).startsWith("application/problem+json");
            TestServer.Response withToken = withSession(server, session, "POST", "/api/commands",
                    Commands.recordCall("C1"), csrf(server, session));
            assertThat(withToken.status()).as(withToken.body()).isEqualTo(200);
            assertThat(withToken.json().get("events").get(0).get("by").asString()).isEqualTo("ch1");

            // Removed from the roster, the session stops at once.
            server.send(server.login().as(HttpRequest.newBuilder(server.base().resolve("/api/staff/ch1")).DELETE(),
                    ADMIN));
            assertThat(withSession(server, session, "GET", "/api/incidents", null, null).status()).isEqualTo(401);
        }
    }

    /**
     * A control room's server restarted mid-shift (an upgrade, a crash) keeps every page's login: the session, its
     * CSRF token with it, is in the database (ADR 121). A session this build cannot read is a login to make again,
     * never a failure of every request that brings its cookie.
     */
    @Test
    void aPageLoginOutlivesARestartOfTheServer(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        String session;
        String token;
        try (TestServer server = TestServer.startUp(db, data, null).withStaff()) {
            TestServer.Response page = server.send(HttpRequest.newBuilder(server.base().resolve("/login")).GET());
            String password = server.login().password("ch1");
            TestServer.Response in = form(server, cookie(page), "username=ch1&password=" + password + "&_csrf="
                    + page.body().replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1"));
            assertThat(in.status()).isEqualTo(302);
            session = cookie(in);
            token = csrf(server, session);
            assertThat(withSession(server, session, "GET", "/api/incidents", null, null).status()).isEqualTo(200);
        }

        try (TestServer again = TestServer.startUp(db, data, null)) {
            assertThat(withSession(again, session, "GET", "/api/incidents", null, null).status())
                    .as("the page's login, after the restart").isEqualTo(200);
            TestServer.Response sent = withSession(again, session, "POST", "/api/commands",
                    Commands.recordCall("C1"), token);
            assertThat(sent.status()).as("the page's token, kept with its session: " + sent.body()).isEqualTo(200);
            assertThat(sent.json().get("events").get(0).get("by").asString()).isEqualTo("ch1");
        }

        // A build whose classes differ from the one that wrote the session cannot read what it holds.
        try (Connection c = db.connectAsOwner(); Statement s = c.createStatement()) {
            s.execute("update spring_session_attributes set attribute_bytes = '\\xaced0005deadbeef'::bytea");
        }
        try (TestServer again = TestServer.startUp(db, data, null)) {
            TestServer.Response board = withSession(again, session, "GET", "/", null, null);
            assertThat(board.status()).as("a login to make again: " + board.body()).isEqualTo(302);
            assertThat(board.header("Location")).contains("/login");
            assertThat(withSession(again, session, "GET", "/api/incidents", null, null).status()).isEqualTo(401);
        }
    }

    @Test
    void aPageLoginLastsAsLongIdleAsTheInstallSays(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        Map<String, Object> settings = new LinkedHashMap<>(db.settings());
        settings.put("vigil.page-idle", "PT12H"); // a shift: VIGIL_PAGE_IDLE
        try (TestServer server = TestServer.start(settings, data, null)) {
            server.awaitUp();
            server.withStaff();
            String session = pageLogin(server, "ch1");
            try (Connection c = db.connectAsOwner(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select max_inactive_interval from spring_session")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("seconds a page's login may stay idle").isEqualTo(12 * 3600);
            }
            assertThat(withSession(server, session, "GET", "/api/incidents", null, null).status()).isEqualTo(200);
        }
        settings.put("vigil.page-idle", "PT1S");
        try (TestServer server = TestServer.start(settings, data, null)) {
            server.awaitUp();
            String session = pageLogin(server, "ch1");
            await().pollDelay(Duration.ofSeconds(2)).pollInterval(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20))
                    .alias("a login idle longer than the install allows has ended")
                    .until(() -> withSession(server, session, "GET", "/api/incidents", null, null).status() == 401);
        }
    }

    /** Logs {@code who} in through the login page: the session cookie. */
    private static String pageLogin(TestServer server, String who) {
        TestServer.Response page = server.send(HttpRequest.newBuilder(server.base().resolve("/login")).GET());
        TestServer.Response in = form(server, cookie(page), "username=" + who + "&password="
                + server.login().password(who) + "&_csrf="
                + page.body().replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1"));
        assertThat(in.status()).isEqualTo(302);
        return cookie(in);
    }

    @Test
    void answersCarryTheStandardSecurityHeaders(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            for (TestServer.Response r : List.of(server.get(Commands.CALL_HANDLER, "/api/units"),
                    server.get(null, "/api/units"),
                    server.send(HttpRequest.newBuilder(server.base().resolve("/login")).GET()))) {
                assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
                assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
                assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'")
                        .contains("frame-ancestors 'none'");
                assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
                assertThat(r.header("Cache-Control")).contains("no-store");
            }
            assertThat(server.health().status()).isEqualTo(200);
        }
    }

    private static TestServer.Response basic(TestServer server, String user, String password, String path) {
        return server.send(HttpRequest.newBuilder(server.base().resolve(path))
                .header("Authorization", Login.basic(user, password)).GET());
    }

    private static TestServer.Response post(TestServer server, String who, String path, String body) {
        return server.send(server.login().as(HttpRequest.newBuilder(server.base().resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), who));
    }

    private static TestServer.Response put(TestServer server, String path, String body) {
        return server.send(server.login().as(HttpRequest.newBuilder(server.base().resolve(path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)), ADMIN));
    }

    private static TestServer.Response asTerminal(TestServer server, String password, String body) {
        return server.send(HttpRequest.newBuilder(server.base().resolve("/api/commands"))
                .header("Authorization", Login.basic("U1", password)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static TestServer.Response form(TestServer server, String cookie, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.base().resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return server.send(b);
    }

    private static TestServer.Response withSession(TestServer server, String session, String method, String path,
                                                   String body, String csrf) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.base().resolve(path)).header("Cookie", session)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (csrf != null) {
            b.header("X-CSRF-TOKEN", csrf);
        }
        return server.send(b);
    }

    /** The session's CSRF token, as a page would hold it (the login form carries it). */
    private static String csrf(TestServer server, String session) {
        TestServer.Response page = server.send(HttpRequest.newBuilder(server.base().resolve("/login"))
                .header("Cookie", session).GET());
        return page.body().replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1");
    }

    private static String cookie(TestServer.Response r) {
        Set<String> set = r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(e -> e.getValue().stream()).map(v -> v.split(";", 2)[0]).collect(Collectors.toSet());
        assertThat(set).as("a session cookie").isNotEmpty();
        return String.join("; ", set);
    }
}
