package vigil.server.live;

/**
 * A frame for one subscriber alone, riding on the stream between events (a {@code notice}, docs/adr/081): sent after
 * the event {@code seq} it follows, never before it, and without an {@code id:} line, so the client's last event id
 * stays the seq of the last event it was sent and {@code Last-Event-ID} keeps its meaning. {@code id} tells asides
 * apart (a client may see one again after a reconnect).
 */
public record Aside(long id, long seq, String event, String data) {}
