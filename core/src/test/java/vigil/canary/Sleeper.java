package vigil.canary;

/** Canary: waits on real time. */
public class Sleeper {
    public void nap() throws InterruptedException {
        Thread.sleep(1);
    }
}
