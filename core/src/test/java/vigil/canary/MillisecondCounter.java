package vigil.canary;

/** Canary: the other way to read the wall clock. */
public class MillisecondCounter {
    public long millis() {
        return System.currentTimeMillis();
    }
}
