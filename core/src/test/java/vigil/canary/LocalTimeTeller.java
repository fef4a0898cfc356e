package vigil.canary;

import java.time.Clock;
import java.time.LocalDateTime;

/** Canary: wall-clock time in the JVM's zone, and the system clock itself. */
public class LocalTimeTeller {
    public LocalDateTime now() {
        return LocalDateTime.now();
    }

    public Clock clock() {
        return Clock.systemDefaultZone();
    }
}
