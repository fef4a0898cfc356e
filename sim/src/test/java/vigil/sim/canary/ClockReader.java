package vigil.sim.canary;

/** Canary: reads the wall clock, which the projection may never do (time is what the events say). */
public class ClockReader {
    public long stamp() {
        return System.currentTimeMillis();
    }
}
