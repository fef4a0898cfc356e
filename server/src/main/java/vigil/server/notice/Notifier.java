package vigil.server.notice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.server.db.Database;
import vigil.server.live.Aside;
import vigil.server.live.LiveEvents;
import vigil.server.log.CommitListener;
import vigil.server.notice.NoticeTable.Made;
import vigil.server.staff.StaffAccounts;
import vigil.sim.json.EventJson;

/**
 * Turns the event log into notices (docs/adr/080), one platform thread. The log is the outbox: the notifier reads the
 * events after its own recorded position ({@code notice_position}) of the kinds that make notices or change who gets
 * them (the others pass unread), plans each event's notices from the roster as it stood at that event
 * ({@link Addressbook}, {@link NoticeRules}), fills their templates, and saves the batch's notices, their mail (when
 * SMTP is configured and the recipient has an address) and its new position in one transaction. Killed anywhere, it
 * starts again from the saved position; a notice already saved is not saved again (unique on seq and recipient), and
 * neither is its mail (unique on its Message-ID). Only after the commit is each new notice handed to its recipient's
 * live streams and the mailer woken. The writer's news of a commit wakes it; without news it looks at the log every
 * second. It holds an advisory lock of its own, so with two servers on one database one of them notifies.
 */
public final class Notifier implements CommitListener, AutoCloseable {
    static final long LOCK_KEY = 0x7669_6769_6c6e_7463L; // "vigilntc"
    /** The most events a batch spans, by seq (the kinds it reads are fewer). */
    static final int BATCH = 1_000;
    /** How long a caught-up notifier lets events gather before its next batch: a notice is that much later. */
    static final long GATHER_MILLIS = 100;
    private static final String NAME = "notifier";
    /** What the notifier reads of the log: the events that make notices or change its addressbook. */
    private static final Set<String> READS = java.util.stream.Stream.concat(NoticeRules.TYPES.stream(),
            Addressbook.TYPES.stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final Database database;
    private final Policy policy;
    private final Templates templates;
    private final InstantSource clock;
    private final LiveEvents live;
    private final Mailer mailer;
    private final StaffAccounts staff;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition news = lock.newCondition();
    private long heardUpTo;
    private volatile boolean stopping;
    private volatile long notifiedUpTo;

    Notifier(Database database, Policy policy, Templates templates, InstantSource clock, LiveEvents live,
             Mailer mailer, StaffAccounts staff) {
        this.database = database;
        this.policy = policy;
        this.templates = templates;
        this.clock = clock;
        this.live = live;
        this.mailer = mailer;
        this.staff = staff;
        this.thread = Thread.ofPlatform().name("vigil-notifier").daemon().unstarted(this::run);
    }

    Notifier start() {
        thread.start();
        return this;
    }

    /** The last event whose notices are saved (0 before the first batch of this server). */
    public long notifiedUpTo() {
        return notifiedUpTo;
    }

    // --- news from the writer (never waits) ------------------------------------------------------------------------

    @Override
    public void committed(Commit commit) {
        heard(commit.lastSeq());
    }

    @Override
    public void rebuilt(long lastSeq) {
        heard(lastSeq);
    }

    private void heard(long lastSeq) {
        lock.lock();
        try {
            heardUpTo = Math.max(heardUpTo, lastSeq);
            news.signal();
        } finally {
            lock.unlock();
        }
    }

    // --- the notifier's thread ----------------------------------------------------------------------------------

    private void run() {
        boolean failedBefore = false;
        while (!stopping) {
            try (Connection c = database.connect("vigil-notifier")) {
                if (!tryLock(c, LOCK_KEY)) {
                    pause(2_000, Long.MAX_VALUE);
                    continue;
                }
                failedBefore = false;
                follow(c);
            } catch (SQLException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                if (!failedBefore) {
                    log.warn("the notifier stopped ({}); it goes on from its saved position", e.toString());
                }
                failedBefore = true;
                pause(2_000, Long.MAX_VALUE);
            }
        }
    }

    static boolean tryLock(Connection c, long key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            s.setLong(1, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void follow(Connection c) throws SQLException {
        long position = position(c);
        Addressbook book = addressbook(c, position);
        notifiedUpTo = position;
        while (!stopping) {
            long next = batch(c, book, position);
            if (next == position) {
                pause(1_000, position);
            } else if (next - position < BATCH) {
                // Caught up: let events gather for a moment. Woken by every commit, it ran a query and a transaction
                // of its own for each, at the writer's rate of commits (docs/adr/055).
                pause(GATHER_MILLIS, Long.MAX_VALUE);
            }
            position = next;
        }
    }

    private static long position(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into notice_position (name, last_seq) values (?, 0)"
                + " on conflict (name) do nothing")) {
            s.setString(1, NAME);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("select last_seq from notice_position where name = ?")) {
            s.setString(1, NAME);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The addressbook as it stood after event {@code upTo}, from the few kinds of event that change it. */
    private static Addressbook addressbook(Connection c, long upTo) throws SQLException {
        Addressbook book = new Addressbook();
        c.setAutoCommit(false); // a cursor: the log is streamed, not held in memory
        try (PreparedStatement s = c.prepareStatement("select payload from event where seq <= ? and type = any(?)"
                + " order by seq")) {
            s.setFetchSize(2_000);
            s.setLong(1, upTo);
            s.setArray(2, c.createArrayOf("text", Addressbook.TYPES.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    book.apply(EventJson.parse(rs.getString(1)));
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        return book;
    }

    /** One batch: the position after it (unchanged when the log had nothing new). */
    private long batch(Connection c, Addressbook book, long position) throws SQLException {
        long last = Math.min(NoticeTable.lastSeq(c), position + BATCH);
        if (last <= position) {
            return position;
        }
        List<Made> made = new ArrayList<>();
        NoticeTable.read(c, position, last, READS, (seq, payload) -> {
            Recorded r = EventJson.parse(payload);
            JsonNode line = null;
            for (NoticeRules.Planned p : NoticeRules.plan(r, book)) {
                line = line == null ? JSON.readTree(payload) : line;
                Templates.Text t = text(p.kind(), r, seq, line, book, p.recipient());
                made.add(new Made(seq, p.recipient(), p.kind(), t.subject(), t.body(), NoticeRules.link(line),
                        p.terminal()));
            }
            book.apply(r);
        });
        List<Notice> saved = save(c, made, last);
        notifiedUpTo = last;
        for (Notice n : saved) {
            live.aside(n.recipient(), new Aside(n.id(), n.seq(), "notice", n.jsonText()));
        }
        if (saved.stream().anyMatch(n -> n.mail() != null)) {
            mailer.wake();
        }
        return last;
    }

    /**
     * A notice's text; when its template cannot be filled, a plain text naming the event, and a warning. A notice
     * whose text failed stopped the notifier at that event, and with it every later notice to everyone (audit 7).
     */
    private Templates.Text text(String kind, Recorded r, long seq, JsonNode line, Addressbook book, String recipient) {
        try {
            return templates.render(kind, NoticeRules.values(r, line, book, policy, recipient));
        } catch (RuntimeException e) {
            log.warn("notice {} of event {} to {}: its text cannot be made ({}); a plain notice is sent instead", kind,
                    seq, recipient, e.getMessage());
            return Templates.plain(r.event().type(), seq, NoticeRules.link(line));
        }
    }

    /** The batch's notices, their mail and the new position, in one transaction: the notices it made. */
    private List<Notice> save(Connection c, List<Made> made, long last) throws SQLException {
        Instant now = clock.instant();
        Map<String, Account> accounts = accounts(made);
        Map<String, Made> kept = new LinkedHashMap<>(); // one notice per event and recipient, as the table keeps them
        for (Made m : made) {
            Account a = accounts.get(m.recipient());
            if (!m.terminal() || a != null && a.terminal()) { // else the unit has no terminal: the despatcher radios it
                kept.putIfAbsent(NoticeTable.key(m.seq(), m.recipient()), m);
            }
        }
        List<Notice> saved = new ArrayList<>();
        c.setAutoCommit(false);
        try {
            Map<String, Long> ids = NoticeTable.insertNotices(c, kept.values(), now);
            List<NoticeTable.Mail> mails = new ArrayList<>();
            for (Map.Entry<String, Made> e : kept.entrySet()) {
                Long id = ids.get(e.getKey()); // null: saved before a crash
                Made m = e.getValue();
                Account a = accounts.get(m.recipient());
                if (id != null && mailer.enabled() && a != null && mailable(a.email())) {
                    mails.add(mail(id, m, a.email()));
                }
            }
            Set<Long> mailed = NoticeTable.insertMails(c, mails, now);
            try (PreparedStatement s = c.prepareStatement("update notice_position set last_seq = ? where name = ?")) {
                s.setLong(1, last);
                s.setString(2, NAME);
                s.executeUpdate();
            }
            c.commit();
            for (Map.Entry<String, Made> e : kept.entrySet()) {
                Long id = ids.get(e.getKey());
                Made m = e.getValue();
                if (id != null) {
                    saved.add(new Notice(id, m.seq(), m.recipient(), m.kind(), m.subject(), m.body(), m.link(), now,
                            null, mailed.contains(id) ? new Notice.Mail("PENDING", 0, null) : null));
                }
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        return saved;
    }

    private record Account(String email, boolean terminal) {}

    /**
     * The enabled accounts of the batch's recipients, as the staff module keeps them (the account table is not the
     * log's: an address set now is used now): where to mail them, and whether each is a unit's terminal.
     */
    private Map<String, Account> accounts(List<Made> made) {
        Map<String, Account> out = new HashMap<>();
        Set<String> names = new LinkedHashSet<>();
        made.forEach(m -> names.add(m.recipient()));
        for (String name : names) {
            staff.find(name).filter(StaffAccounts.Account::enabled)
                    .ifPresent(a -> out.put(name, new Account(a.email(), a.unitId() != null)));
        }
        return out;
    }

    /** An address mail can reach: not in the reserved {@code .invalid} domain (RFC 2606) the demo staff have. */
    static boolean mailable(String email) {
        return email != null && !email.isBlank() && !email.toLowerCase(java.util.Locale.ROOT).endsWith(".invalid");
    }

    private NoticeTable.Mail mail(long noticeId, Made m, String address) {
        return new NoticeTable.Mail(noticeId, address, "[Vigil] " + m.subject(),
                m.body() + "\n-- \nVigil notice of event " + m.seq() + " for " + m.recipient() + ": " + m.link() + "\n",
                MessageIds.notice(m.seq(), m.recipient(), mailer.messageIdDomain()));
    }

    /** Waits up to {@code millis} for news of an event after {@code position} (or the stop). */
    private void pause(long millis, long position) {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(millis);
            while (heardUpTo <= position && !stopping && left > 0) {
                left = news.awaitNanos(left);
            }
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
        lock.lock();
        try {
            news.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
