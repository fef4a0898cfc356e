package vigil.server.notice;

import java.sql.Timestamp;
import java.time.InstantSource;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import vigil.server.audit.Checkpoint;
import vigil.server.audit.CheckpointListener;

/**
 * Mails each signed checkpoint to {@code VIGIL_AUDIT_EMAIL} (with SMTP configured), so a copy of the chain's head lives
 * outside the database and the data directory (docs/adr/050, 080). The checkpoint goes into the outbox, so the mailer
 * retries it like any mail, and one written as the server stops is mailed at the next start.
 */
final class CheckpointMail implements CheckpointListener {
    private final JdbcClient jdbc;
    private final Mailer mailer;
    private final String address;
    private final InstantSource clock;

    CheckpointMail(DataSource dataSource, Mailer mailer, String address, InstantSource clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.mailer = mailer;
        this.address = address == null || address.isBlank() ? null : address.trim();
        this.clock = clock;
    }

    @Override
    public void written(Checkpoint c) {
        if (address == null || !mailer.enabled()) {
            return;
        }
        String body = """
                Vigil signed a checkpoint of its event log: the log ended at event %d, whose chain hash is %s, at %s.

                The line as kept in checkpoints.log:
                %s

                Keep this mail. ./vigil verify-audit checks the log against checkpoints.log; if that file was lost or
                rewritten, put this line back in it: a log rewritten since this checkpoint fails the check.
                """.formatted(c.seq(), c.head(), c.at(), c.line());
        var now = Timestamp.from(clock.instant());
        jdbc.sql("insert into notice_mail (address, subject, body, message_id, state, next_attempt_at, created_at)"
                        + " values (?, ?, ?, ?, 'PENDING', ?, ?) on conflict (message_id) do nothing")
                .params(address, "[Vigil] Checkpoint of the event log at event " + c.seq(), body,
                        MessageIds.checkpoint(c.seq(), c.at().toEpochMilli(), mailer.messageIdDomain()), now, now)
                .update();
        mailer.wake();
    }
}
