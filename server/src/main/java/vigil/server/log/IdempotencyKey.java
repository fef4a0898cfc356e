package vigil.server.log;

import java.util.Arrays;
import java.util.Objects;

/**
 * A client's key for one command, scoped to the actor who sent it, with a hash of the request it came with: the same
 * key with the same request gets the first answer again, with another request it is refused.
 */
public record IdempotencyKey(String actor, String key, byte[] requestHash) {
    public IdempotencyKey {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(key, "key");
        if (requestHash.length != 32) {
            throw new IllegalArgumentException("requestHash must be a SHA-256");
        }
        requestHash = requestHash.clone();
    }

    @Override
    public byte[] requestHash() {
        return requestHash.clone();
    }

    boolean sameRequest(byte[] other) {
        return Arrays.equals(requestHash, other);
    }

    Id id() {
        return new Id(actor, key);
    }

    record Id(String actor, String key) {}

    @Override
    public boolean equals(Object o) {
        return o instanceof IdempotencyKey k && actor.equals(k.actor) && key.equals(k.key)
                && Arrays.equals(requestHash, k.requestHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(actor, key, Arrays.hashCode(requestHash));
    }

    @Override
    public String toString() {
        return "IdempotencyKey[" + actor + ", " + key + "]";
    }
}
