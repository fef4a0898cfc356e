package vigil.server.notice;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import vigil.server.config.VigilProperties;
import vigil.server.db.Database;

/**
 * Sends the mail outbox ({@code notice_mail}) through Spring's mail support, one platform thread. A mail is tried when
 * due; every attempt and its outcome is recorded ({@code notice_mail_attempt}). While the server cannot be reached or
 * answers with a pause (4xx), it is tried again after an exponential backoff ({@code retryFirst}, doubling, at most
 * {@code retryMax}) for as long as it takes; a refusal (5xx) is tried {@code maxRefusals} times, then abandoned and
 * logged. A mail the server took is marked sent; if the server dies in between, it is sent again after the restart
 * with the same Message-ID (docs/adr/080). It holds an advisory lock of its own, so with two servers on one database
 * one of them mails.
 */
public final class Mailer implements AutoCloseable {
    static final long LOCK_KEY = 0x7669_6769_6c6d_6169L; // "vigilmai"
    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    private static final int PAGE = 20;

    /** How failures are retried. */
    record Settings(Duration retryFirst, Duration retryMax, int maxRefusals) {
        Settings {
            if (retryFirst.isNegative() || retryFirst.isZero() || retryMax.compareTo(retryFirst) < 0 || maxRefusals < 1) {
                throw new IllegalArgumentException("vigil.notices: retry-first must be more than 0 and at most"
                        + " retry-max, max-refusals at least 1");
            }
        }

        Duration backoff(int failuresSoFar) {
            Duration d = retryFirst;
            for (int i = 0; i < failuresSoFar && d.compareTo(retryMax) < 0; i++) {
                d = d.multipliedBy(2);
            }
            return d.compareTo(retryMax) > 0 ? retryMax : d;
        }
    }

    private final Database database;
    private final VigilProperties.Smtp smtp;
    private final String from;
    private final InstantSource clock;
    private final Settings settings;
    private final JavaMailSenderImpl sender;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean nudged;
    private volatile boolean stopping;

    Mailer(Database database, VigilProperties.Smtp smtp, InstantSource clock, Settings settings) {
        this.database = database;
        this.smtp = smtp;
        this.clock = clock;
        this.settings = settings;
        this.from = fromAddress(smtp);
        this.sender = smtp.configured() ? sender(smtp) : null;
        this.thread = Thread.ofPlatform().name("vigil-mailer").daemon().unstarted(this::run);
    }

    /** Whether notices are mailed at all (SMTP is configured). */
    public boolean enabled() {
        return sender != null;
    }

    /** The sender's address ({@code VIGIL_SMTP_FROM}, else the SMTP user when it is an address, else vigil@host). */
    String from() {
        return from;
    }

    /** The right side of every Message-ID this server makes. */
    String messageIdDomain() {
        return MessageIds.domainOf(from);
    }

    String describe() {
        return enabled() ? "the mailbox, and email through " + smtp.host() + ":" + smtp.port() + " from " + from
                + (smtp.starttls() ? " (STARTTLS required)" : " (without STARTTLS)")
                : "the mailbox alone (VIGIL_SMTP_HOST is not set: nothing is mailed)";
    }

    static String fromAddress(VigilProperties.Smtp smtp) {
        if (smtp.from() != null && !smtp.from().isBlank()) {
            return smtp.from().trim();
        }
        if (smtp.user() != null && smtp.user().contains("@")) {
            return smtp.user().trim();
        }
        return "vigil@" + (smtp.host() == null ? "localhost" : smtp.host().trim());
    }

    private static JavaMailSenderImpl sender(VigilProperties.Smtp smtp) {
        JavaMailSenderImpl s = new JavaMailSenderImpl();
        s.setHost(smtp.host().trim());
        s.setPort(smtp.port());
        boolean auth = smtp.user() != null && !smtp.user().isBlank();
        if (auth) {
            s.setUsername(smtp.user());
            s.setPassword(smtp.password());
        }
        s.setDefaultEncoding("UTF-8");
        Properties p = s.getJavaMailProperties();
        p.setProperty("mail.smtp.auth", Boolean.toString(auth));
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
        // A server that does not answer must not hold the outbox for ever: it is tried again later.
        p.setProperty("mail.smtp.connectiontimeout", "10000");
        p.setProperty("mail.smtp.timeout", "30000");
        p.setProperty("mail.smtp.writetimeout", "30000");
        return s;
    }

    Mailer start() {
        if (enabled()) {
            thread.start();
        }
        return this;
    }

    /** Something new is in the outbox: look now rather than at the next due time. */
    void wake() {
        lock.lock();
        try {
            nudged = true;
            woken.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        boolean failedBefore = false;
        while (!stopping) {
            try (Connection c = database.connect("vigil-mailer")) {
                if (!Notifier.tryLock(c, LOCK_KEY)) {
                    pause(Duration.ofSeconds(2));
                    continue;
                }
                failedBefore = false;
                while (!stopping) {
                    Duration wait = sendDue(c);
                    pause(wait);
                }
            } catch (SQLException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                if (!failedBefore) {
                    log.warn("the mailer cannot read its outbox ({}); retrying", e.toString());
                }
                failedBefore = true;
                pause(Duration.ofSeconds(2));
            }
        }
    }

    private record Mail(long id, String address, String subject, String body, String messageId, int attempts,
                        int refusals) {}

    /** Sends every mail due now; how long until the next is due (at most a second: the clock may be moved). */
    private Duration sendDue(Connection c) throws SQLException {
        Instant now = clock.instant();
        Deque<Mail> due = new ArrayDeque<>();
        try (PreparedStatement s = c.prepareStatement("select id, address, subject, body, message_id, attempts, refusals"
                + " from notice_mail where state = 'PENDING' and next_attempt_at <= ? order by next_attempt_at, id"
                + " limit " + PAGE)) {
            s.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    due.add(new Mail(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getInt(7)));
                }
            }
        }
        for (Mail m : due) {
            if (stopping) {
                return Duration.ZERO;
            }
            record(c, m, send(m));
        }
        if (due.size() == PAGE) {
            return Duration.ZERO;
        }
        try (PreparedStatement s = c.prepareStatement("select min(next_attempt_at) from notice_mail"
                + " where state = 'PENDING'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            Timestamp next = rs.getTimestamp(1);
            Duration wait = next == null ? Duration.ofSeconds(1) : Duration.between(clock.instant(), next.toInstant());
            return wait.isNegative() ? Duration.ZERO : wait.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1)
                    : wait;
        }
    }

    enum Result { SENT, FAILED, REFUSED }

    record Attempt(Result result, String detail) {}

    private Attempt send(Mail m) {
        try {
            MimeMessage message = new MimeMessage(sender.getSession()) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", m.messageId()); // derived, not random: a resend is the same message
                }
            };
            MimeMessageHelper h = new MimeMessageHelper(message, false, "UTF-8");
            h.setFrom(from);
            h.setTo(m.address());
            h.setSubject(m.subject());
            h.setText(m.body(), false);
            h.setSentDate(Date.from(clock.instant()));
            sender.send(message);
            return new Attempt(Result.SENT, null);
        } catch (MessagingException | RuntimeException e) {
            int code = replyCode(e);
            return new Attempt(code >= 500 ? Result.REFUSED : Result.FAILED,
                    (code > 0 ? "SMTP " + code + ": " : "") + plain(e));
        }
    }

    /** The SMTP reply code somewhere in {@code e}'s causes (0 when the server never answered: not reached). */
    static int replyCode(Throwable e) {
        List<Throwable> todo = new ArrayList<>(List.of(e));
        Set<Throwable> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Throwable t = todo.removeLast();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof SMTPSendFailedException f) {
                return f.getReturnCode();
            }
            if (t instanceof SMTPAddressFailedException f) {
                return f.getReturnCode();
            }
            if (t instanceof MailSendException s) {
                todo.addAll(List.of(s.getMessageExceptions()));
            }
            if (t instanceof MessagingException me) {
                todo.add(me.getNextException());
            }
            todo.add(t.getCause());
        }
        return 0;
    }

    /** The deepest message, one line, bounded: what the attempt's record says (no trace, no class). */
    private static String plain(Throwable e) {
        String said = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                said = t.getMessage();
            }
        }
        said = said == null ? "no answer" : said.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst()
                .orElse("no answer");
        return said.length() > 500 ? said.substring(0, 500) : said;
    }

    private void record(Connection c, Mail m, Attempt a) throws SQLException {
        Instant at = clock.instant();
        int refusals = m.refusals() + (a.result() == Result.REFUSED ? 1 : 0);
        String state = a.result() == Result.SENT ? "SENT" : refusals >= settings.maxRefusals() ? "ABANDONED" : "PENDING";
        Instant next = a.result() == Result.SENT ? at : at.plus(settings.backoff(m.attempts()));
        c.setAutoCommit(false);
        try {
            try (PreparedStatement s = c.prepareStatement("insert into notice_mail_attempt (mail_id, at, outcome, detail)"
                    + " values (?, ?, ?, ?)")) {
                s.setLong(1, m.id());
                s.setTimestamp(2, Timestamp.from(at));
                s.setString(3, a.result().name());
                s.setString(4, a.detail());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("update notice_mail set attempts = attempts + 1, refusals = ?,"
                    + " state = ?, next_attempt_at = ?, sent_at = ? where id = ?")) {
                s.setInt(1, refusals);
                s.setString(2, state);
                s.setTimestamp(3, Timestamp.from(next));
                s.setTimestamp(4, a.result() == Result.SENT ? Timestamp.from(at) : null);
                s.setLong(5, m.id());
                s.executeUpdate();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        if (state.equals("ABANDONED")) {
            log.warn("mail {} to {} abandoned after {} refusals: {}", m.messageId(), m.address(), refusals, a.detail());
        } else if (a.result() != Result.SENT && m.attempts() == 0) {
            log.warn("mail {} to {} not sent ({}); retrying with backoff", m.messageId(), m.address(), a.detail());
        }
    }

    /** Waits {@code d}, or less when woken or stopped (an elapsed-time wait, not a clock read). */
    private void pause(Duration d) {
        lock.lock();
        try {
            long left = d.toNanos();
            while (!nudged && !stopping && left > 0) {
                left = woken.awaitNanos(left);
            }
            nudged = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        stopping = true;
        wake();
        if (thread.isAlive()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(40));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
