package vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.createIncident;
import static vigil.server.testing.Commands.recordCall;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.core.Actor;
import vigil.core.Role;
import vigil.server.reports.ReportFollower;
import vigil.sim.scenario.ScenarioReader;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * The engine takes an id of any length, as {@code ./vigil replay} does; the API now refuses one over 256 characters,
 * but a log written before keeps what it was given, and everything the server keeps beside the log must take it.
 * PostgreSQL's B-tree indexes cannot hold an entry over 2,704 bytes: an incident whose id was 5,000 letters that do
 * not compress stopped the report follower for good (every report stood still at the event before it, across
 * restarts), and a call or scheme id as long was refused by the log's own indexes (ADR 119).
 */
class AnIdOfAnyLengthIsKeptFoundAndReported {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Actor CALL_HANDLER_CH1 = new Actor("ch1", Role.CALL_HANDLER, "SE");
    private static final Actor OIC1 = new Actor("oic1", Role.OIC, "SE");

    @Test
    void aCallAnIncidentAndASchemeWithIdsOfFiveThousandLettersAreKeptFoundAndReported(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            server.addStaff("oic1", "OIC", "SE");
            Random random = new Random(119);
            String callId = letters(random, 5_000);
            String incidentId = letters(random, 5_000);
            String schemeId = letters(random, 5_000);

            // As a server before the API's limit recorded them: straight to the writer.
            submit(server, CALL_HANDLER_CH1, recordCall(callId));
            submit(server, CALL_HANDLER_CH1, createIncident(incidentId, callId, "S"));
            submit(server, OIC1, requestScheme(schemeId));
            TestServer.Response after = server.command(CALL_HANDLER, recordCall("C-AFTER"));

            assertThat(after.status()).as(after.body()).isEqualTo(200);
            long last = after.json().get("lastSeq").asLong();
            assertThat(server.bean(ReportFollower.class).awaitProjected(last, Duration.ofSeconds(30)))
                    .as("the report follower passes the incident with the long id").isTrue();

            JsonNode found = server.get(CALL_HANDLER, "/api/calls/" + callId).json();
            assertThat(found.get("incidentId").asString()).isEqualTo(incidentId);
            TestServer.Response timeline = server.get(CALL_HANDLER,
                    "/api/reports/incidents/" + incidentId + "/timeline");
            assertThat(timeline.status()).as(timeline.body()).isEqualTo(200);
            assertThat(timeline.body()).contains("IncidentCreated");
            assertThat(server.bean(EventLog.class).scheme(schemeId, 10))
                    .extracting(LoggedEvent::type).containsExactly("SchemeRequested");
            JsonNode reports = server.get(CALL_HANDLER, "/api/reports").json();
            assertThat(reports.toString()).contains("\"reportedUpTo\":" + last);
        }
    }

    private static void submit(TestServer server, Actor actor, String body) {
        Outcome o = server.writer().submit(ScenarioReader.command(JSON.readTree(body), actor, "command"), null).join();
        assertThat(o).as(body.substring(0, 40)).isInstanceOf(Outcome.Decided.class);
    }

    private static String letters(Random random, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    private static String requestScheme(String schemeId) {
        return "{\"do\":\"RequestScheme\",\"schemeId\":\"" + schemeId + "\",\"address\":\"1 High Street\","
                + "\"clis\":[\"07700 900123\"],\"victimName\":\"Jane Doe\",\"preferredContact\":{\"method\":\"phone\"},"
                + "\"oic\":\"oic1\",\"bcu\":\"SE\",\"crimeRef\":\"CR-1\",\"instructions\":\"Attend\","
                + "\"requiredGrade\":\"I\"}";
    }
}
