package vigil.server.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import vigil.server.live.Aside;
import vigil.server.live.AsideSource;

/**
 * The mailbox: each member of staff's notices, newest first, with the count of those unread; marking one read; and the
 * notices a live stream carries as {@code notice} frames (docs/adr/081). A notice is only ever its recipient's.
 */
public final class Notices {
    /** At most this many notices in one answer, and in one stream's catch-up. */
    public static final int MAX_PAGE = 500;
    static final int STREAM_CATCH_UP = 1_000;
    private static final String COLUMNS = "n.id, n.seq, n.recipient, n.kind, n.subject, n.body, n.link, n.created_at,"
            + " n.read_at, m.state, m.attempts, m.sent_at";
    private static final String FROM = " from notice n left join notice_mail m on m.notice_id = n.id";

    private final JdbcClient jdbc;
    private final InstantSource clock;
    private final Mailer mailer;
    private final String auditEmail;

    Notices(DataSource dataSource, InstantSource clock, Mailer mailer, String auditEmail) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
        this.mailer = mailer;
        this.auditEmail = auditEmail;
    }

    /** Some of a mailbox: {@code notices}, newest first, and how many of all of them are unread. */
    public record Mailbox(long unread, List<Notice> notices) {}

    /** {@code staffId}'s notices, newest first: at most {@code limit}, those before notice {@code before} if given. */
    public Mailbox mine(String staffId, int limit, Long before) {
        List<Notice> page = jdbc.sql("select " + COLUMNS + FROM + " where n.recipient = ? and n.id < ?"
                        + " order by n.id desc limit ?")
                .params(staffId, before == null ? Long.MAX_VALUE : before, Math.min(limit, MAX_PAGE))
                .query((rs, i) -> notice(rs)).list();
        return new Mailbox(unread(staffId), page);
    }

    /** How many of {@code staffId}'s notices are unread. */
    public long unread(String staffId) {
        return jdbc.sql("select count(*) from notice where recipient = ? and read_at is null").param(staffId)
                .query(Long.class).single();
    }

    /** Marks {@code staffId}'s notice {@code id} read (once: the first time stays); empty when it is not theirs. */
    public Optional<Notice> markRead(String staffId, long id) {
        jdbc.sql("update notice set read_at = ? where id = ? and recipient = ? and read_at is null")
                .params(Timestamp.from(clock.instant()), id, staffId).update();
        return jdbc.sql("select " + COLUMNS + FROM + " where n.id = ? and n.recipient = ?").params(id, staffId)
                .query((rs, i) -> notice(rs)).optional();
    }

    /** Every attempt to mail notice {@code id}, oldest first: {@code at outcome detail}. */
    public List<String> attempts(long noticeId) {
        return jdbc.sql("select a.at, a.outcome, a.detail from notice_mail_attempt a join notice_mail m"
                        + " on m.id = a.mail_id where m.notice_id = ? order by a.id").param(noticeId)
                .query((rs, i) -> rs.getTimestamp(1).toInstant() + " " + rs.getString(2)
                        + (rs.getString(3) == null ? "" : " " + rs.getString(3))).list();
    }

    /**
     * The {@code notice} frames a live stream of {@code staffId}'s carries from its start: those of events after the
     * position it starts from, and those made since that position's event was committed (a stream that went away
     * between an event and its notice would otherwise never get the notice). The 1,000 most recent at most; the
     * mailbox has all.
     */
    public AsideSource asides(String staffId) {
        return after -> {
            long madeUpTo = jdbc.sql("select coalesce(max(id), 0) from notice").query(Long.class).single();
            List<Aside> asides = jdbc.sql("select " + COLUMNS + FROM + " where n.recipient = ? and n.id <= ?"
                            + " and (n.seq > ? or n.created_at >= (select at from event where seq = ?))"
                            + " order by n.id desc limit ?")
                    .params(staffId, madeUpTo, after, after, STREAM_CATCH_UP)
                    .query((rs, i) -> aside(notice(rs))).list();
            return new AsideSource.CatchUp(asides, madeUpTo);
        };
    }

    static Aside aside(Notice n) {
        return new Aside(n.id(), n.seq(), "notice", n.jsonText());
    }

    /** One line for the start-up message: how notices reach people. */
    public String describe() {
        String how = mailer.describe();
        if (auditEmail == null || auditEmail.isBlank()) {
            return how;
        }
        return how + (mailer.enabled() ? "; each signed checkpoint is mailed to " + auditEmail
                : "; VIGIL_AUDIT_EMAIL is set but without SMTP no checkpoint is mailed");
    }

    private static Notice notice(ResultSet rs) throws SQLException {
        Timestamp read = rs.getTimestamp(9);
        String state = rs.getString(10);
        Timestamp sent = rs.getTimestamp(12);
        return new Notice(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), read == null ? null : read.toInstant(),
                state == null ? null : new Notice.Mail(state, rs.getInt(11), sent == null ? null : sent.toInstant()));
    }
}
