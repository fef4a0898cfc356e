package vigil.canary;

import java.time.Instant;

/** Canary: reads the wall clock, which the core may never do. Exists only to prove the architecture rule fires. */
public class WallClockReader {
    public Instant stamp() {
        return Instant.now();
    }
}
