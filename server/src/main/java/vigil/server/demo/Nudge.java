package vigil.server.demo;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import vigil.server.log.CommitListener;

/**
 * Wakes the demo shift when the writer commits a batch (someone acted, a deadline fired), so its people look at the
 * room again at once rather than at their next planned moment. Returns at once, as a commit listener must; at most one
 * wake-up is kept, however many batches come while the shift is busy. Holds nothing else, so the writer, which needs
 * its listeners when it is made, does not need the shift.
 */
@Component
class Nudge implements CommitListener {
    private final Semaphore wake = new Semaphore(0);

    @Override
    public void committed(Commit commit) {
        poke();
    }

    @Override
    public void rebuilt(long lastSeq) {
        poke();
    }

    void poke() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** Waits up to {@code nanos} for a commit since the last wait; true if there was one. */
    boolean await(long nanos) throws InterruptedException {
        boolean woken = wake.tryAcquire(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        wake.drainPermits();
        return woken;
    }
}
