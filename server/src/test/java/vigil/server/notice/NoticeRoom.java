package vigil.server.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TempDirs;
import vigil.server.testing.TestServer;

/**
 * A control room with a real SMTP server beside it (GreenMail, on a port of its own, started now or later), on a clock
 * the story moves. Staff are added as the administrator adds them, each with an address {@code ID@example.org}.
 */
final class NoticeRoom implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(30);

    final SettableClock clock = new SettableClock(T0);
    final int smtpPort = freePort();
    final GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    final SharedPostgres.Db db = SharedPostgres.newDatabase();
    final Path data;
    final TestServer server;

    private NoticeRoom(boolean smtpUp, Map<String, Object> more) {
        try {
            data = Files.createTempDirectory("vigil-notices");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (smtpUp) {
            smtp.start();
        }
        Map<String, Object> settings = new LinkedHashMap<>(db.settings());
        settings.putAll(smtpSettings(smtpPort));
        settings.putAll(more);
        server = TestServer.start(settings, data, clock);
        server.awaitUp();
    }

    static NoticeRoom withSmtp() {
        return new NoticeRoom(true, Map.of());
    }

    /** The SMTP server is down until {@link #smtpComesUp}. */
    static NoticeRoom withSmtpDown() {
        return new NoticeRoom(false, Map.of());
    }

    /** GreenMail is down until {@link #smtpComesUp}; {@code more} may point the server at another SMTP server. */
    static NoticeRoom withSmtpDown(Map<String, Object> more) {
        return new NoticeRoom(false, more);
    }

    static NoticeRoom withSmtp(Map<String, Object> more) {
        return new NoticeRoom(true, more);
    }

    static Map<String, Object> smtpSettings(int port) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vigil.smtp.host", "127.0.0.1");
        m.put("vigil.smtp.port", port);
        m.put("vigil.smtp.starttls", false); // GreenMail's plain SMTP offers none
        m.put("vigil.smtp.from", "vigil@control-room.example");
        m.put("vigil.notices.retry-first", "PT5S");
        m.put("vigil.notices.retry-max", "PT1M");
        return m;
    }

    void smtpComesUp() {
        smtp.start();
    }

    /** Adds {@code id} (address {@code id@example.org}) through {@code POST /api/staff}, as the administrator does. */
    NoticeRoom staff(String id, String role, String bcu) {
        String body = "{\"staffId\":\"" + id + "\",\"role\":\"" + role + "\"" + (bcu == null ? "" : ",\"bcu\":\"" + bcu
                + "\"") + ",\"email\":\"" + id + "@example.org\"}";
        TestServer.Response r = server.send(server.login().as(HttpRequest.newBuilder(server.base().resolve(
                "/api/staff")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                body)), "admin"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        server.login().remember(id, r.json().get("password").asString());
        return this;
    }

    /** {@code who} sends {@code body}; it must be accepted. */
    JsonNode command(String who, String body) {
        TestServer.Response r = server.command(who, body);
        assertThat(r.status()).as("%s as %s: %s", body, who, r.body()).isEqualTo(200);
        return r.json();
    }

    /** {@code who}'s mailbox ({@code GET /api/notices}). */
    JsonNode mailbox(String who) {
        TestServer.Response r = server.get(who, "/api/notices?limit=500");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** {@code who}'s notices of {@code kind}. */
    List<JsonNode> notices(String who, String kind) {
        return mailbox(who).get("notices").valueStream().filter(n -> n.get("kind").asString().equals(kind)).toList();
    }

    /** The log's events of {@code type}. */
    List<JsonNode> events(String type) {
        return server.events().stream().filter(e -> e.get("type").asString().equals(type)).toList();
    }

    /** Moves the clock to {@code t} and waits until the log has an event of {@code type}. */
    JsonNode clockReaches(Instant t, String type) {
        clock.set(t);
        await().atMost(WAIT).until(() -> !events(type).isEmpty());
        return events(type).getFirst();
    }

    /** Every mail the SMTP server took, to {@code address}. */
    List<MimeMessage> mailTo(String address) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))) {
                    out.add(m);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** The mails to {@code address} whose subject contains {@code words}. */
    List<MimeMessage> mailTo(String address, String words) {
        return mailTo(address).stream().filter(m -> subject(m).contains(words)).toList();
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String body(MimeMessage m) {
        return GreenMailUtil.getBody(m).replace("=\r\n", "").replace("\r\n", "\n");
    }

    static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete Form 4564 for scheme {@code id}, its OIC {@code oic}, in {@code bcu}. */
    static String requestScheme(String id, String oic, String bcu) {
        return "{\"do\":\"RequestScheme\",\"schemeId\":\"" + id + "\",\"address\":\"1 High Street, London SE1 1AA\","
                + "\"clis\":[\"07700 900999\"],\"victimName\":\"Jane Doe\",\"preferredContact\":{\"method\":\"phone\","
                + "\"detail\":\"07700 900999\"},\"oic\":\"" + oic + "\",\"bcu\":\"" + bcu + "\",\"crimeRef\":\"CR-"
                + id + "\",\"instructions\":\"Attend as an emergency\",\"requiredGrade\":\"I\"}";
    }

    @Override
    public void close() {
        server.close();
        smtp.stop();
        TempDirs.delete(data);
    }
}
