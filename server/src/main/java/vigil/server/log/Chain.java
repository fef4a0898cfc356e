package vigil.server.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The hash chain over the event log (ADR 031). Each row's {@code hash} is SHA-256 over its canonical bytes:
 * <pre>
 *   int64  seq                       big-endian
 *   int64  at                        microseconds since 1970-01-01T00:00Z (the column's precision)
 *   text   type                      text = int32 byte length, big-endian, then UTF-8 bytes
 *   text   actor                     (absent for a deadline: the length is -1 and no bytes follow)
 *   text   payload                   the payload exactly as stored (the event's replay line)
 *   32     prev_hash                 the previous row's hash; 32 zero bytes before the first event
 * </pre>
 * Lengths make the fields unambiguous; nothing depends on how a database renders a value, so anyone can recompute
 * the chain from the columns alone.
 */
public final class Chain {
    /** The {@code prev_hash} of the first event. */
    public static final byte[] GENESIS = new byte[32];

    private Chain() {}

    /** The instant as the {@code at} column keeps it (microseconds). */
    public static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    public static byte[] hash(long seq, Instant at, String type, String actor, String payload, byte[] prevHash) {
        if (prevHash.length != 32) {
            throw new IllegalArgumentException("prev_hash must be 32 bytes, was " + prevHash.length);
        }
        byte[] t = type.getBytes(StandardCharsets.UTF_8);
        byte[] a = actor == null ? null : actor.getBytes(StandardCharsets.UTF_8);
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + 8 + 4 + t.length + 4 + (a == null ? 0 : a.length) + 4 + p.length + 32);
        b.putLong(seq);
        b.putLong(micros(at));
        b.putInt(t.length).put(t);
        if (a == null) {
            b.putInt(-1);
        } else {
            b.putInt(a.length).put(a);
        }
        b.putInt(p.length).put(p);
        b.put(prevHash);
        return sha256().digest(b.array());
    }

    static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
