package vigil.server.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.notice.NoticeRoom.WAIT;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.server.testing.SseClient;
import vigil.server.testing.TestServer;

/**
 * An alert addressed to a role in a BCU (an Immediate incident in SE left without a unit: the despatchers of SE) is a
 * notice and an email to every despatcher of SE on the roster at that moment, and to no one else: not another BCU's
 * despatchers, not a despatcher without a BCU, not another role, not someone removed. Each sees it in their mailbox and
 * on their live stream, right after the event it tells of.
 */
class ARoleAddressedAlertReachesTheRoleInItsBcuAndNoOneElse {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SE_DESPATCHERS = List.of("dsp-se1", "dsp-se2");
    private static final List<String> EVERYONE_ELSE = List.of("dsp-ce", "dsp-any", "ctl-se", "ch1", "dsp-gone");

    @Test
    void everyDespatcherOfSeAndNoOneElse() throws Exception {
        try (NoticeRoom room = NoticeRoom.withSmtp()) {
            room.staff("dsp-se1", "DESPATCHER", "SE").staff("dsp-se2", "DESPATCHER", "SE")
                    .staff("dsp-ce", "DESPATCHER", "CE").staff("dsp-any", "DESPATCHER", null)
                    .staff("ctl-se", "CONTROLLER", "SE").staff("ch1", "CALL_HANDLER", "SE")
                    .staff("dsp-gone", "DESPATCHER", "SE");
            TestServer.Response removed = room.server.send(room.server.login().as(HttpRequest.newBuilder(
                    room.server.base().resolve("/api/staff/dsp-gone")).DELETE(), "admin"));
            assertThat(removed.status()).as(removed.body()).isEqualTo(200);

            JsonNode unresourced;
            try (SseClient stream = SseClient.open(room.server, "/api/events/stream", "dsp-se1")) {
                room.command("ch1", "{\"do\":\"RecordCall\",\"callId\":\"C1\"}");
                room.command("ch1", "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-1\",\"callId\":\"C1\","
                        + "\"grade\":\"I\",\"bcu\":\"SE\"}");
                unresourced = room.clockReaches(NoticeRoom.T0.plus(Duration.ofMinutes(2)), "IncidentUnresourced");
                long seq = unresourced.get("seq").asLong();

                SseClient.Frame notice = untilNotice(stream, seq);
                assertThat(notice.id()).as("a notice frame carries no id: Last-Event-ID stays the event's seq")
                        .isNull();
                JsonNode data = JSON.readTree(notice.data());
                assertThat(data.get("kind").asString()).isEqualTo("IncidentUnresourced");
                assertThat(data.get("link").asString()).isEqualTo("/incidents/CAD-1");
                assertThat(data.get("read").asBoolean()).isFalse();
            }

            for (String who : SE_DESPATCHERS) {
                await().atMost(WAIT).until(() -> room.mailTo(who + "@example.org", "CAD-1 has no unit").size() == 1);
                assertThat(room.notices(who, "IncidentUnresourced")).as(who).singleElement()
                        .satisfies(n -> assertThat(n.get("seq").asLong()).isEqualTo(unresourced.get("seq").asLong()));
            }
            for (String who : EVERYONE_ELSE) {
                assertThat(room.mailTo(who + "@example.org")).as("no mail to %s", who).isEmpty();
                assertThat(noticesOf(room, who)).as("no notice to %s", who).isZero();
            }
            for (String who : SE_DESPATCHERS) {
                assertThat(room.mailTo(who + "@example.org")).as("still one mail to %s", who).hasSize(1);
            }
        }
    }

    @Test
    void aNoticeMadeWhileTheStreamWasAwayComesAfterItsEventOnResumeAndIsReadOnce() throws Exception {
        try (NoticeRoom room = NoticeRoom.withSmtp()) {
            room.staff("dsp-se1", "DESPATCHER", "SE").staff("dsp-se2", "DESPATCHER", "SE")
                    .staff("ch1", "CALL_HANDLER", "SE");
            room.command("ch1", "{\"do\":\"RecordCall\",\"callId\":\"C1\"}");
            long before = room.command("ch1", "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-1\",\"callId\":\"C1\","
                    + "\"grade\":\"I\",\"bcu\":\"SE\"}").get("lastSeq").asLong();
            long seq = room.clockReaches(NoticeRoom.T0.plus(Duration.ofMinutes(2)), "IncidentUnresourced")
                    .get("seq").asLong();
            await().atMost(WAIT).until(() -> room.notices("dsp-se1", "IncidentUnresourced").size() == 1);

            try (SseClient stream = SseClient.open(room.server, "/api/events/stream", "dsp-se1",
                    Map.of("Last-Event-ID", Long.toString(before)))) {
                SseClient.Frame notice = untilNotice(stream, seq);
                assertThat(notice.id()).isNull();
            }

            JsonNode mine = room.mailbox("dsp-se1");
            assertThat(mine.get("unread").asLong()).isEqualTo(1);
            long id = mine.get("notices").get(0).get("id").asLong();
            long theirs = room.mailbox("dsp-se2").get("notices").get(0).get("id").asLong();
            TestServer.Response read = post(room, "dsp-se1", "/api/notices/" + id + "/read");
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.json().get("read").asBoolean()).isTrue();
            String readAt = read.json().get("readAt").asString();
            assertThat(room.mailbox("dsp-se1").get("unread").asLong()).isZero();
            assertThat(post(room, "dsp-se1", "/api/notices/" + id + "/read").json().get("readAt").asString())
                    .as("read once: the first time stays").isEqualTo(readAt);
            TestServer.Response another = post(room, "dsp-se1", "/api/notices/" + theirs + "/read");
            assertThat(another.status()).as("another's notice is none of theirs").isEqualTo(404);
            assertThat(room.mailbox("dsp-se2").get("unread").asLong()).isEqualTo(1);
        }
    }

    /** Reads the stream until the notice of event {@code seq}; the event itself must come first. */
    private static SseClient.Frame untilNotice(SseClient stream, long seq) {
        boolean eventSeen = false;
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            SseClient.Frame f = stream.next(Duration.ofSeconds(1));
            if (f == null || f.isComment()) {
                continue;
            }
            assertThat(f.isEnd()).as("the stream goes on").isFalse();
            if (f.id() != null && f.seq() == seq) {
                eventSeen = true;
            }
            if ("notice".equals(f.event()) && JSON.readTree(f.data()).get("seq").asLong() == seq) {
                assertThat(eventSeen).as("the notice comes after the event it tells of").isTrue();
                return f;
            }
        }
        throw new AssertionError("no notice of event " + seq + " on the stream");
    }

    private static TestServer.Response post(NoticeRoom room, String who, String path) {
        return room.server.send(room.server.login().as(HttpRequest.newBuilder(room.server.base().resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody()), who));
    }

    private static long noticesOf(NoticeRoom room, String who) throws Exception {
        try (Connection c = room.db.connectAsOwner();
             PreparedStatement s = c.prepareStatement("select count(*) from notice where recipient = ?")) {
            s.setString(1, who);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
