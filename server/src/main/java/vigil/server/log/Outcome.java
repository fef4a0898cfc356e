package vigil.server.log;

/** How the writer answered a command. */
public sealed interface Outcome {

    /** Decided and durable. {@code repeated}: the answer first given to this idempotency key, nothing new recorded. */
    record Decided(Receipt receipt, boolean repeated) implements Outcome {}

    /** The idempotency key was first used with another command: nothing recorded. */
    record KeyReused(String key) implements Outcome {}

    /** Not decided, nothing recorded; the caller may retry (the log is unreachable, the queue full, another writer). */
    record Unavailable(String why) implements Outcome {}
}
