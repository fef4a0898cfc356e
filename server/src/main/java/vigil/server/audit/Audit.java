package vigil.server.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vigil.server.log.Chain;

/**
 * Checks the whole event log: seqs run 1, 2, 3… with no gap, each row's {@code hash} is the SHA-256 of its own columns
 * and its {@code prev_hash} is the hash of the row before (ADR 031), and every checkpoint is signed by the data
 * directory's key and agrees with the log at its seq. The chain alone catches an edited row; a log rewritten from some
 * row on with recomputed hashes is a consistent chain, and only the signed checkpoints catch it.
 */
final class Audit {
    private static final HexFormat HEX = HexFormat.of();

    private Audit() {}

    /** The outcome: {@code badSeq} is the first seq found wrong (0 when the fault is not in one event). */
    record Result(boolean ok, long events, String head, int checkpoints, long badSeq, String message) {
        static Result failed(long seq, String message) {
            return new Result(false, 0, null, 0, seq, message);
        }
    }

    static Result verify(Connection c, List<CheckpointFile.Line> lines, java.security.PublicKey key)
            throws SQLException {
        // Checkpoints first: each must be one and be signed by this room's key.
        Map<Long, List<CheckpointFile.Line>> bySeq = new TreeMap<>();
        for (CheckpointFile.Line l : lines) {
            if (l.checkpoint() == null) {
                return Result.failed(0, "checkpoints.log line " + l.number() + " is not a checkpoint");
            }
            if (key == null || !CheckpointKey.verifies(key, l.checkpoint())) {
                return Result.failed(0, "checkpoints.log line " + l.number() + " (seq " + l.checkpoint().seq()
                        + "): the signature does not verify with the data directory's key (a forged or damaged"
                        + " checkpoint)");
            }
            bySeq.computeIfAbsent(l.checkpoint().seq(), s -> new java.util.ArrayList<>()).add(l);
        }
        for (CheckpointFile.Line l : bySeq.getOrDefault(0L, List.of())) {
            if (!l.checkpoint().head().equals(HEX.formatHex(Chain.GENESIS))) {
                return Result.failed(0, "checkpoints.log line " + l.number() + " signs an empty log with a head");
            }
        }
        long lastAgreed = 0;
        byte[] prev = Chain.GENESIS;
        long expected = 1;
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false); // a cursor: the log is streamed, not held in memory
        try (Statement s = c.createStatement()) {
            s.setFetchSize(5_000);
            try (ResultSet rs = s.executeQuery("select seq, at, type, actor, payload, prev_hash, hash from event"
                    + " order by seq")) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (seq != expected) {
                        return Result.failed(expected, "seq " + expected + ": missing (the log jumps from seq "
                                + (expected - 1) + " to " + seq + ")");
                    }
                    byte[] prevHash = rs.getBytes(6);
                    byte[] hash = rs.getBytes(7);
                    byte[] computed = Chain.hash(seq, rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), prevHash);
                    if (!Arrays.equals(computed, hash)) {
                        return Result.failed(seq, "seq " + seq + ": the row was changed (its hash does not match its"
                                + " contents)");
                    }
                    if (!Arrays.equals(prevHash, prev)) {
                        return Result.failed(seq, "seq " + seq + ": its prev_hash is not the hash of seq " + (seq - 1)
                                + " (one of the two was changed)");
                    }
                    List<CheckpointFile.Line> signed = bySeq.get(seq);
                    if (signed != null) {
                        String h = HEX.formatHex(hash);
                        for (CheckpointFile.Line l : signed) {
                            if (!l.checkpoint().head().equals(h)) {
                                return Result.failed(seq, "seq " + seq + ": the log was rewritten at or before seq " + seq
                                        + (lastAgreed > 0 ? " and after seq " + lastAgreed : "")
                                        + " (its hash differs from the checkpoint signed at " + l.checkpoint().at()
                                        + ", checkpoints.log line " + l.number() + ")");
                            }
                        }
                        lastAgreed = seq;
                    }
                    prev = hash;
                    expected++;
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
        long last = expected - 1;
        for (Map.Entry<Long, List<CheckpointFile.Line>> e : bySeq.entrySet()) {
            if (e.getKey() > last) {
                CheckpointFile.Line l = e.getValue().getFirst();
                return Result.failed(last + 1, "seq " + (last + 1) + ": missing (the log ends at seq " + last
                        + " but a checkpoint signed at " + l.checkpoint().at() + " saw it reach seq " + e.getKey()
                        + ", checkpoints.log line " + l.number() + ")");
            }
        }
        return new Result(true, last, HEX.formatHex(prev), lines.size(), 0, null);
    }
}
