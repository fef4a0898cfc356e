package vigil.server.reports;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vigil.core.Event;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.server.db.Database;
import vigil.server.log.Chain;
import vigil.sim.json.EventJson;
import vigil.sim.report.Daris;
import vigil.sim.report.Rows;

/**
 * Keeps the report read tables up to date from the event log (docs/adr/060). One platform thread: it reads the log
 * after its recorded position, recomputes each event's hash on the chain as it goes (the report's "history verified
 * up to event N"), feeds the events to the report projection ({@link Daris}) and saves the rows they changed, with its
 * new position, in one transaction per batch. Started again (or after a failure) it loads the projection from the
 * tables and goes on from the saved position: a batch is saved whole or not at all, so nothing counts twice. It holds
 * an advisory lock of its own while it runs, so with two servers on one database one follower writes.
 */
public final class ReportFollower implements AutoCloseable {
    static final long LOCK_KEY = 0x7669_6769_6c72_7074L; // "vigilrpt"
    static final int BATCH = 20_000;
    private static final Logger log = LoggerFactory.getLogger(ReportFollower.class);

    private final Database database;
    private final Policy policy;
    private final Thread thread;
    private volatile boolean stopping;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private volatile long projectedUpTo;
    /** Notified each time the tables move on, for {@link #awaitProjected}. */
    private final Object progress = new Object();

    public ReportFollower(Database database, Policy policy) {
        this.database = database;
        this.policy = policy;
        this.thread = Thread.ofPlatform().name("vigil-report-follower").daemon().unstarted(this::run);
    }

    public ReportFollower start() {
        thread.start();
        return this;
    }

    /** The last event saved into the read tables by this follower (0 before its first batch). */
    public long projectedUpTo() {
        return projectedUpTo;
    }

    /**
     * Waits until the read tables hold event {@code seq}, for at most {@code max} (or until the follower stops): true
     * when they do. For a page that shows a report right after a command, or after an event it was told of.
     */
    public boolean awaitProjected(long seq, java.time.Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (progress) {
            while (projectedUpTo < seq && !stopping) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return projectedUpTo >= seq;
    }

    private void projected(long seq) {
        synchronized (progress) {
            projectedUpTo = seq;
            progress.notifyAll();
        }
    }

    private void run() {
        boolean failedBefore = false;
        while (!stopping) {
            try (Connection c = database.connect("vigil-report-follower")) {
                if (!lock(c)) {
                    sleep(2_000);
                    continue;
                }
                follow(c);
            } catch (SQLException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                if (!failedBefore) {
                    log.warn("the report follower stopped ({}); it goes on from its saved position", e.toString());
                }
                failedBefore = true;
                sleep(2_000);
            }
        }
    }

    private static boolean lock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            s.setLong(1, LOCK_KEY);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Loads the projection from the tables and follows the log until stopped or failed. */
    private void follow(Connection c) throws SQLException {
        Optional<ReadTables.Position> saved = ReadTables.position(c);
        State st = new State();
        if (saved.isPresent()) {
            ReadTables.Position p = saved.get();
            Daris.Loader loader = Daris.loader(policy, true);
            ReadTables.loadAll(c, loader);
            st.daris = loader.load(p.lastSeq(), p.lastAt(), p.state());
            st.position = p;
        } else {
            st.daris = new Daris(policy, true);
            st.position = new ReadTables.Position(0, Rows.NONE, Rows.NONE, null, Chain.GENESIS, 0, null, null);
        }
        projected(st.position.lastSeq());
        while (!stopping) {
            // Caught up, it waits: batch after batch of one or two events would each cost a transaction and a flush
            // of their own, at the writer's rate of commits (docs/adr/055).
            if (batch(c, st) < BATCH) {
                sleep(200);
            }
        }
    }

    private static final class State {
        Daris daris;
        ReadTables.Position position;
    }

    /** One batch: how many events it took (0 when the log had nothing new). */
    private int batch(Connection c, State st) throws SQLException {
        ReadTables.Position p = st.position;
        long lastSeq = p.lastSeq();
        long lastAt = p.lastAt();
        long firstAt = p.firstAt();
        byte[] head = p.head();
        long verified = p.verifiedUpTo();
        Long brokenAt = p.brokenAt();
        String brokenReason = p.brokenReason();
        List<ReadTables.Mention> mentions = new ArrayList<>();
        int n = 0;
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("select seq, at, type, actor, payload, prev_hash, hash from event"
                + " where seq > ? order by seq limit ?")) {
            s.setFetchSize(2_000);
            s.setLong(1, lastSeq);
            s.setInt(2, BATCH);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    n++;
                    long seq = rs.getLong(1);
                    Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
                    String type = rs.getString(3);
                    String actor = rs.getString(4);
                    String payload = rs.getString(5);
                    byte[] prev = rs.getBytes(6);
                    byte[] hash = rs.getBytes(7);
                    if (brokenAt == null) {
                        String wrong = seq != verified + 1 ? "event " + (verified + 1) + " is missing from the log"
                                : !Arrays.equals(prev, head) ? "its prev_hash is not the hash of event " + verified
                                : !Arrays.equals(hash, Chain.hash(seq, at, type, actor, payload, head))
                                        ? "its hash is not the hash of its columns" : null;
                        if (wrong == null) {
                            verified = seq;
                            head = hash;
                        } else {
                            brokenAt = seq;
                            brokenReason = "event " + seq + " does not match the audit chain: " + wrong;
                            log.error("history check: {} (stored hash {})", brokenReason,
                                    HexFormat.of().formatHex(hash));
                        }
                    }
                    Recorded r = EventJson.parse(payload);
                    st.daris.accept(r);
                    for (String id : incidentsNamed(r.event())) {
                        mentions.add(new ReadTables.Mention(id, seq));
                    }
                    lastSeq = seq;
                    lastAt = st.daris.lastAt();
                    if (firstAt == Rows.NONE) {
                        firstAt = lastAt;
                    }
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        if (n == 0) {
            return 0;
        }
        Rows.Changes changes = st.daris.drainChanges(RowBlocks.BLOCK);
        ReadTables.Position next = new ReadTables.Position(lastSeq, lastAt, firstAt, changes.state(), head, verified,
                brokenAt, brokenReason);
        ReadTables.save(c, changes, mentions, next);
        st.position = next;
        projected(lastSeq);
        return n;
    }

    private static final Map<Class<?>, List<Method>> NAMING = new ConcurrentHashMap<>();
    private static final Set<String> INCIDENT_FIELDS = Set.of("incidentId", "fromIncidentId", "toIncidentId");

    /** The incidents an event names (its incidentId, fromIncidentId, toIncidentId), in that order, once each. */
    static Set<String> incidentsNamed(Event e) {
        List<Method> accessors = NAMING.computeIfAbsent(e.getClass(), k -> {
            List<Method> m = new ArrayList<>();
            RecordComponent[] parts = k.getRecordComponents();
            if (parts != null) {
                for (RecordComponent rc : parts) {
                    if (INCIDENT_FIELDS.contains(rc.getName()) && rc.getType() == String.class) {
                        m.add(rc.getAccessor());
                    }
                }
            }
            return m;
        });
        Set<String> out = new LinkedHashSet<>(2);
        for (Method m : accessors) {
            try {
                Object v = m.invoke(e);
                if (v != null) {
                    out.add((String) v);
                }
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("cannot read " + m + " of " + e, ex);
            }
        }
        return out;
    }

    /** Waits, or less when stopped (not a clock read: an elapsed-time wait on the stop signal). */
    private void sleep(long millis) {
        try {
            stopped.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    @Override
    public void close() {
        stopping = true;
        stopped.countDown();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
