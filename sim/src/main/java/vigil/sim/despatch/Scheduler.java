package vigil.sim.despatch;

import java.time.Instant;

/** Wakes the simulated crews later: a virtual clock's event queue in a simulation. */
public interface Scheduler {

    /** Runs {@code action} at {@code at} (not before now). Actions due at one instant run in the order scheduled. */
    void schedule(Instant at, Runnable action);
}
