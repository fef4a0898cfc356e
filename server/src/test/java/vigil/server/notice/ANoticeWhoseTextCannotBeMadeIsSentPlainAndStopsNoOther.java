package vigil.server.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.notice.NoticeRoom.WAIT;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A notice text that cannot be filled (here a template edited with a placeholder no event has; the built-in ones have
 * none, audit 7) does not stop the notices: its recipient gets a plain notice and mail naming the event and its page,
 * the log says why, and every later notice, to anyone, is made and mailed as usual. Before, the notifier stopped at
 * that event for everyone, retrying it every two seconds for ever.
 */
class ANoticeWhoseTextCannotBeMadeIsSentPlainAndStopsNoOther {

    @Test
    void theUnfillableNoticeIsPlainAndTheNextOnesAreAsUsual() {
        try (NoticeRoom room = NoticeRoom.withSmtp(Map.of("vigil.notices.templates", "/notices-unfillable/"))) {
            room.staff("dsp-se1", "DESPATCHER", "SE").staff("ch1", "CALL_HANDLER", "SE");
            room.command("ch1", "{\"do\":\"RecordCall\",\"callId\":\"C1\"}");
            room.command("ch1", "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-1\",\"callId\":\"C1\","
                    + "\"grade\":\"I\",\"bcu\":\"SE\"}");
            long unresourced = room.clockReaches(NoticeRoom.T0.plus(Duration.ofMinutes(2)), "IncidentUnresourced")
                    .get("seq").asLong();

            // Then, for someone else, an alert whose text is the built-in one: a caller who rang before.
            room.command("ch1", "{\"do\":\"RecordCall\",\"callId\":\"C2\",\"cli\":\"07700 900123\"}");
            room.command("ch1", "{\"do\":\"RecordCall\",\"callId\":\"C3\",\"cli\":\"07700 900123\"}");

            await().atMost(WAIT).until(() -> room.notices("ch1", "PreviousContactsFound").size() == 1);
            await().atMost(WAIT).until(() -> room.mailTo("ch1@example.org", "C3").size() == 1);

            JsonNode plain = room.notices("dsp-se1", "IncidentUnresourced").getFirst();
            assertThat(plain.get("seq").asLong()).isEqualTo(unresourced);
            assertThat(plain.get("subject").asString()).isEqualTo("IncidentUnresourced (event " + unresourced + ")");
            assertThat(plain.get("body").asString()).contains("event " + unresourced).contains("/incidents/CAD-1")
                    .doesNotContain("${");
            await().atMost(WAIT).until(() -> room.mailTo("dsp-se1@example.org", "IncidentUnresourced").size() == 1);
        }
    }
}
