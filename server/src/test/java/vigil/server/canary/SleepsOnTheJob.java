package vigil.server.canary;

/** Breaks the server's clock rule on purpose: time passes through the clock adapter, not a sleep. */
public class SleepsOnTheJob {
    public void pause() throws InterruptedException {
        Thread.sleep(1);
    }
}
