package vigil.server.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import vigil.server.config.VigilProperties;
import vigil.server.log.Writer;

/**
 * Writes a signed checkpoint of the durable log's head to {@code checkpoints.log} once the writer is writing, then
 * every hour of the log's time (the engine's clock, which the wall clock advances every second), and once more when the
 * server stops, after the writer's last commit. Each checkpoint is handed to every {@link CheckpointListener}.
 */
@Component
public class Checkpointer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    static final Duration EVERY = Duration.ofHours(1);

    private final Writer writer;
    private final Path dataDir;
    private final Path file;
    private final ObjectProvider<CheckpointListener> listeners;
    private KeyPair key;
    private ScheduledExecutorService timer;
    private volatile boolean running;
    /** The log time of the last checkpoint written (guarded by this). */
    private Instant lastAt;

    Checkpointer(Writer writer, VigilProperties properties, ObjectProvider<CheckpointListener> listeners) {
        this.writer = writer;
        this.dataDir = properties.dataDir();
        this.file = properties.checkpointsLog();
        this.listeners = listeners;
    }

    /** Where the checkpoints go. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        key = CheckpointKey.loadOrCreate(dataDir);
        try { // a file checkpoints cannot be added to is refused now, not said once a second for ever (audit 7)
            CheckpointFile.touch(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write signed checkpoints to " + file.toAbsolutePath().normalize()
                    + " (VIGIL_CHECKPOINT_DIR): " + (e instanceof java.nio.file.FileSystemException f
                    && f.getReason() != null ? f.getReason() : e instanceof java.nio.file.AccessDeniedException
                    ? "permission denied" : "cannot create or open it"), e);
        }
        try {
            Checkpoint last = CheckpointFile.last(file);
            lastAt = last == null ? null : last.at();
        } catch (IOException e) {
            log.warn("checkpoints: cannot read {} ({}); the next one is written now", file, e.getMessage());
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("vigil-checkpoints")
                .daemon(true).unstarted(r));
        timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        running = true;
    }

    private void tick() {
        Writer.Position p = writer.position();
        if (writer.state().phase() != Writer.Phase.WRITING || p.clock() == null) {
            return;
        }
        synchronized (this) {
            if (lastAt == null || !p.clock().isBefore(lastAt.plus(EVERY))) {
                write(p);
            }
        }
    }

    /** Runs after the writer has stopped (a lower phase stops later): the log's final head is signed. */
    @Override
    public void stop() {
        ScheduledExecutorService t;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            t = timer;
        }
        t.shutdown();
        try {
            t.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Writer.Position p = writer.position();
        if (p.clock() != null) { // this server wrote (a standby never did)
            synchronized (this) {
                write(p);
            }
        }
    }

    private void write(Writer.Position p) {
        Checkpoint c = new Checkpoint(p.lastSeq(), p.headHash(), p.clock(),
                CheckpointKey.sign(key.getPrivate(), Checkpoint.signedBytes(p.lastSeq(), p.headHash(), p.clock())));
        try {
            CheckpointFile.append(file, c);
        } catch (IOException e) {
            log.error("checkpoints: cannot append to {} ({}); retrying in a second", file, e.getMessage());
            return;
        }
        lastAt = c.at();
        log.info("checkpoint: seq {} head {} at {}", c.seq(), c.head(), c.at());
        for (CheckpointListener l : listeners) {
            try {
                l.written(c);
            } catch (RuntimeException e) {
                log.warn("checkpoints: a listener failed on seq {}: {}", c.seq(), e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the writer and stops after it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4097;
    }
}
