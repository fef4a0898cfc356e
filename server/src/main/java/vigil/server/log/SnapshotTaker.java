package vigil.server.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.engine.Engine;
import vigil.server.db.Database;

/**
 * Takes the engine snapshots off the writer's thread (docs/adr/052). It keeps an engine of its own, on a thread of its
 * own, level with the log: the writer hands it each committed batch's events ({@link #committed}, which only queues
 * them), and it applies them as a restart would. Every {@code everyEvents} events, or after a while if anything at all
 * was logged, it takes that engine's bytes and stores them ({@link Snapshots#store}) on a connection of its own. The
 * writer is never held up: the room it answers from is not the one being snapshotted.
 *
 * <p>Its engine is built from the log ({@link Snapshots#build}) once the writer has built its own ({@link #rebuilt}),
 * and again whenever what it was handed does not follow what it holds (a commit whose answer was lost, another
 * server's writes, a failure here) or it fell more than {@link #MAX_BEHIND} events behind (then the writer drops
 * batches rather than queue without end): the log has everything it missed. A failure costs only snapshots, never
 * a command.
 */
final class SnapshotTaker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SnapshotTaker.class);
    /** A quiet room still gets one this often, so a restart never replays much more than it needs. */
    static final Duration AT_LEAST_EVERY = Duration.ofMinutes(10);
    /** Events queued for this thread beyond which the writer drops batches, and this thread rebuilds from the log. */
    static final long MAX_BEHIND = 500_000;

    /** A committed batch: its events, and the chain's hash at its last. */
    private record Batch(List<Recorded> events, byte[] head) {}

    private final Database database;
    private final Snapshots snapshots;
    private final InstantSource clock;
    private final long everyEvents;
    private final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    /** Events queued and not yet taken by this thread. */
    private final AtomicLong behind = new AtomicLong();
    /** Set by the writer when it dropped a batch: this thread forgets its engine and what is queued. */
    private volatile boolean lost;
    private volatile boolean running;
    private Thread thread;

    // This thread's own.
    private Connection connection;
    /** Whether {@link #engine} and {@link #head} are the log's up to the last batch followed. */
    private boolean level;
    /** Null while the log is empty. */
    private Engine engine;
    private byte[] head;
    private long lastSeq;
    private Instant lastAt;
    private String lastWarning;

    SnapshotTaker(Database database, Snapshots snapshots, InstantSource clock, long everyEvents) {
        if (everyEvents < 1) {
            throw new IllegalArgumentException("snapshots every " + everyEvents + " events");
        }
        this.database = database;
        this.snapshots = snapshots;
        this.clock = clock;
        this.everyEvents = everyEvents;
    }

    synchronized void start() {
        if (!running) {
            running = true;
            thread = Thread.ofPlatform().name("vigil-snapshots").daemon(true).start(this::run);
        }
    }

    /**
     * Writer thread, after the commit: queues the batch's events, or drops them when this thread is too far behind.
     * Never waits.
     */
    void committed(List<Recorded> events, byte[] head) {
        if (events.isEmpty() || !running) {
            return;
        }
        if (behind.get() >= MAX_BEHIND) {
            lost = true;
            return;
        }
        behind.addAndGet(events.size());
        queue.add(new Batch(List.copyOf(events), head));
    }

    /**
     * Writer thread, after it (re)built its engine from the log: this thread builds its own too, without waiting for
     * a batch, so that a room restarted over a long log without a recent snapshot gets one even if it stays quiet.
     */
    void rebuilt() {
        if (running) {
            queue.add(new Batch(List.of(), null));
        }
    }

    /** Lets a snapshot being taken finish (briefly), then closes the connection. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (running) {
                Batch b = queue.poll(1, TimeUnit.SECONDS);
                if (b != null) {
                    behind.addAndGet(-b.events().size());
                }
                if (lost) {
                    forget();
                } else if (b != null) {
                    follow(b);
                }
                if (level && engine != null && due(engine.lastSeq(), clock.instant())) {
                    take();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConnection();
        }
    }

    /** The writer dropped a batch: forget the engine and all that is queued; the next batch rebuilds from the log. */
    private void forget() {
        lost = false; // before draining: a batch dropped after this sets it again
        List<Batch> dropped = new ArrayList<>();
        queue.drainTo(dropped);
        for (Batch d : dropped) {
            behind.addAndGet(-d.events().size());
        }
        warn("fell " + MAX_BEHIND + " events behind the writer; rebuilding its engine from the log");
        level = false;
        engine = null;
    }

    /** Applies the batch's events that are not yet applied; rebuilds from the log first if not level with it. */
    private void follow(Batch b) {
        try {
            if (!level) {
                Snapshots.Built built = snapshots.build(connection());
                engine = built.engine();
                head = built.head();
                level = true;
                if (lastAt == null) { // a restart: the snapshot restored counts as the last one taken
                    lastSeq = built.snapshotSeq();
                }
            }
            if (b.events().isEmpty()) {
                return; // the writer's news of a rebuild: level with the log is all it asks
            }
            for (Recorded r : b.events()) {
                long seq = engine == null ? 0 : engine.lastSeq();
                if (r.seq() <= seq) {
                    continue; // already in what was built from the log
                }
                if (r.seq() != seq + 1) {
                    throw new IllegalStateException("event " + r.seq() + " does not follow " + seq);
                }
                if (engine == null) {
                    engine = Engine.start(snapshots.policy(), Writer.OPENING_ROSTER, r.at());
                }
                engine.apply(r);
            }
            if (engine != null && engine.lastSeq() == b.events().getLast().seq()) {
                head = b.head();
            }
            lastWarning = null;
        } catch (SQLException | RuntimeException e) {
            warn("could not follow the log (" + e.getMessage() + "); it rebuilds from the log at the next batch");
            closeConnection();
            level = false;
            engine = null;
        }
    }

    /** Whether to take one now: {@code everyEvents} since the last, or a while and anything at all. */
    private boolean due(long seq, Instant now) {
        if (seq <= lastSeq) {
            return false;
        }
        if (lastAt == null) {
            lastAt = now; // the first interval counts from the start
        }
        return seq - lastSeq >= everyEvents || !now.isBefore(lastAt.plus(AT_LEAST_EVERY));
    }

    private void take() {
        Instant now = clock.instant();
        lastSeq = engine.lastSeq();
        lastAt = now;
        long t0 = System.nanoTime();
        try {
            byte[] state = engine.snapshot();
            log.info("snapshot at seq {} taken in {} ms ({} KiB), off the writer", lastSeq,
                    (System.nanoTime() - t0) / 1_000_000, state.length / 1024);
            Snapshots.store(connection(), new Snapshots.Taken(lastSeq, head, state, now));
        } catch (SQLException | RuntimeException e) { // the engine's own check, or the database: only this one is lost
            log.warn("snapshot at seq {} not stored ({}); the log still holds everything", lastSeq, e.getMessage());
            closeConnection();
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || !connection.isValid(2)) {
            closeConnection();
            connection = database.connect("vigil-snapshots");
            try (Statement s = connection.createStatement()) {
                // Not worth a flush of its own: a snapshot lost in a crash is rebuilt from the log.
                s.execute("set synchronous_commit = off");
            }
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // going anyway
            }
            connection = null;
        }
    }

    /** Says a trouble once, not at every batch while it lasts. */
    private void warn(String what) {
        if (!what.equals(lastWarning)) {
            log.warn("snapshots: {}", what);
            lastWarning = what;
        }
    }
}
