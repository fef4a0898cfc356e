package vigil.server.canary;

import java.time.Instant;

/** Breaks the server's clock rule on purpose: the rule must report it. */
public class ReadsTheWallClock {
    public Instant stamp() {
        return Instant.now();
    }
}
