package vigil.server.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.server.testing.Login;
import vigil.server.testing.ServerProcess;

/**
 * The log is the outbox. The server runs as its own process and is SIGKILLed with a scheme's activation committed but
 * its notice not yet made (the notifier held back), or with the notice made but its mail not yet sent (the SMTP server
 * down); started again, the OIC has exactly one notice of the activation and exactly one email of it.
 */
class ACrashBetweenAnEventAndItsNoticeLosesNothingAndRepeatsNothing {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void killedAfterTheEventBeforeItsNotice(@TempDir Path dir) throws Exception {
        int smtpPort = NoticeRoom.freePort();
        GreenMail smtp = smtp(smtpPort);
        smtp.start();
        try {
            Path data = dir.resolve("data");
            int port = NoticeRoom.freePort();
            long activated;
            try (ServerProcess server = ServerProcess.start(data, port, settings(smtpPort, Map.of(
                    "VIGIL_NOTICES_FOLLOW", "false")))) {
                activated = activateAScheme(server);
                assertThat(mailbox(server, "oic1").get("notices")).as("held back: no notice yet").isEmpty();
                server.kill();
            }
            try (ServerProcess server = ServerProcess.start(data, port, settings(smtpPort, Map.of()))) {
                await().atMost(WAIT).until(() -> smtp.getReceivedMessages().length >= 1);
                assertExactlyOneNoticeAndOneMail(server, smtp, activated);
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void killedAfterTheNoticeBeforeItsMail(@TempDir Path dir) throws Exception {
        int smtpPort = NoticeRoom.freePort();
        GreenMail smtp = smtp(smtpPort); // not started: the first server cannot mail
        try {
            Path data = dir.resolve("data");
            int port = NoticeRoom.freePort();
            long activated;
            try (ServerProcess server = ServerProcess.start(data, port, settings(smtpPort, Map.of()))) {
                activated = activateAScheme(server);
                await().atMost(WAIT).until(() -> mailbox(server, "oic1").get("notices").size() == 1);
                await().atMost(WAIT).until(() -> mailbox(server, "oic1").get("notices").get(0).get("mail")
                        .get("attempts").asInt() >= 1);
                server.kill();
            }
            smtp.start();
            try (ServerProcess server = ServerProcess.start(data, port, settings(smtpPort, Map.of()))) {
                await().atMost(WAIT).until(() -> smtp.getReceivedMessages().length >= 1);
                assertExactlyOneNoticeAndOneMail(server, smtp, activated);
            }
        } finally {
            smtp.stop();
        }
    }

    private static void assertExactlyOneNoticeAndOneMail(ServerProcess server, GreenMail smtp, long activated)
            throws Exception {
        await().atMost(WAIT).until(() -> "SENT".equals(mailbox(server, "oic1").get("notices").get(0).get("mail")
                .get("state").asString()));
        List<JsonNode> notices = mailbox(server, "oic1").get("notices").valueStream().toList();
        assertThat(notices).as("one notice of the activation").singleElement().satisfies(n -> {
            assertThat(n.get("seq").asLong()).isEqualTo(activated);
            assertThat(n.get("kind").asString()).isEqualTo("SchemeActivated");
        });
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).as("one email of it").hasSize(1);
        assertThat(NoticeRoom.subject(mails[0])).contains("Special scheme S1 is active");
        assertThat(NoticeRoom.messageId(mails[0])).startsWith("<notice." + activated + ".");
    }

    private static GreenMail smtp(int port) {
        return new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    private static Map<String, String> settings(int smtpPort, Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VIGIL_SMTP_HOST", "127.0.0.1");
        env.put("VIGIL_SMTP_PORT", Integer.toString(smtpPort));
        env.put("VIGIL_SMTP_STARTTLS", "false");
        env.put("VIGIL_SMTP_FROM", "vigil@control-room.example");
        env.put("VIGIL_NOTICES_RETRY_FIRST", "PT0.5S");
        env.put("VIGIL_NOTICES_RETRY_MAX", "PT1S");
        env.putAll(more);
        return env;
    }

    /** An OIC and the RTRD on the roster; the OIC's scheme activated. The activation's seq. */
    private static long activateAScheme(ServerProcess server) throws Exception {
        Login login = server.login();
        for (String[] s : new String[][] {{"oic1", "OIC", "SE"}, {"rtrd1", "RTRD", "SE"}}) {
            HttpResponse<String> r = send(server, login, "admin", "/api/staff", "{\"staffId\":\"" + s[0]
                    + "\",\"role\":\"" + s[1] + "\",\"bcu\":\"" + s[2] + "\",\"email\":\"" + s[0] + "@example.org\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            login.remember(s[0], JSON.readTree(r.body()).get("password").asString());
        }
        HttpResponse<String> requested = send(server, login, "oic1", "/api/commands",
                NoticeRoom.requestScheme("S1", "oic1", "SE"));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(200);
        HttpResponse<String> activated = send(server, login, "rtrd1", "/api/commands",
                "{\"do\":\"ActivateScheme\",\"schemeId\":\"S1\"}");
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
        return JSON.readTree(activated.body()).get("lastSeq").asLong();
    }

    private static JsonNode mailbox(ServerProcess server, String who) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(server.login().as(HttpRequest.newBuilder(server.base().resolve(
                "/api/notices")).timeout(Duration.ofSeconds(10)).GET(), who).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(ServerProcess server, Login login, String who, String path, String body)
            throws IOException, InterruptedException {
        return HTTP.send(login.as(HttpRequest.newBuilder(server.base().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), who)
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
