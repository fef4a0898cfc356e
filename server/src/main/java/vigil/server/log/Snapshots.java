package vigil.server.log;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vigil.core.Policy;
import vigil.core.engine.Engine;
import vigil.core.engine.SnapshotRefused;
import vigil.server.db.Database;

/**
 * Engine snapshots in the {@code snapshot} table (docs/adr/052). The writer takes one after a commit once enough has
 * happened ({@link #due}); its bytes are taken on the writer thread (the engine is the writer's alone) and handed to a
 * thread of their own, which deflates them and writes them on a connection of its own, then prunes all but the newest
 * {@link #KEEP}. If that thread is still busy with the previous snapshot, the new one waits, and replaces any other
 * waiting (the newest is the one worth having). A restart restores the newest snapshot whose chain head matches the
 * log and whose bytes the engine accepts; any other is ignored, with one line in the log, and the next older one
 * tried, then a full rebuild.
 */
final class Snapshots implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);
    /** Snapshots kept: the newest, and one before it should the newest turn out unusable. */
    static final int KEEP = 2;
    /** A quiet room still gets one this often, so a restart never replays much more than it needs. */
    static final Duration AT_LEAST_EVERY = Duration.ofMinutes(10);

    /** A snapshot as the writer took it. */
    record Taken(long seq, byte[] head, byte[] state, Instant at) {}

    /** An engine restored from a snapshot, and the chain's hash at its last event. */
    record Restored(Engine engine, byte[] head) {}

    private final Database database;
    private final long everyEvents;
    /** One snapshot written at a time; the newest waits; an older one waiting is dropped for it. */
    private final ThreadPoolExecutor store = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1), r -> Thread.ofPlatform().name("vigil-snapshots").daemon(true).unstarted(r),
            new ThreadPoolExecutor.DiscardOldestPolicy());
    /** The store thread's connection (store thread only). */
    private Connection connection;
    /** The seq and time of the last snapshot taken or restored (writer thread only). */
    private long lastSeq;
    private Instant lastAt;

    Snapshots(Database database, long everyEvents) {
        if (everyEvents < 1) {
            throw new IllegalArgumentException("snapshots every " + everyEvents + " events");
        }
        this.database = database;
        this.everyEvents = everyEvents;
    }

    // --- taking (writer thread) -------------------------------------------------------------------------------------

    /** Whether the writer should take one now: {@code everyEvents} since the last, or a while and anything at all. */
    boolean due(long seq, Instant now) {
        if (seq <= lastSeq) {
            return false;
        }
        if (lastAt == null) {
            lastAt = now; // the first interval counts from the start
        }
        return seq - lastSeq >= everyEvents || !now.isBefore(lastAt.plus(AT_LEAST_EVERY));
    }

    /**
     * Takes the engine's state (on the writer thread, which it holds up for as long as that takes: logged) and hands
     * it to the store thread.
     */
    void take(Engine engine, byte[] head, Instant now) {
        lastSeq = engine.lastSeq();
        lastAt = now;
        long t0 = System.nanoTime();
        byte[] state;
        try {
            state = engine.snapshot();
        } catch (RuntimeException e) { // the engine's own check failed: a snapshot is never worth stopping the writer
            log.warn("writer: no snapshot at seq {} ({})", engine.lastSeq(), e.toString());
            return;
        }
        long took = System.nanoTime() - t0;
        Taken t = new Taken(engine.lastSeq(), head.clone(), state, now);
        log.info("writer: snapshot at seq {} taken in {} ms ({} KiB), held the writer for that long", t.seq(),
                took / 1_000_000, state.length / 1024);
        store.execute(() -> write(t));
    }

    /** Store thread: writes one snapshot and prunes; a failure costs only this snapshot. */
    private void write(Taken t) {
        try {
            if (connection == null || !connection.isValid(2)) {
                close(connection);
                connection = database.connect("vigil-snapshots");
                try (Statement s = connection.createStatement()) {
                    // Not worth a flush of its own: a snapshot lost in a crash is rebuilt from the log.
                    s.execute("set synchronous_commit = off");
                }
            }
            long t0 = System.nanoTime();
            byte[] deflated = deflate(t.state());
            try (PreparedStatement s = connection.prepareStatement("insert into snapshot (seq, head_hash, state,"
                    + " taken_at) values (?, ?, ?, ?) on conflict (seq) do nothing")) {
                s.setLong(1, t.seq());
                s.setBytes(2, t.head());
                s.setBytes(3, deflated);
                s.setTimestamp(4, Timestamp.from(t.at()));
                s.executeUpdate();
            }
            try (PreparedStatement s = connection.prepareStatement("delete from snapshot where seq < (select min(seq)"
                    + " from (select seq from snapshot order by seq desc limit ?) newest)")) {
                s.setInt(1, KEEP);
                s.executeUpdate();
            }
            log.info("snapshot at seq {} stored ({} KiB deflated) in {} ms", t.seq(), deflated.length / 1024,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            log.warn("snapshot at seq {} not stored ({}); the log still holds everything", t.seq(), e.getMessage());
            close(connection);
            connection = null;
        }
    }

    // --- restoring (writer thread, before it writes) ----------------------------------------------------------------

    /**
     * The newest snapshot that matches the log and that the engine accepts, restored; empty when there is none (a
     * full rebuild). Each one passed over is said in one line.
     */
    Optional<Restored> restore(Connection c, Policy policy) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select seq from snapshot order by seq"
                + " desc")) {
            while (rs.next()) {
                seqs.add(rs.getLong(1));
            }
        }
        for (long seq : seqs) {
            byte[] head;
            byte[] deflated;
            try (PreparedStatement s = c.prepareStatement("select head_hash, state from snapshot where seq = ?")) {
                s.setLong(1, seq);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        continue; // pruned meanwhile (another server's writer)
                    }
                    head = rs.getBytes(1);
                    deflated = rs.getBytes(2);
                }
            }
            byte[] logged = EventTable.hashAt(c, seq);
            if (logged == null || !Arrays.equals(logged, head)) {
                log.warn("writer: the snapshot at seq {} does not match the log (its chain head {}, the log's {});"
                        + " ignored", seq, hex(head), logged == null ? "no such event" : hex(logged));
                continue;
            }
            try {
                Engine engine = Engine.restore(policy, inflate(deflated));
                if (engine.lastSeq() != seq) {
                    throw new SnapshotRefusedHere("it holds the state at seq " + engine.lastSeq());
                }
                lastSeq = seq;
                return Optional.of(new Restored(engine, head));
            } catch (SnapshotRefused | SnapshotRefusedHere e) {
                log.warn("writer: the snapshot at seq {} is refused ({}); ignored", seq, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The server's own reasons to refuse a snapshot the engine took (as {@link SnapshotRefused} is the engine's). */
    private static final class SnapshotRefusedHere extends RuntimeException {
        SnapshotRefusedHere(String why) {
            super(why, null, false, false);
        }
    }

    static byte[] deflate(byte[] bytes) {
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        try {
            d.setInput(bytes);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    static byte[] inflate(byte[] bytes) {
        Inflater i = new Inflater();
        try {
            i.setInput(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
            byte[] buf = new byte[64 * 1024];
            while (!i.finished()) {
                int n = i.inflate(buf);
                if (n == 0 && (i.needsInput() || i.needsDictionary())) {
                    throw new SnapshotRefusedHere("its deflated bytes are cut short");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new SnapshotRefusedHere("its deflated bytes are damaged");
        } finally {
            i.end();
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b).substring(0, 16) + "...";
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // going anyway
            }
        }
    }

    /** Lets a snapshot being written finish (briefly), then closes its connection. */
    @Override
    public void close() {
        store.shutdown();
        try {
            if (!store.awaitTermination(10, TimeUnit.SECONDS)) {
                store.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close(connection);
    }
}
