package vigil.server.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import vigil.server.log.Writer;

/**
 * Holds the writer busy on a read so that commands sent meanwhile queue up, then lets it go: the next batch takes
 * them all. Deterministic group commit for tests.
 */
public final class HeldWriter implements AutoCloseable {
    private final Writer writer;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CompletableFuture<Integer> read;

    public HeldWriter(Writer writer) {
        this.writer = writer;
        this.read = writer.ask(q -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        });
        try {
            holding.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void awaitQueued(int n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> writer.queueDepth() >= n);
    }

    @Override
    public void close() {
        release.countDown();
        read.join();
    }
}
