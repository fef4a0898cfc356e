package vigil.server.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

/**
 * The one place in the server that reads the wall clock. The writer asks it for the time before every batch and at
 * least once a second, and advances the engine to it; everything else gets time from the engine's events. Truncated
 * to microseconds, the precision the event log keeps.
 */
public final class WallClock implements InstantSource {
    private final Clock system = Clock.systemUTC();

    @Override
    public Instant instant() {
        return system.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
