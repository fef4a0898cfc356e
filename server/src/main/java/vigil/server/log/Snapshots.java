package vigil.server.log;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vigil.core.Policy;
import vigil.core.engine.Engine;
import vigil.core.engine.SnapshotRefused;

/**
 * Engine snapshots in the {@code snapshot} table (docs/adr/052): building an engine from the newest usable one and
 * the log after it ({@link #build}: the writer's start, and the {@link SnapshotTaker}'s), and storing a new one
 * ({@link #store}). A restart restores the newest snapshot whose chain head matches the log and whose bytes the engine
 * accepts; any other is ignored, with one line in the log, and the next older one tried, then a full rebuild.
 */
final class Snapshots {
    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);
    /** Snapshots kept: the newest, and one before it should the newest turn out unusable. */
    static final int KEEP = 2;

    /** A snapshot as it was taken: the state after event {@code seq}, whose chain hash is {@code head}. */
    record Taken(long seq, byte[] head, byte[] state, Instant at) {}

    /**
     * An engine built from the log: restored from the snapshot at {@code snapshotSeq} (0: none) and the
     * {@code replayed} events after it applied. {@code engine} is null when the log is empty; {@code head} is the
     * chain's hash at its last event.
     */
    record Built(Engine engine, byte[] head, long snapshotSeq, long replayed) {}

    /** An engine restored from a snapshot, and the chain's hash at its last event. */
    private record Restored(Engine engine, byte[] head) {}

    private final Policy policy;

    Snapshots(Policy policy) {
        this.policy = policy;
    }

    Policy policy() {
        return policy;
    }

    /**
     * The engine the log gives: the newest usable snapshot and the events after it, streamed from {@code c}. An
     * empty log gives no engine: the first event's time starts one ({@link Writer#OPENING_ROSTER}).
     */
    Built build(Connection c) throws SQLException {
        Optional<Restored> restored = restore(c);
        Engine[] engine = {restored.map(Restored::engine).orElse(null)};
        long from = engine[0] == null ? 0 : engine[0].lastSeq();
        long[] count = new long[1];
        byte[] head = EventTable.replay(c, from, restored.map(Restored::head).orElse(Chain.GENESIS), r -> {
            if (engine[0] == null) {
                engine[0] = Engine.start(policy, Writer.OPENING_ROSTER, r.at());
            }
            engine[0].apply(r);
            count[0]++;
        });
        return new Built(engine[0], head, from, count[0]);
    }

    /**
     * Writes one snapshot on {@code c} (deflated; not worth a flush of its own, {@code synchronous_commit} is the
     * caller's to set) and prunes all but the newest {@link #KEEP}.
     */
    static void store(Connection c, Taken t) throws SQLException {
        long t0 = System.nanoTime();
        byte[] deflated = deflate(t.state());
        try (PreparedStatement s = c.prepareStatement("insert into snapshot (seq, head_hash, state, taken_at)"
                + " values (?, ?, ?, ?) on conflict (seq) do nothing")) {
            s.setLong(1, t.seq());
            s.setBytes(2, t.head());
            s.setBytes(3, deflated);
            s.setTimestamp(4, Timestamp.from(t.at()));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("delete from snapshot where seq < (select min(seq)"
                + " from (select seq from snapshot order by seq desc limit ?) newest)")) {
            s.setInt(1, KEEP);
            s.executeUpdate();
        }
        log.info("snapshot at seq {} stored ({} KiB deflated) in {} ms", t.seq(), deflated.length / 1024,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The newest snapshot that matches the log and that the engine accepts, restored; empty when there is none (a
     * full rebuild). Each one passed over is said in one line.
     */
    private Optional<Restored> restore(Connection c) throws SQLException {
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
                log.warn("the snapshot at seq {} does not match the log (its chain head {}, the log's {});"
                        + " ignored", seq, hex(head), logged == null ? "no such event" : hex(logged));
                continue;
            }
            try {
                Engine engine = Engine.restore(policy, inflate(deflated));
                if (engine.lastSeq() != seq) {
                    throw new SnapshotRefusedHere("it holds the state at seq " + engine.lastSeq());
                }
                return Optional.of(new Restored(engine, head));
            } catch (SnapshotRefused | SnapshotRefusedHere e) {
                log.warn("the snapshot at seq {} is refused ({}); ignored", seq, e.getMessage());
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
}
