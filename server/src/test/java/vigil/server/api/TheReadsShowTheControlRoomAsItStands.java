package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.ADMIN;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.DESPATCHER;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * The reads of api.md, told through the night of 31 May 2018 sent to a real server: a woman's S-graded call, her
 * special scheme matched by her number, the unit taken for a knife call. Each read says what the room holds right
 * after the command that changed it: the incident board and its DIVERT tag, the units and where they are, the units
 * nearest the scene, the call and what its recording found, the incident's timeline, and what each person's open
 * alerts are.
 */
class TheReadsShowTheControlRoomAsItStands {
    private static final Instant T0 = Instant.parse("2018-05-31T22:40:00Z");
    private static final String CONTROLLER = "CONTROLLER ctl1 SE";
    private static final String OTHER_DESPATCHER = "DESPATCHER dsp2 CE";
    private static final String RTRD = "RTRD rtrd1";
    private static final String OIC = "OIC oic1 SE";

    @Test
    void eachReadShowsTheRoomAsTheLastCommandLeftIt(@TempDir Path data) {
        SettableClock clock = new SettableClock(T0);
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, clock).withStaff()) {
            server.addStaff("ctl1", "CONTROLLER", "SE").addStaff("dsp2", "DESPATCHER", "CE")
                    .addStaff("rtrd1", "RTRD", null).addStaff("oic1", "OIC", "SE");
            ok(server.command(ADMIN, unit("U1", "MD21", 51.498, -0.090)));
            ok(server.command(ADMIN, unit("U2", "MD22", 51.470, -0.120)));
            ok(server.command(ADMIN, unit("U3", "MD23", 51.487, -0.071)));
            ok(server.command(OIC, "{\"do\":\"RequestScheme\",\"schemeId\":\"S1\",\"address\":\"1 High Street\","
                    + "\"clis\":[\"07700 900123\"],\"victimName\":\"Jane Doe\",\"preferredContact\":{\"method\":"
                    + "\"phone\"},\"oic\":\"oic1\",\"bcu\":\"SE\",\"crimeRef\":\"CR-1\",\"instructions\":\"Attend as an"
                    + " emergency\",\"requiredGrade\":\"I\"}"));
            ok(server.command(RTRD, "{\"do\":\"ActivateScheme\",\"schemeId\":\"S1\"}"));

            ok(server.command(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C0\",\"cli\":\"07700 900123\"}"));
            ok(server.command(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C1\",\"cli\":\"+44 7700 900123\","
                    + "\"location\":{\"lat\":51.495,\"lon\":-0.085},\"narrative\":\"ex-husband at the door\"}"));
            JsonNode call = read(server, CALL_HANDLER, "/api/calls/C1");
            assertThat(call.get("call").get("cli").asString()).isEqualTo("+447700900123");
            assertThat(call.get("schemes").get(0).get("schemeId").asString()).isEqualTo("S1");
            assertThat(call.get("previousContacts").get("callIds").get(0).asString()).isEqualTo("C0");
            assertThat(call.get("incidentId").isNull()).isTrue();

            ok(server.command(CALL_HANDLER, "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-1\",\"callId\":\"C1\","
                    + "\"grade\":\"S\"}"));
            assertThat(read(server, DESPATCHER, "/api/calls/C1").get("incidentId").asString()).isEqualTo("CAD-1");
            assertThat(types(read(server, CONTROLLER, "/api/alerts"))).as("graded below the scheme")
                    .containsExactly("GradeBelowScheme");
            ok(server.command(CONTROLLER, "{\"do\":\"Regrade\",\"incidentId\":\"CAD-1\",\"grade\":\"I\","
                    + "\"reason\":\"scheme\"}"));
            assertThat(types(read(server, CONTROLLER, "/api/alerts"))).isEmpty();

            JsonNode nearest = read(server, DESPATCHER, "/api/incidents/CAD-1/recommendations").get("units");
            assertThat(nearest.valueStream().map(u -> u.get("unitId").asString())).containsExactly("U1", "U3", "U2");
            assertThat(nearest.get(0).get("etaSeconds").asLong()).isPositive()
                    .isLessThan(nearest.get(1).get("etaSeconds").asLong());

            clock.advance(Duration.ofMinutes(1));
            ok(server.command(DESPATCHER, "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-1\",\"unitId\":\"U1\"}"));
            ok(server.command(DESPATCHER, "{\"do\":\"AcknowledgeAssignment\",\"incidentId\":\"CAD-1\","
                    + "\"unitId\":\"U1\"}"));
            ok(server.command(DESPATCHER, "{\"do\":\"SetUnitStatus\",\"unitId\":\"U2\",\"status\":\"UNAVAILABLE\"}"));
            JsonNode board = read(server, CALL_HANDLER, "/api/incidents?open=true");
            assertThat(board.get(0).get("id").asString()).isEqualTo("CAD-1");
            assertThat(board.get(0).get("state").asString()).isEqualTo("RESOURCED");
            assertThat(board.get(0).get("timeLeftSeconds").asLong()).isEqualTo(Duration.ofMinutes(14).toSeconds());
            assertThat(board.get(0).get("committedUnits").get(0).asString()).isEqualTo("U1");
            JsonNode units = read(server, CALL_HANDLER, "/api/units");
            assertThat(units.valueStream().map(u -> u.get("id").asString() + " " + u.get("status").asString() + " "
                    + u.get("incidentId").asString("-") + " " + u.get("acknowledged").asBoolean()))
                    .containsExactly("U1 ASSIGNED CAD-1 true", "U2 UNAVAILABLE - false", "U3 AVAILABLE - false");

            ok(server.command(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C2\"}"));
            ok(server.command(CALL_HANDLER, "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-2\",\"callId\":\"C2\","
                    + "\"grade\":\"I\"}"));
            ok(server.command(DESPATCHER, "{\"do\":\"DivertUnit\",\"unitId\":\"U1\",\"toIncidentId\":\"CAD-2\","
                    + "\"reason\":\"knife\"}"));
            // At once, not when the report follower has caught up: the timeline is as current as the board.
            JsonNode incident = read(server, CONTROLLER, "/api/incidents/CAD-1");
            assertThat(incident.get("tags").get(0).asString()).isEqualTo("DIVERT");
            assertThat(incident.get("state").asString()).isEqualTo("UNRESOURCED");
            assertThat(incident.get("timelineComplete").asBoolean()).isTrue();
            assertThat(types(incident.get("timeline"))).containsExactly("IncidentCreated", "GradeBelowScheme",
                    "IncidentRegraded", "UnitAssigned", "AssignmentAcknowledged", "UnitDiverted", "DivertTagged",
                    "DivertReviewRequested");
            assertThat(incident.get("timeline").get(0).get("by").asString()).isEqualTo("ch1");
            assertThat(read(server, CONTROLLER, "/api/incidents?open=true").get(0).get("id").asString())
                    .as("the Immediate first").isEqualTo("CAD-1");

            assertThat(types(read(server, CONTROLLER, "/api/alerts"))).containsExactly("DivertReviewRequested");
            assertThat(types(read(server, CALL_HANDLER, "/api/alerts"))).isEmpty();
            clock.advance(Duration.ofMinutes(3)); // Immediate: unresourced after two minutes
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    types(read(server, DESPATCHER, "/api/alerts")).contains("IncidentUnresourced"));
            JsonNode mine = read(server, DESPATCHER, "/api/alerts");
            assertThat(mine.get(0).get("notifies").get("role").asString()).isEqualTo("DESPATCHER");
            assertThat(mine.get(0).get("incidentId").asString()).isEqualTo("CAD-1");
            assertThat(mine.get(0).get("notifies").get("bcu").asString()).as("the call handler's BCU").isEqualTo("SE");

            assertThat(read(server, CALL_HANDLER, "/api/incidents/CAD-9").isMissingNode()).isTrue();
        }
    }

    @Test
    void alertsAreForTheirBcuAndClosedIncidentsLeaveTheBoard(@TempDir Path data) {
        SettableClock clock = new SettableClock(T0);
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, clock).withStaff()) {
            server.addStaff("dsp2", "DESPATCHER", "CE");
            ok(server.command(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C1\"}"));
            ok(server.command(CALL_HANDLER, "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-1\",\"callId\":\"C1\","
                    + "\"grade\":\"I\"}"));
            clock.advance(Duration.ofMinutes(3));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    !types(read(server, DESPATCHER, "/api/alerts")).isEmpty());
            JsonNode alert = read(server, DESPATCHER, "/api/alerts").get(0);
            assertThat(alert.get("type").asString()).isEqualTo("IncidentUnresourced");
            assertThat(alert.get("incidentId").asString()).isEqualTo("CAD-1");
            assertThat(alert.get("notifies").get("bcu").asString()).isEqualTo("SE");
            assertThat(types(read(server, OTHER_DESPATCHER, "/api/alerts"))).as("another BCU's").isEmpty();

            clock.advance(Duration.ofMinutes(13).plusSeconds(30)); // an Immediate's 15 minutes, and 90 s more
            JsonNode late = read(server, DESPATCHER, "/api/incidents?open=true").get(0);
            assertThat(late.get("timeLeftSeconds").asLong()).isEqualTo(-90);
            assertThat(late.get("timeLeft").asString()).as("ISO 8601-2's sign, which parsers read")
                    .isEqualTo("-PT1M30S");
            assertThat(Duration.parse(late.get("timeLeft").asString())).isEqualTo(Duration.ofSeconds(-90));

            ok(server.command(DESPATCHER, "{\"do\":\"CloseIncident\",\"incidentId\":\"CAD-1\",\"disposition\":\"n\"}"));
            assertThat(read(server, DESPATCHER, "/api/alerts").isEmpty()).isTrue();
            assertThat(read(server, DESPATCHER, "/api/incidents?open=true").isEmpty()).isTrue();
            assertThat(read(server, DESPATCHER, "/api/incidents").get(0).get("state").asString()).isEqualTo("CLOSED");
            TestServer.Response bad = server.get(DESPATCHER, "/api/incidents?open=yes");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().get("field").asString()).isEqualTo("open");
        }
    }

    private static String unit(String id, String callSign, double lat, double lon) {
        return "{\"do\":\"AddUnit\",\"unitId\":\"" + id + "\",\"callSign\":\"" + callSign + "\",\"bcu\":\"SE\","
                + "\"location\":{\"lat\":" + lat + ",\"lon\":" + lon + "}}";
    }

    private static void ok(TestServer.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** The answer's JSON; a missing node for a 404 problem. */
    private static JsonNode read(TestServer server, String who, String path) {
        TestServer.Response r = server.get(who, path);
        if (r.status() == 404) {
            assertThat(r.contentType()).startsWith("application/problem+json");
            return tools.jackson.databind.node.MissingNode.getInstance();
        }
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> types(JsonNode array) {
        return array.valueStream().map(n -> n.get("type").asString()).toList();
    }
}
