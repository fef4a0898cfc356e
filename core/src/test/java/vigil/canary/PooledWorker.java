package vigil.canary;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Canary: runs work on other threads. */
public class PooledWorker {
    public void work(Runnable job) {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.submit(job);
        pool.shutdown();
    }
}
