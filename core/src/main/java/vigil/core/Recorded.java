package vigil.core;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as recorded: its sequence number (from 1, no gaps), its instant, and who caused it ({@code null} for a
 * deadline the engine fired itself).
 */
public record Recorded(long seq, Instant at, Event event, String by) {
    public Recorded {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
    }
}
