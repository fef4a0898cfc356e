package vigil.server.canary;

import vigil.core.engine.Engine;

/** Breaks the engine rule on purpose: only the log module may hold the engine. */
public class HoldsTheEngine {
    public long lastSeq(Engine engine) {
        return engine.lastSeq();
    }
}
