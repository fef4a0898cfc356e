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
import org.junit.jupiter.api.Test;

/**
 * The SMTP server is down (its port refuses connections) for the first three attempts, then up: each notice is still
 * mailed exactly once. A server that cannot be reached fails every mail alike, so each round tries the first mail only
 * and the whole outbox waits (docs/adr/122); the waits double (5 s, 10 s, 20 s here). Every attempt is recorded with
 * its outcome; the notice says its mail is sent once it is.
 */
class MailIsRetriedWithBackoffUntilTheServerTakesIt {

    private record Attempt(long mailId, Instant at, String outcome, String detail) {}

    @Test
    void downForThreeAttemptsThenUpAndEachNoticeIsMailedOnce() throws Exception {
        try (NoticeRoom room = NoticeRoom.withSmtpDown()) {
            room.staff("qa1", "QA_REVIEWER", null).staff("qa2", "QA_REVIEWER", null);
            room.command("admin", "{\"do\":\"PublishGuidance\",\"guidanceId\":\"SOP-QART\",\"title\":\"DIVERT tag"
                    + " list\",\"text\":\"Review the DIVERT tag list daily.\",\"roles\":[\"QA_REVIEWER\"]}");
            await().atMost(WAIT).until(() -> attempts(room).size() == 1); // the first mail; the outbox then waits

            Duration[] waits = {Duration.ofSeconds(5), Duration.ofSeconds(10)};
            for (int failed = 1; failed < 3; failed++) {
                room.clock.advance(waits[failed - 1]);
                int expected = failed + 1;
                await().atMost(WAIT).until(() -> attempts(room).size() == expected);
            }
            assertThat(attempts(room)).as("three failed attempts, all of the first mail, none sent")
                    .extracting(Attempt::outcome).containsOnly("FAILED").hasSize(3);
            assertThat(attempts(room)).extracting(Attempt::mailId).containsOnly(attempts(room).getFirst().mailId());
            assertThat(room.smtp.getReceivedMessages()).isEmpty();

            room.smtpComesUp();
            room.clock.advance(Duration.ofSeconds(19));
            assertThat(attempts(room)).as("not yet: the third wait is 20 s").hasSize(3);
            room.clock.advance(Duration.ofSeconds(1));
            await().atMost(WAIT).until(() -> room.smtp.getReceivedMessages().length == 2);

            assertThat(room.mailTo("qa1@example.org")).hasSize(1);
            assertThat(room.mailTo("qa2@example.org")).hasSize(1);
            List<Attempt> all = attempts(room);
            assertThat(all).hasSize(5);
            long first = all.getFirst().mailId();
            List<Attempt> mine = all.stream().filter(a -> a.mailId() == first).toList();
            assertThat(mine).extracting(Attempt::outcome).containsExactly("FAILED", "FAILED", "FAILED", "SENT");
            assertThat(Duration.between(mine.get(0).at(), mine.get(1).at())).isEqualTo(Duration.ofSeconds(5));
            assertThat(Duration.between(mine.get(1).at(), mine.get(2).at())).isEqualTo(Duration.ofSeconds(10));
            assertThat(Duration.between(mine.get(2).at(), mine.get(3).at())).isEqualTo(Duration.ofSeconds(20));
            assertThat(mine.getFirst().detail()).as("what went wrong is recorded, in words")
                    .startsWith("the mail server was not reached").doesNotContain("Exception");
            assertThat(all.stream().filter(a -> a.mailId() != first)).as("the other mail, sent at its first try")
                    .extracting(Attempt::outcome).containsExactly("SENT");
            for (String who : List.of("qa1", "qa2")) {
                await().atMost(WAIT).until(() -> room.notices(who, "GuidancePublished").getFirst().get("mail")
                        .get("state").asString().equals("SENT"));
            }
            int tries = room.notices("qa1", "GuidancePublished").getFirst().get("mail").get("attempts").asInt()
                    + room.notices("qa2", "GuidancePublished").getFirst().get("mail").get("attempts").asInt();
            assertThat(tries).as("four for the first mail, one for the other").isEqualTo(5);
        }
    }

    private static List<Attempt> attempts(NoticeRoom room) throws Exception {
        List<Attempt> out = new ArrayList<>();
        try (Connection c = room.db.connectAsOwner();
             PreparedStatement s = c.prepareStatement("select mail_id, at, outcome, detail from notice_mail_attempt"
                     + " order by id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new Attempt(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }
}
