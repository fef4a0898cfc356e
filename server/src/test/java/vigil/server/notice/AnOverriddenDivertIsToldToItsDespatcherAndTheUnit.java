package vigil.server.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.notice.NoticeRoom.WAIT;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import vigil.server.testing.TestServer;

/**
 * The SOP: "If the Controller assesses that re-assignment is inappropriate, an intervention will take place overriding
 * the re-assignment. The response unit will be informed that they have been re-assigned to the original incident."
 * The controller is asked to review the divert; when they override it, the despatcher who made the divert is told to
 * tell the unit by radio, and the unit's own terminal is told too.
 */
class AnOverriddenDivertIsToldToItsDespatcherAndTheUnit {

    @Test
    void theDespatcherWhoMadeTheDivertAndTheUnitsTerminal() {
        try (NoticeRoom room = NoticeRoom.withSmtp()) {
            room.staff("ch1", "CALL_HANDLER", "SE").staff("dsp1", "DESPATCHER", "SE").staff("dsp2", "DESPATCHER", "SE")
                    .staff("ctl1", "CONTROLLER", "SE");
            room.command("admin", "{\"do\":\"AddUnit\",\"unitId\":\"SE-1\",\"callSign\":\"SE21\",\"bcu\":\"SE\"}");
            TestServer.Response terminal = room.server.send(room.server.login().as(HttpRequest.newBuilder(
                    room.server.base().resolve("/api/staff")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"UNIT\",\"unitId\":\"SE-1\",\"bcu\":\"SE\","
                            + "\"email\":\"se-1@example.org\"}")), "admin"));
            assertThat(terminal.status()).as(terminal.body()).isEqualTo(201);
            room.server.login().remember("SE-1", terminal.json().get("password").asString());
            for (String[] i : new String[][] {{"C1", "CAD-1", "S"}, {"C2", "CAD-2", "I"}}) {
                room.command("ch1", "{\"do\":\"RecordCall\",\"callId\":\"" + i[0] + "\"}");
                room.command("ch1", "{\"do\":\"CreateIncident\",\"incidentId\":\"" + i[1] + "\",\"callId\":\"" + i[0]
                        + "\",\"grade\":\"" + i[2] + "\",\"bcu\":\"SE\"}");
            }
            room.command("dsp1", "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-1\",\"unitId\":\"SE-1\"}");
            room.command("dsp1", "{\"do\":\"DivertUnit\",\"unitId\":\"SE-1\",\"toIncidentId\":\"CAD-2\","
                    + "\"reason\":\"an Immediate call\"}");
            await().atMost(WAIT).until(() -> room.notices("ctl1", "DivertReviewRequested").size() == 1);

            room.command("ctl1", "{\"do\":\"ReviewDivert\",\"incidentId\":\"CAD-1\",\"decision\":\"OVERRIDE\","
                    + "\"note\":\"the original is a domestic\"}");

            await().atMost(WAIT).until(() -> room.notices("dsp1", "DivertOverridden").size() == 1);
            assertThat(room.notices("dsp1", "DivertOverridden").getFirst().get("body").asString())
                    .contains("Tell the unit by radio now that it is re-assigned to the original incident, CAD-1",
                            "the original is a domestic");
            assertThat(room.notices("dsp1", "DivertOverridden").getFirst().get("link").asString())
                    .isEqualTo("/incidents/CAD-1");
            await().atMost(WAIT).until(() -> room.notices("SE-1", "DivertOverridden.unit").size() == 1);
            await().atMost(WAIT).until(() -> room.mailTo("se-1@example.org", "Go back to CAD-1").size() == 1
                    && room.mailTo("dsp1@example.org", "Divert overridden").size() == 1);
            assertThat(room.notices("dsp2", "DivertOverridden")).as("not the despatcher who made it").isEmpty();
        }
    }
}
