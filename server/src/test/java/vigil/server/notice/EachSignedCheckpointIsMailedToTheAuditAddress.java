package vigil.server.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.notice.NoticeRoom.WAIT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.audit.Checkpointer;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * With {@code VIGIL_AUDIT_EMAIL} set, each signed checkpoint of the log's head is mailed there too, so a copy lives
 * outside the database and the data directory: the mail holds the line exactly as {@code checkpoints.log} keeps it.
 * Without SMTP the mailbox alone serves, and the server says so.
 */
class EachSignedCheckpointIsMailedToTheAuditAddress {

    @Test
    void theCheckpointLineReachesTheAuditAddress() throws Exception {
        try (NoticeRoom room = NoticeRoom.withSmtp(Map.of("vigil.audit-email", "audit@example.org"))) {
            await().atMost(WAIT).until(() -> !room.mailTo("audit@example.org").isEmpty());
            String line = Files.readAllLines(room.server.bean(Checkpointer.class).file()).getFirst();
            assertThat(NoticeRoom.subject(room.mailTo("audit@example.org").getFirst()))
                    .startsWith("[Vigil] Checkpoint of the event log at event ");
            assertThat(NoticeRoom.body(room.mailTo("audit@example.org").getFirst())).contains(line,
                    "./vigil verify-audit");
            assertThat(room.server.bean(Notices.class).describe()).contains("email through 127.0.0.1:" + room.smtpPort,
                    "each signed checkpoint is mailed to audit@example.org");
        }
    }

    @Test
    void withoutSmtpTheMailboxAloneServesAndTheServerSaysSo(@TempDir Path data) {
        Map<String, Object> settings = new LinkedHashMap<>(SharedPostgres.newDatabase().settings());
        settings.put("vigil.audit-email", "audit@example.org");
        try (TestServer server = TestServer.start(settings, data, null)) {
            server.awaitUp();
            assertThat(server.bean(Notices.class).describe()).contains("the mailbox alone",
                    "VIGIL_SMTP_HOST is not set", "without SMTP no checkpoint is mailed");
        }
    }
}
