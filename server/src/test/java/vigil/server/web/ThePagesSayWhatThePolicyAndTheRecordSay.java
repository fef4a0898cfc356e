package vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.ADMIN;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.DESPATCHER;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.Commands;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * Audit 9: what the pages tell the room must be what the policy and the record say. Finding 4: a force's policy sets
 * its own grade targets (VIGIL_POLICY); the call handler grading a call and the controller regrading one chose from
 * "S, Significant (60 min)" whatever the policy said, the Metropolitan default written into the page. Finding 6: an
 * attended incident whose only unit was diverted from the scene stood on the board "At scene", with nobody there.
 */
class ThePagesSayWhatThePolicyAndTheRecordSay {

    @Test
    void theCallPageAndTheIncidentPageOfferEachGradeWithThePolicysTarget(@TempDir Path data) throws Exception {
        Path policy = data.resolve("policy.json");
        Files.writeString(policy, "{\"targets\":{\"I\":\"PT10M\",\"S\":\"PT30M\",\"E\":\"PT24H\"}}");
        Map<String, Object> settings = new LinkedHashMap<>(SharedPostgres.newDatabase().settings());
        settings.put("vigil.policy", policy.toString());
        try (TestServer server = TestServer.start(settings, data, null)) {
            server.awaitUp();
            server.withStaff();
            ok(server.command(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C1\"}"));
            ok(server.command(CALL_HANDLER, "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-1\","
                    + "\"callId\":\"C1\",\"grade\":\"S\"}"));
            ok(server.command(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C2\"}"));
            String session = logIn(server);

            String call = page(server, session, "/calls/C2");
            assertThat(call).contains("I, Immediate (10 min)", "S, Significant (30 min)", "E, Extended (24 h)",
                    "R, Referred (no attendance)").doesNotContain("(60 min)").doesNotContain("(15 min)");
            String incident = page(server, session, "/incidents/CAD-1");
            assertThat(incident).contains("S, Significant (30 min)").doesNotContain("(60 min)");
        }
    }

    @Test
    void anAttendedIncidentWhoseUnitWasDivertedFromTheSceneIsNotShownAtTheScene(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            ok(server.command(ADMIN, Commands.addUnit("SE-1", "SE21")));
            ok(server.command(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C1\"}"));
            ok(server.command(CALL_HANDLER, "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-1\","
                    + "\"callId\":\"C1\",\"grade\":\"S\",\"domestic\":true}"));
            ok(server.command(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C2\"}"));
            ok(server.command(CALL_HANDLER, "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-2\","
                    + "\"callId\":\"C2\",\"grade\":\"I\"}"));
            ok(server.command(DESPATCHER, "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-1\",\"unitId\":\"SE-1\"}"));
            ok(server.command(DESPATCHER, "{\"do\":\"ArriveAtScene\",\"incidentId\":\"CAD-1\",\"unitId\":\"SE-1\"}"));
            String session = logIn(server);
            assertThat(row(page(server, session, "/board"), "CAD-1")).contains("At scene");

            ok(server.command(DESPATCHER, "{\"do\":\"DivertUnit\",\"unitId\":\"SE-1\",\"toIncidentId\":\"CAD-2\","
                    + "\"reason\":\"knife\"}"));

            assertThat(row(page(server, session, "/board"), "CAD-1")).doesNotContain("At scene")
                    .contains("Attended, no unit there now");
        }
    }

    /** The board's row of {@code id}: the table row holding its link. */
    private static String row(String board, String id) {
        int link = board.indexOf("href=\"/incidents/" + id + "\"");
        assertThat(link).as("a link to " + id).isGreaterThanOrEqualTo(0);
        int from = board.lastIndexOf("<tr", link);
        return board.substring(from, board.indexOf("</tr>", link));
    }

    private static void ok(TestServer.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static String logIn(TestServer server) {
        TestServer.Response login = server.send(HttpRequest.newBuilder(server.base().resolve("/login")).GET());
        String token = login.body().replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1");
        TestServer.Response in = server.send(HttpRequest.newBuilder(server.base().resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie(login))
                .POST(HttpRequest.BodyPublishers.ofString("username=ch1&password="
                        + server.login().password(CALL_HANDLER) + "&_csrf=" + token)));
        return cookie(in);
    }

    private static String page(TestServer server, String session, String path) {
        TestServer.Response r = server.send(HttpRequest.newBuilder(server.base().resolve(path))
                .header("Cookie", session).header("Accept", "text/html").GET());
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.body();
    }

    private static String cookie(TestServer.Response r) {
        Set<String> set = r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(e -> e.getValue().stream()).map(v -> v.split(";", 2)[0]).collect(Collectors.toSet());
        assertThat(set).as("a session cookie").isNotEmpty();
        return String.join("; ", set);
    }
}
