package vigil.server.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.notice.NoticeRoom.WAIT;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The notifier passes over the events that make no notice, a span of the log at a time, and reads only the others.
 * Among 1,500 calls from new numbers, every 30th call comes again from a number heard before: each of those is a
 * previous-contacts alert to the call handler who took it, and each is one notice, wherever the spans fall.
 */
class EachAlertAmongThousandsOfQuietEventsIsToldOnce {
    private static final int CALLS = 1_500;
    private static final int EVERY = 30;

    @Test
    void oneNoticePerAlertAndNoneForTheRest() {
        try (NoticeRoom room = NoticeRoom.withSmtp()) {
            room.staff("ch1", "CALL_HANDLER", "SE");
            for (int i = 1; i <= CALLS; i++) {
                int number = i % EVERY == 0 ? i - 1 : i; // every 30th from the number of the call before it
                room.command("ch1", "{\"do\":\"RecordCall\",\"callId\":\"C" + i + "\",\"cli\":\"07700 9"
                        + String.format("%05d", number) + "\"}");
            }
            List<Long> alerts = room.events("PreviousContactsFound").stream().map(e -> e.get("seq").asLong())
                    .toList();
            assertThat(alerts).as("the room's own count of calls from a number heard before").hasSize(CALLS / EVERY);

            await().atMost(WAIT).until(() -> room.notices("ch1", "PreviousContactsFound").size() >= alerts.size());
            List<Long> told = new ArrayList<>();
            for (JsonNode n : room.notices("ch1", "PreviousContactsFound")) {
                told.add(n.get("seq").asLong());
            }
            assertThat(told).containsExactlyInAnyOrderElementsOf(alerts);
            assertThat(room.mailbox("ch1").get("notices")).as("no notice of anything else").hasSize(alerts.size());
            await().atMost(WAIT).until(() -> room.mailTo("ch1@example.org").size() >= alerts.size());
            assertThat(room.mailTo("ch1@example.org")).as("and one email of each").hasSize(alerts.size());
        }
    }
}
