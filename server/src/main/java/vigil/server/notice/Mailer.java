package vigil.server.notice;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import vigil.server.config.VigilProperties;
import vigil.server.db.Database;

/**
 * Sends the mail outbox ({@code notice_mail}) through Spring's mail support, one platform thread. A mail is tried when
 * due, oldest first; every attempt and its outcome is recorded ({@code notice_mail_attempt}). While the mail server
 * cannot be reached or answers with a pause about itself (4xx other than to {@code RCPT TO}), the round stops at that
 * first mail and the whole outbox waits ({@code retryFirst}, doubling, at most {@code retryMax} or five minutes),
 * then that mail is tried again first: one connection a round, not one a mail (docs/adr/122). A pause about one
 * mailbox (4xx to {@code RCPT TO}) holds that mail alone, with the same backoff; a refusal (5xx) is tried
 * {@code maxRefusals} times, then abandoned and logged. A mail the server took is marked sent; if the server dies in
 * between, it is sent again after the restart with the same Message-ID (docs/adr/080). It holds an advisory lock of its
 * own, so with two servers on one database one of them mails.
 */
public final class Mailer implements AutoCloseable {
    static final long LOCK_KEY = 0x7669_6769_6c6d_6169L; // "vigilmai"
    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    private static final int PAGE = 20;
    /** The outbox waits at most this long for a mail server that failed (one connection a round costs little). */
    static final Duration HOLD_AT_MOST = Duration.ofMinutes(5);

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

        /** How long the whole outbox waits after {@code failuresSoFar} failures of the mail server in a row. */
        Duration hold(int failuresSoFar) {
            Duration d = backoff(failuresSoFar);
            return d.compareTo(HOLD_AT_MOST) > 0 ? HOLD_AT_MOST : d;
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
    // The mailer thread's own: how many rounds in a row the mail server failed, and until when no mail is tried.
    private int serverFailures;
    private Instant heldUntil;

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
        if (heldUntil != null && now.isBefore(heldUntil)) {
            Duration left = Duration.between(now, heldUntil);
            return left.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : left;
        }
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
            Attempt a = send(m);
            record(c, m, a);
            if (a.aboutTheServer()) {
                hold(c, a);
                return Duration.ZERO; // the next look finds the outbox held
            }
            if (serverFailures > 0) {
                log.info("the mail server answers again; the outbox is sent");
            }
            serverFailures = 0;
            heldUntil = null;
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

    /** The mail server failed as a whole: no mail is tried until the hold ends; said once an outage. */
    private void hold(Connection c, Attempt a) throws SQLException {
        Duration hold = settings.hold(serverFailures);
        heldUntil = clock.instant().plus(hold);
        if (serverFailures == 0) {
            log.warn("the mail server fails ({}); the outbox ({} pending) waits {}s, then is tried again, oldest first,"
                    + " with a growing wait (at most {}s)", a.detail(), pending(c), hold.toSeconds(),
                    settings.hold(Integer.MAX_VALUE).toSeconds());
        }
        serverFailures++;
    }

    private static long pending(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*) from notice_mail where state = 'PENDING'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    enum Result { SENT, FAILED, REFUSED }

    /**
     * What came of one attempt; {@code aboutTheServer} when the failure is the mail server's, not this mail's: not
     * reached, or a pause (4xx) to anything but {@code RCPT TO}, or {@code 421} (closing) anywhere.
     */
    record Attempt(Result result, String detail, boolean aboutTheServer) {}

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
            return new Attempt(Result.SENT, null, false);
        } catch (MessagingException | RuntimeException e) {
            return failure(e);
        }
    }

    /** A failed attempt: whose failure it is, and what the server said (or what kept it from saying anything). */
    static Attempt failure(Throwable e) {
        if (e instanceof AddressException || e instanceof MailParseException || e instanceof MailPreparationException) {
            // This mail could not be made (an address the mail library cannot read): it never will be, and it is no
            // word about the server, so it must not hold the outbox (it would be the first mail of every round).
            return new Attempt(Result.REFUSED, "this mail could not be made: " + deepest(e), false);
        }
        MessagingException answer = answer(e);
        int code = answer == null ? greetingCode(e) : code(answer);
        if (code >= 500) {
            return new Attempt(Result.REFUSED, said(answer, e), false);
        }
        boolean aboutOneMailbox = answer instanceof SMTPAddressFailedException && code != 421;
        return new Attempt(Result.FAILED, said(answer, e), !aboutOneMailbox);
    }

    /**
     * The server's answer somewhere in {@code e}'s causes (Spring keeps it among the failed messages, the mail library
     * behind the next exceptions), the one naming a mailbox first; null when the server never answered a command.
     */
    private static MessagingException answer(Throwable e) {
        List<Throwable> todo = new ArrayList<>(List.of(e));
        Set<Throwable> seen = new HashSet<>();
        MessagingException found = null;
        while (!todo.isEmpty()) {
            Throwable t = todo.removeLast();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof SMTPAddressFailedException f) {
                return f;
            }
            if (t instanceof SMTPSendFailedException f && found == null) {
                found = f;
            }
            if (t instanceof MailSendException s) {
                todo.addAll(List.of(s.getMessageExceptions()));
            }
            if (t instanceof MessagingException me) {
                todo.add(me.getNextException());
            }
            todo.add(t.getCause());
        }
        return found;
    }

    private static int code(MessagingException answer) {
        return answer instanceof SMTPAddressFailedException f ? f.getReturnCode()
                : ((SMTPSendFailedException) answer).getReturnCode();
    }

    private static final Pattern GREETING = Pattern.compile("response: (([2-5]\\d\\d)\\b.*)");

    /** The code a server greeted with instead of 220 ("Got bad greeting … response: 421 …"), else 0. */
    private static int greetingCode(Throwable e) {
        Matcher m = GREETING.matcher(deepest(e));
        return m.find() ? Integer.parseInt(m.group(2)) : 0;
    }

    /**
     * What the attempt's record says, one line, bounded: the server's own words and the command they answered, or
     * what kept it from answering, in words (no exception class: audit 7, finding 11).
     */
    private static String said(MessagingException answer, Throwable e) {
        String words;
        if (answer != null) {
            String command = answer instanceof SMTPAddressFailedException f ? f.getCommand()
                    : ((SMTPSendFailedException) answer).getCommand();
            words = "the mail server answered " + commandName(command) + " with " + firstLine(answer.getMessage());
        } else {
            String deepest = deepest(e);
            Matcher m = GREETING.matcher(deepest);
            words = m.find() ? "the mail server answered the connection with " + m.group(1)
                    : "the mail server was not reached or did not answer: " + deepest;
        }
        return words.length() > 500 ? words.substring(0, 500) : words;
    }

    /** {@code MAIL FROM:<a@b>} as {@code MAIL FROM}; {@code .} as the end of the message. */
    private static String commandName(String command) {
        if (command == null || command.isBlank()) {
            return "a command";
        }
        if (command.trim().equals(".")) {
            return "the end of the message";
        }
        int colon = command.indexOf(':');
        return (colon > 0 ? command.substring(0, colon) : command).trim();
    }

    /** The deepest message among the causes (a refused connection, a timeout), without the class names in it. */
    private static String deepest(Throwable e) {
        String said = null;
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = next(t)) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                said = t.getMessage();
            }
        }
        return firstLine(said == null ? "no answer" : said);
    }

    /** What {@code t} was caused by: Spring keeps a failed message's cause beside it, not as its own. */
    private static Throwable next(Throwable t) {
        if (t.getCause() == null && t instanceof MailSendException s && s.getMessageExceptions().length > 0) {
            return s.getMessageExceptions()[0];
        }
        return t.getCause(); // a MessagingException's is its next exception
    }

    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error)"
            + ":\\s*");

    private static String firstLine(String s) {
        String line = s == null ? "" : s.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse("");
        line = CLASS_NAME.matcher(line).replaceAll("");
        return line.isEmpty() ? "no answer" : line;
    }

    private void record(Connection c, Mail m, Attempt a) throws SQLException {
        Instant at = clock.instant();
        int refusals = m.refusals() + (a.result() == Result.REFUSED ? 1 : 0);
        String state = a.result() == Result.SENT ? "SENT" : refusals >= settings.maxRefusals() ? "ABANDONED" : "PENDING";
        // A mail the server as a whole failed keeps its place: the outbox waits for it (hold), first in line.
        Instant next = a.result() == Result.SENT ? at : a.aboutTheServer() ? null
                : at.plus(settings.backoff(m.attempts()));
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
                    + " state = ?, next_attempt_at = coalesce(?, next_attempt_at), sent_at = ? where id = ?")) {
                s.setInt(1, refusals);
                s.setString(2, state);
                s.setTimestamp(3, next == null ? null : Timestamp.from(next));
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
        } else if (a.result() != Result.SENT && !a.aboutTheServer() && m.attempts() == 0) {
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
