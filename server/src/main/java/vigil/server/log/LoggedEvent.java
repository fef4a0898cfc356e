package vigil.server.log;

/** One event of the durable log: its seq, its type and its replay line, exactly the text the table holds. */
public record LoggedEvent(long seq, String type, String line) {}
