package vigil.server.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.notice.NoticeRoom.WAIT;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vigil.server.testing.TestServer;

/**
 * The mail server answers {@code 451} to every {@code MAIL FROM} while a dozen mails wait (audit 7, finding 7): each
 * round tries the first mail only, on one connection, and then the whole outbox waits, 5 s, then 10 s; nothing is
 * lost and {@code vigil_mail_pending} says how many wait. What each attempt records is the server's words, not the
 * mail library's exception (finding 11). Once the server takes mail, the backlog goes in its order in one round, and
 * a mailbox the server says is busy ({@code 450} on {@code RCPT TO}) waits on its own, holding no one else up.
 */
class AMailServerThatPausesHoldsTheWholeOutboxNotEachMail {
    private static final int STAFF = 12;
    private static final String BUSY_MAILBOX = "qa3@example.org";

    private record Attempt(long mailId, String address, Instant at, String outcome, String detail) {}

    @Test
    void aServerAnswering451IsAskedOnceARoundAndTheOutboxWaitsAsAWhole() throws Exception {
        try (TinySmtp tiny = new TinySmtp(Set.of(BUSY_MAILBOX));
             NoticeRoom room = NoticeRoom.withSmtpDown(Map.of("vigil.smtp.port", tiny.port()))) {
            for (int i = 1; i <= STAFF; i++) {
                room.staff("qa" + i, "QA_REVIEWER", null);
            }
            room.command("admin", "{\"do\":\"PublishGuidance\",\"guidanceId\":\"SOP-QART\",\"title\":\"DIVERT tag"
                    + " list\",\"text\":\"Review the DIVERT tag list daily.\",\"roles\":[\"QA_REVIEWER\"]}");
            await().atMost(WAIT).until(() -> attempts(room).size() >= 1);
            room.clock.advance(Duration.ofSeconds(5));
            await().atMost(WAIT).until(() -> attempts(room).size() >= 2);
            room.clock.advance(Duration.ofSeconds(10));
            await().atMost(WAIT).until(() -> attempts(room).size() >= 3);
            assertThat(mailPending(room)).as("every mail still waits").isEqualTo(STAFF);

            tiny.busy = false;
            room.clock.advance(Duration.ofSeconds(20));
            await().atMost(WAIT).until(() -> tiny.taken.size() == STAFF - 1);

            List<Attempt> all = attempts(room);
            List<Attempt> paused = all.stream().filter(a -> a.detail() != null && a.detail().contains("451")).toList();
            assertThat(paused).as("one attempt a round while the server pauses, not one a mail").hasSize(3);
            assertThat(paused).extracting(Attempt::mailId).as("the first mail is the one asked").containsOnly(
                    all.getFirst().mailId());
            assertThat(Duration.between(paused.get(0).at(), paused.get(1).at())).isEqualTo(Duration.ofSeconds(5));
            assertThat(Duration.between(paused.get(1).at(), paused.get(2).at())).isEqualTo(Duration.ofSeconds(10));
            assertThat(tiny.mailFroms.get()).as("MAIL FROMs: 3 paused, then one for each mail").isEqualTo(3 + STAFF);
            assertThat(paused.getFirst().detail()).as("the server's words, not a Java class")
                    .contains(TinySmtp.BUSY).doesNotContain("Exception", "org.", "jakarta.");

            List<String> inOrder = addressesInOrder(room).stream().filter(a -> !a.equals(BUSY_MAILBOX)).toList();
            assertThat(tiny.taken).as("the backlog goes in its order").containsExactlyElementsOf(inOrder);
            List<Attempt> busyMailbox = all.stream().filter(a -> a.address().equals(BUSY_MAILBOX)).toList();
            assertThat(busyMailbox.getLast().outcome()).isEqualTo("FAILED");
            assertThat(busyMailbox.getLast().detail()).contains("450 4.2.1 Mailbox busy")
                    .doesNotContain("Exception", "org.", "jakarta.");
            assertThat(mailPending(room)).as("the busy mailbox's mail waits on its own").isEqualTo(1);
        }
    }

    @Test
    void aServerThatGreetsWith421IsAskedOnceARound() throws Exception {
        try (TinySmtp tiny = new TinySmtp(Set.of());
             NoticeRoom room = NoticeRoom.withSmtpDown(Map.of("vigil.smtp.port", tiny.port()))) {
            tiny.greeting = "421 4.3.2 Service shutting down and closing transmission channel";
            room.staff("qa1", "QA_REVIEWER", null).staff("qa2", "QA_REVIEWER", null).staff("qa3", "QA_REVIEWER", null);
            room.command("admin", "{\"do\":\"PublishGuidance\",\"guidanceId\":\"SOP-QART\",\"title\":\"DIVERT tag"
                    + " list\",\"text\":\"Review the DIVERT tag list daily.\",\"roles\":[\"QA_REVIEWER\"]}");
            await().atMost(WAIT).until(() -> attempts(room).size() >= 1);
            room.clock.advance(Duration.ofSeconds(5));
            await().atMost(WAIT).until(() -> attempts(room).size() >= 2);

            tiny.greeting = "220 tiny.example ESMTP";
            tiny.busy = false;
            room.clock.advance(Duration.ofSeconds(10));
            await().atMost(WAIT).until(() -> tiny.taken.size() == 3);
            List<Attempt> all = attempts(room);
            assertThat(all).extracting(Attempt::outcome).containsExactly("FAILED", "FAILED", "SENT", "SENT", "SENT");
            assertThat(all.getFirst().detail()).startsWith("the mail server answered the connection with 421 4.3.2")
                    .contains("Service shutting down").doesNotContain("Exception");
            assertThat(tiny.connections.get()).as("one a round while it hung up, then one a mail").isEqualTo(2 + 3);
        }
    }

    @Test
    void aMailThatCannotBeMadeHoldsNoOneElse() throws Exception {
        try (NoticeRoom room = NoticeRoom.withSmtp()) {
            room.staff("qa1", "QA_REVIEWER", null).staff("qa2", "QA_REVIEWER", null);
            // An address the API takes but the mail library cannot: two addresses, for it (a comma in the name).
            TestServer.Response changed = room.server.send(room.server.login().as(java.net.http.HttpRequest
                    .newBuilder(room.server.base().resolve("/api/staff/qa1/email"))
                    .header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"qa1,x@example.org\"}")),
                    "admin"));
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            room.command("admin", "{\"do\":\"PublishGuidance\",\"guidanceId\":\"SOP-QART\",\"title\":\"DIVERT tag"
                    + " list\",\"text\":\"Review the DIVERT tag list daily.\",\"roles\":[\"QA_REVIEWER\"]}");

            await().atMost(WAIT).alias("the next mail goes").until(() -> room.mailTo("qa2@example.org").size() == 1);
            Attempt bad = attempts(room).stream().filter(a -> a.address().startsWith("qa1,")).findFirst()
                    .orElseThrow();
            assertThat(bad.outcome()).as("a mail that can never be made is refused, not tried for ever")
                    .isEqualTo("REFUSED");
            assertThat(bad.detail()).doesNotContain("Exception", "org.", "jakarta.");
        }
    }

    private static List<Attempt> attempts(NoticeRoom room) throws Exception {
        List<Attempt> out = new ArrayList<>();
        try (Connection c = room.db.connectAsOwner();
             PreparedStatement s = c.prepareStatement("select a.mail_id, m.address, a.at, a.outcome, a.detail"
                     + " from notice_mail_attempt a join notice_mail m on m.id = a.mail_id order by a.id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new Attempt(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getString(5)));
            }
        }
        return out;
    }

    private static List<String> addressesInOrder(NoticeRoom room) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = room.db.connectAsOwner();
             PreparedStatement s = c.prepareStatement("select address from notice_mail order by id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** {@code vigil_mail_pending}, as a monitoring system scrapes it. */
    private static double mailPending(NoticeRoom room) {
        var r = room.server.get("admin", "/actuator/prometheus");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Matcher m = Pattern.compile("(?m)^vigil_mail_pending(?:\\{[^}]*\\})? (\\S+)$").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
