package vigil.server.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed statement that the event log, at {@code at}, ended at {@code seq} with chain head {@code head} (hex of the
 * SHA-256 of event {@code seq}; 64 zeros for an empty log). One line of {@code checkpoints.log}:
 * <pre>{"seq":N,"head":"hex","at":"ISO instant","signature":"base64 Ed25519"}</pre>
 * The signature is over {@link #signedBytes()}: {@code vigil-checkpoint-v1\n<seq>\n<head>\n<at>} in UTF-8.
 */
public record Checkpoint(long seq, String head, Instant at, String signature) {
    private static final Pattern LINE = Pattern.compile(
            "\\{\"seq\":(\\d{1,19}),\"head\":\"([0-9a-f]{64})\",\"at\":\"([^\"]{1,40})\",\"signature\":\"([A-Za-z0-9+/=]{1,200})\"}");

    /** The bytes the signature covers. */
    public byte[] signedBytes() {
        return signedBytes(seq, head, at);
    }

    static byte[] signedBytes(long seq, String head, Instant at) {
        return ("vigil-checkpoint-v1\n" + seq + "\n" + head + "\n" + at).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] signatureBytes() {
        return Base64.getDecoder().decode(signature);
    }

    /** The line as kept in {@code checkpoints.log} (no newline). */
    public String line() {
        return "{\"seq\":" + seq + ",\"head\":\"" + head + "\",\"at\":\"" + at + "\",\"signature\":\"" + signature
                + "\"}";
    }

    /** Reads a line back; null if it is not one. */
    static Checkpoint parse(String line) {
        Matcher m = LINE.matcher(line.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            Base64.getDecoder().decode(m.group(4));
            return new Checkpoint(Long.parseLong(m.group(1)), m.group(2), Instant.parse(m.group(3)), m.group(4));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
