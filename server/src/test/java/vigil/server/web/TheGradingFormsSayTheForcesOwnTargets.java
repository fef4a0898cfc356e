package vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.CALL_HANDLER;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * Audit 9, finding 4. A force's policy sets its own grade targets (VIGIL_POLICY); the call handler grading a call and
 * the controller regrading one chose from "S, Significant (60 min)" whatever the policy said, the Metropolitan default
 * written into the page. A call graded on a target the force does not have is graded on a wrong picture.
 */
class TheGradingFormsSayTheForcesOwnTargets {

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
