package vigil.server.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.notice.NoticeRoom.WAIT;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.TestServer;

/**
 * The seed's SOP was "disseminated … to all staff and responses recorded when the guidance has been read". The duty
 * officer publishes guidance to despatchers and controllers: each is told (a notice and an email); the list of who has
 * not confirmed shrinks as each confirms, each confirmation an event in the log; a call handler's confirmation is
 * refused, and recorded as refused; a day on, those who have not confirmed are reminded, and only they.
 */
class GuidanceIsReadAndUnderstoodByThoseItIsFor {

    @Test
    void theUnconfirmedShrinkAsEachConfirmsAndTheRestAreRemindedDaily() {
        try (NoticeRoom room = NoticeRoom.withSmtp()) {
            room.staff("dsp1", "DESPATCHER", "SE").staff("dsp2", "DESPATCHER", "CE").staff("ctl1", "CONTROLLER", "SE")
                    .staff("ch1", "CALL_HANDLER", "SE").staff("do1", "DUTY_OFFICER", null);
            room.command("do1", "{\"do\":\"PublishGuidance\",\"guidanceId\":\"SOP-DIVERT\",\"title\":\"Diverted"
                    + " units\",\"text\":\"When a Despatch Operator re-assigns a unit to an alternative CAD, the"
                    + " original CAD must be tagged with a divert tag.\",\"roles\":[\"DESPATCHER\",\"CONTROLLER\"]}");
            assertThat(unconfirmed(room)).containsExactly("dsp1", "dsp2", "ctl1");
            for (String who : List.of("dsp1", "dsp2", "ctl1")) {
                await().atMost(WAIT).until(() -> room.mailTo(who + "@example.org", "Diverted units").size() == 1);
                assertThat(NoticeRoom.body(room.mailTo(who + "@example.org").getFirst()))
                        .contains("original CAD must be tagged", "ConfirmGuidance SOP-DIVERT");
                assertThat(room.notices(who, "GuidancePublished")).singleElement()
                        .satisfies(n -> assertThat(n.get("link").asString()).isEqualTo("/guidance/SOP-DIVERT"));
            }
            assertThat(room.mailTo("ch1@example.org")).isEmpty();

            room.command("dsp1", confirm());
            assertThat(unconfirmed(room)).containsExactly("dsp2", "ctl1");
            TestServer.Response refused = room.server.command("ch1", confirm());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("reason").asString()).isEqualTo("NOT_PERMITTED");
            assertThat(unconfirmed(room)).containsExactly("dsp2", "ctl1");
            room.command("ctl1", confirm());
            assertThat(unconfirmed(room)).containsExactly("dsp2");
            assertThat(room.server.get("ch1", "/api/guidance/SOP-DIVERT").json().get("confirmed").valueStream()
                    .map(c -> c.get("staffId").asString()).toList()).containsExactly("dsp1", "ctl1");

            JsonNode reminder = room.clockReaches(NoticeRoom.T0.plus(Duration.ofDays(1)), "GuidanceReminderSent");
            assertThat(reminder.get("unconfirmed").valueStream().map(JsonNode::asString).toList())
                    .containsExactly("dsp2");
            await().atMost(WAIT).until(() -> room.notices("dsp2", "GuidanceReminderSent").size() == 1);
            assertThat(room.notices("dsp1", "GuidanceReminderSent")).isEmpty();
            assertThat(room.notices("ctl1", "GuidanceReminderSent")).isEmpty();

            room.command("dsp2", confirm());
            assertThat(unconfirmed(room)).isEmpty();
            assertThat(room.events("GuidanceConfirmed")).extracting(e -> e.get("by").asString())
                    .containsExactly("dsp1", "ctl1", "dsp2");
            assertThat(room.events("CommandRejected")).extracting(e -> e.get("by").asString()).containsExactly("ch1");
            assertThat(room.server.get("ch1", "/api/guidance/NONE").status()).isEqualTo(404);
            assertThat(room.server.get("ch1", "/api/guidance").json()).hasSize(1);
        }
    }

    private static String confirm() {
        return "{\"do\":\"ConfirmGuidance\",\"guidanceId\":\"SOP-DIVERT\"}";
    }

    private static List<String> unconfirmed(NoticeRoom room) {
        TestServer.Response r = room.server.get("do1", "/api/guidance/SOP-DIVERT");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("unconfirmed").valueStream().map(JsonNode::asString).toList();
    }
}
