package vigil.server.live;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import vigil.server.log.CommitListener;
import vigil.server.log.EventLog;
import vigil.server.log.LoggedEvent;

/**
 * The hub of the live stream. The writer hands it each committed batch (it only queues it: the writer never waits
 * here); the hub's own thread fans the events out, in seq order and without a gap, into every subscriber's bounded
 * buffer. A subscriber whose buffer would overflow is dropped then and there (its stream ends with {@code reset}), so
 * a slow or dead client never slows the writer or anyone else. Whatever the hub did not hear from the writer (a
 * commit whose answer was lost, events written by another server, batches it had no room for) it reads from the
 * event table, which it also checks once a second when nothing came: the table is the truth, the writer's news only
 * makes delivery fast.
 */
public final class LiveEvents implements CommitListener, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
    /** Events waiting for the hub's thread; beyond this the hub reads them from the table instead. */
    static final int INTAKE = 100_000;
    private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * The least time between two fan-outs: the commits of that moment go out together, one write to each subscriber
     * for all of them rather than one a commit (docs/adr/070). An event is at most that much later.
     */
    static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /**
     * @param heartbeat      a comment is sent after this long without anything else (at most 15 s, api.md)
     * @param buffer         events a subscriber may have waiting before it is dropped with {@code reset}
     * @param maxSubscribers streams open at once; more are refused (503)
     * @param maxCatchUp     how far behind the log's end a stream may start; further is {@code reset} at once
     * @param maxPerReader   streams one reader (a staff id) may have open at once; more are refused (503), so that
     *                       one login cannot take every stream the server allows and leave the room's pages stale
     */
    public record Settings(Duration heartbeat, int buffer, int maxSubscribers, int maxCatchUp, int maxPerReader) {
        public Settings {
            if (heartbeat.isNegative() || heartbeat.isZero() || heartbeat.compareTo(Duration.ofSeconds(15)) > 0) {
                throw new IllegalArgumentException("vigil.live.heartbeat must be more than 0 and at most 15 s, not "
                        + heartbeat);
            }
            if (buffer < 1 || maxSubscribers < 1 || maxCatchUp < 0 || maxPerReader < 1) {
                throw new IllegalArgumentException("vigil.live: buffer, max-subscribers and max-per-reader must be at"
                        + " least 1, max-catch-up at least 0");
            }
        }
    }

    /** A stream that cannot start now (nothing has been sent). */
    public static final class Refused extends RuntimeException {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    private final EventLog eventLog;
    private final Settings settings;
    private final ReentrantLock intakeLock = new ReentrantLock();
    private final Condition arrived = intakeLock.newCondition();
    private final ArrayDeque<LoggedEvent> intake = new ArrayDeque<>();
    /** The highest seq known committed (guarded by intakeLock). */
    private long knownLastSeq;
    /** Guards {@link #delivered} and {@link #subscribers} together, so a subscriber registers between two batches. */
    private final ReentrantLock fanOutLock = new ReentrantLock();
    private final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();
    /** Every open stream by its audience, from its start (catching up included), for asides. */
    private final java.util.Map<String, Set<Subscription>> audiences = new ConcurrentHashMap<>();
    private volatile long delivered = -1;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running;
    private Thread thread;
    /** When the hub last fanned out (the hub's thread only). */
    private long lastFanOut = System.nanoTime() - GATHER_NANOS;

    public LiveEvents(EventLog eventLog, Settings settings) {
        this.eventLog = eventLog;
        this.settings = settings;
    }

    // --- for the API ----------------------------------------------------------------------------------------------

    /**
     * A stream of the events after {@code after}, each line as {@code view} shows it; run it with
     * {@link Subscription#run}. Refused when the hub is not yet following the log or too many streams are open (in all,
     * or for {@code audience}).
     */
    public Subscription subscribe(long after, View view) {
        return subscribe(after, view, null, null, false);
    }

    /**
     * As {@link #subscribe(long, View)}, for {@code audience} (a staff id): the stream also carries the asides made
     * for it, those {@code asides} gives at its start and those {@link #aside} hands the hub from then on
     * (docs/adr/081). {@code heartbeatEvents}: each heartbeat is also an event (for pages).
     */
    public Subscription subscribe(long after, View view, String audience, AsideSource asides,
                                  boolean heartbeatEvents) {
        if (!running || delivered < 0) {
            throw new Refused("the live stream is starting or stopping; retry");
        }
        if (open.incrementAndGet() > settings.maxSubscribers()) {
            open.decrementAndGet();
            throw new Refused("the live stream has its maximum of " + settings.maxSubscribers() + " subscribers; retry");
        }
        Subscription s = new Subscription(this, after, view, settings.buffer(), audience, asides,
                heartbeatEvents);
        if (audience != null) {
            boolean[] full = {false};
            audiences.compute(audience, (k, streams) -> {
                Set<Subscription> out = streams == null ? ConcurrentHashMap.newKeySet() : streams;
                if (out.size() >= settings.maxPerReader()) {
                    full[0] = true;
                } else {
                    out.add(s);
                }
                return out;
            });
            if (full[0]) {
                open.decrementAndGet();
                throw new Refused(audience + " has its maximum of " + settings.maxPerReader()
                        + " live streams open; close one (a page or tab) and retry");
            }
        }
        return s;
    }

    /** An aside for {@code audience}: into the buffer of each of its streams (it never waits). */
    public void aside(String audience, Aside a) {
        Set<Subscription> streams = audiences.get(audience);
        if (streams != null) {
            streams.forEach(s -> s.offerAside(a));
        }
    }

    /** Streams open now (catching up or live). */
    public int subscribers() {
        return open.get();
    }

    /** The last seq fanned out to subscribers (-1 before the hub has read where the log ends). */
    public long delivered() {
        return delivered;
    }

    /** Streams ended with {@code reset} since start. */
    public long resets() {
        return resets.get();
    }

    /** Subscribers dropped from the fan-out since start because their buffer filled. */
    public long dropped() {
        return dropped.get();
    }

    /** Subscribers in the fan-out now (live, not catching up, not dropped). */
    int fannedOutTo() {
        return subscribers.size();
    }

    public Settings settings() {
        return settings;
    }

    // --- for subscriptions ------------------------------------------------------------------------------------------

    EventLog log() {
        return eventLog;
    }

    /** Adds {@code s} to the fan-out; it receives every event after the seq returned. */
    long register(Subscription s) {
        fanOutLock.lock();
        try {
            if (!running) {
                s.close();
            } else {
                subscribers.add(s);
            }
            return delivered;
        } finally {
            fanOutLock.unlock();
        }
    }

    void ended(Subscription s) {
        subscribers.remove(s);
        if (s.audience() != null) {
            audiences.computeIfPresent(s.audience(), (k, streams) -> {
                streams.remove(s);
                return streams.isEmpty() ? null : streams;
            });
        }
        open.decrementAndGet();
    }

    void resetSent(Frames.Reset why) {
        resets.incrementAndGet();
        log.info("live stream: a subscriber was sent reset ({})", why);
    }

    // --- from the writer --------------------------------------------------------------------------------------------

    @Override
    public void committed(Commit commit) {
        intakeLock.lock();
        try {
            if (intake.size() + commit.events().size() <= INTAKE) {
                intake.addAll(commit.events()); // else dropped: the hub reads them from the table
            }
            knownLastSeq = Math.max(knownLastSeq, commit.lastSeq());
            arrived.signal();
        } finally {
            intakeLock.unlock();
        }
    }

    @Override
    public void rebuilt(long lastSeq) {
        intakeLock.lock();
        try {
            knownLastSeq = Math.max(knownLastSeq, lastSeq);
            arrived.signal();
        } finally {
            intakeLock.unlock();
        }
    }

    // --- the hub's thread -------------------------------------------------------------------------------------------

    private void run() {
        boolean failedBefore = false;
        while (running) {
            try {
                if (delivered < 0) {
                    delivered = eventLog.lastSeq(); // nobody is subscribed yet: nothing before now needs fanning out
                    log.info("live stream: following the log from seq {}", delivered);
                }
                step();
                failedBefore = false;
            } catch (RuntimeException e) {
                if (!failedBefore) {
                    log.warn("live stream: cannot read the log ({}); retrying every second", e.toString());
                    failedBefore = true;
                }
                pause();
            }
        }
    }

    /** Waits for news (at most a second), then fans out everything committed after what was delivered. */
    private void step() {
        List<LoggedEvent> heard = new ArrayList<>();
        long known;
        intakeLock.lock();
        try {
            long wait = IDLE_CHECK_NANOS;
            while (intake.isEmpty() && knownLastSeq <= delivered && running && wait > 0) {
                wait = arrived.awaitNanos(wait);
            }
            long gather = lastFanOut + GATHER_NANOS - System.nanoTime();
            while (gather > 0 && !intake.isEmpty() && running) {
                gather = arrived.awaitNanos(gather);
            }
            heard.addAll(intake);
            intake.clear();
            known = knownLastSeq;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        } finally {
            intakeLock.unlock();
        }
        long at = delivered;
        List<LoggedEvent> next = new ArrayList<>(heard.size());
        for (LoggedEvent e : heard) {
            if (e.seq() <= at) {
                continue; // read from the table already
            }
            if (e.seq() != at + 1) {
                at = fromTable(next, at, e.seq() - 1); // a gap: what the hub did not hear of is in the table
            }
            next.add(e);
            at = e.seq();
        }
        if (heard.isEmpty() || known > at) {
            // Nothing heard for a second, or news of more than was heard: the table says what is committed.
            at = fromTable(next, at, Long.MAX_VALUE);
        }
        if (!next.isEmpty()) {
            fanOut(next);
        }
    }

    private long fromTable(List<LoggedEvent> into, long after, long upTo) {
        long at = after;
        while (at < upTo) {
            List<LoggedEvent> page = eventLog.between(at, upTo, Subscription.PAGE);
            for (LoggedEvent e : page) {
                if (e.seq() != at + 1) {
                    throw new IllegalStateException("the event table has no event " + (at + 1) + " before " + e.seq());
                }
                into.add(e);
                at = e.seq();
            }
            if (page.size() < Subscription.PAGE) {
                break;
            }
        }
        return at;
    }

    private void fanOut(List<LoggedEvent> events) {
        List<Frames.Framed> batch = new ArrayList<>(events.size()); // each frame made once, not once a subscriber
        for (LoggedEvent e : events) {
            batch.add(Frames.Framed.of(e));
        }
        fanOutLock.lock();
        try {
            for (Subscription s : subscribers) {
                if (!s.offer(batch)) {
                    // Too slow: out of the fan-out now; its stream ends with reset. Nobody waits for it.
                    subscribers.remove(s);
                    dropped.incrementAndGet();
                }
            }
            delivered = batch.getLast().event().seq();
        } finally {
            fanOutLock.unlock();
        }
        lastFanOut = System.nanoTime();
    }

    private void pause() {
        intakeLock.lock();
        try {
            arrived.awaitNanos(IDLE_CHECK_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            intakeLock.unlock();
        }
    }

    // --- lifecycle --------------------------------------------------------------------------------------------------

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        try {
            delivered = eventLog.lastSeq(); // before the first request, normally; else the hub's thread retries
        } catch (RuntimeException e) {
            log.warn("live stream: cannot read the log yet ({}); retrying every second", e.toString());
        }
        thread = Thread.ofPlatform().name("vigil-live").daemon(true).start(this::run);
    }

    /** Ends every stream (clients reconnect with their Last-Event-ID), before the web server drains its requests. */
    @Override
    public void stop() {
        Thread t;
        fanOutLock.lock();
        try {
            running = false;
            subscribers.forEach(Subscription::close);
            subscribers.clear();
        } finally {
            fanOutLock.unlock();
        }
        synchronized (this) {
            t = thread;
        }
        intakeLock.lock();
        try {
            arrived.signal();
        } finally {
            intakeLock.unlock();
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
