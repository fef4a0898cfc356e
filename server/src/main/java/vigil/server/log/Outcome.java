package vigil.server.log;

/** How the writer answered a command. */
public sealed interface Outcome {

    /** Decided and durable. {@code repeated}: the answer first given to this idempotency key, nothing new recorded. */
    record Decided(Receipt receipt, boolean repeated) implements Outcome {}

    /** The idempotency key was first used with another command: nothing recorded. */
    record KeyReused(String key) implements Outcome {}

    /** Not decided, nothing recorded; the caller may retry (the log is unreachable, the queue full, another writer). */
    record Unavailable(String why) implements Outcome {}

    /**
     * The log refused to store what this command holds (a value PostgreSQL refuses as data or past one of its limits),
     * though its neighbours in the batch were stored: nothing of it is recorded, and sent again as it is, it will be
     * refused again (ADR 116).
     */
    record Unstorable() implements Outcome {}
}
