package vigil.server.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.notice.NoticeRoom.WAIT;
import static vigil.server.notice.NoticeRoom.body;
import static vigil.server.notice.NoticeRoom.messageId;
import static vigil.server.notice.NoticeRoom.subject;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * In 2018 the review emails were the only thing that made an OIC act on a special scheme. The activation tells the OIC
 * what to explain to the victim; the first-stage review reaches the OIC by email, once, with the amended instruction
 * (contact the victim whether the scheme is extended or withdrawn, record it on CRIS, the RTRD will not); fourteen days
 * without a decision and the second-stage review reaches the crime manager of the scheme's BCU, once, and no crime
 * manager of another BCU.
 */
class TheSchemeReviewsReachTheirOfficersByEmail {

    @Test
    void firstStageToTheOicAndSecondStageToTheBcusCrimeManagerEachOnce() {
        try (NoticeRoom room = NoticeRoom.withSmtp()) {
            room.staff("oic1", "OIC", "SE").staff("rtrd1", "RTRD", null)
                    .staff("cm-se", "CRIME_MANAGER", "SE").staff("cm-ce", "CRIME_MANAGER", "CE");
            room.command("oic1", NoticeRoom.requestScheme("S1", "oic1", "SE"));
            JsonNode activated = room.command("rtrd1", "{\"do\":\"ActivateScheme\",\"schemeId\":\"S1\"}")
                    .get("events").get(0);
            room.clock.advance(Duration.ofHours(1));
            room.command("oic1", "{\"do\":\"RecordVictimContact\",\"schemeId\":\"S1\",\"method\":\"phone\","
                    + "\"outcome\":\"CONTACTED\",\"explained\":[\"SCHEME\",\"DURATION\"]}");

            await().atMost(WAIT).until(() -> !room.mailTo("oic1@example.org", "is active").isEmpty());
            String activation = body(room.mailTo("oic1@example.org", "is active").getFirst());
            assertThat(activation).contains("MUST now make contact with the victim", "how long it is intended to be",
                    "withdrawn after an assessment of risk", "Record every contact and every attempted contact",
                    "The Real Time Response Desk has no contact with the victim");

            JsonNode first = room.clockReaches(Instant.parse(activated.get("firstReviewAt").asString()),
                    "FirstStageReviewSent");
            await().atMost(WAIT).until(() -> !room.mailTo("oic1@example.org", "First-stage review").isEmpty());
            List<MimeMessage> firstStage = room.mailTo("oic1@example.org", "First-stage review");
            assertThat(firstStage).as("one first-stage email to the OIC").hasSize(1);
            String text = body(firstStage.getFirst());
            assertThat(text).contains("you MUST contact the victim", "being extended or withdrawn",
                    "Record all contact and all attempted contact with the victim on CRIS",
                    "will not contact the victim on your behalf", "second-stage review goes to the BCU crime manager");
            assertThat(subject(firstStage.getFirst())).isEqualTo("[Vigil] First-stage review of special scheme S1:"
                    + " contact the victim");
            assertThat(messageId(firstStage.getFirst())).isEqualTo("<notice." + first.get("seq").asLong() + "."
                    + HexFormat.of().formatHex("oic1".getBytes()) + "@control-room.example>");
            assertThat(room.notices("oic1", "FirstStageReviewSent")).singleElement()
                    .satisfies(n -> assertThat(n.get("link").asString()).isEqualTo("/schemes/S1"));

            room.clockReaches(Instant.parse(first.get("at").asString()).plus(Duration.ofDays(14)),
                    "SecondStageReviewSent");
            await().atMost(WAIT).until(() -> !room.mailTo("cm-se@example.org", "Second-stage review").isEmpty());
            assertThat(room.mailTo("cm-se@example.org", "Second-stage review")).as("one to the SE crime manager")
                    .hasSize(1).first().satisfies(m -> assertThat(body(m)).contains("has not decided",
                            "make sure the review is conducted"));
            assertThat(room.mailTo("cm-ce@example.org")).as("nothing to another BCU's crime manager").isEmpty();
            assertThat(room.mailbox("cm-ce").get("notices")).isEmpty();
            assertThat(room.mailTo("oic1@example.org", "First-stage review")).as("still one").hasSize(1);
        }
    }
}
