package vigil.server.live;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vigil.server.log.LoggedEvent;

/**
 * One subscriber of the live stream: its bounded buffer, filled by the hub, and the loop that sends it, run on the
 * subscriber's own request thread (a virtual thread: parked, it holds no platform thread).
 *
 * <p>The loop first copies the log from the table, unregistered, up to about where the hub stands; then registers
 * (the hub says up to which seq it has fanned out), copies the few events up to there from the table too, and from
 * then on sends what the hub puts in its buffer. Each event is sent once and in seq order: the loop sends only the
 * event after the last one it sent, and a buffer that does not go on from there ends the stream with {@code reset}.
 */
public final class Subscription {
    /** Rows read from the table at a time while catching up. */
    static final int PAGE = 1_000;

    /** Where a subscription's text goes: the response. A failed write means the client is gone. */
    @FunctionalInterface
    public interface Sink {
        void send(String text) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(Subscription.class);

    private final LiveEvents hub;
    private final long after;
    private final View view;
    private final int capacity;
    private final boolean heartbeatEvents;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<Frames.Framed> buffer = new ArrayDeque<>();
    private boolean overflowed;
    private boolean closed;
    /** Whose asides this stream carries (null: none), and where those made before it started are read. */
    private final String audience;
    private final AsideSource asideSource;
    /** Asides waiting for their event to be sent, in (seq, id) order; their ids, so none is taken twice. */
    private final TreeSet<Aside> asides = new TreeSet<>(Comparator.comparingLong(Aside::seq)
            .thenComparingLong(Aside::id));
    private final Set<Long> asideIds = new HashSet<>();
    /** Asides up to this id were read at the start (or were not for this stream): news of them is ignored. */
    private long asidesCaughtUpTo = -1;

    Subscription(LiveEvents hub, long after, View view, int capacity, String audience, AsideSource asideSource,
                 boolean heartbeatEvents) {
        this.hub = hub;
        this.after = after;
        this.view = view;
        this.capacity = capacity;
        this.audience = audience;
        this.asideSource = asideSource;
        this.heartbeatEvents = heartbeatEvents;
    }

    String audience() {
        return audience;
    }

    /** Sends the stream to {@code sink} until the client goes, falls behind or the server stops. */
    public void run(Sink sink) throws IOException {
        try {
            stream(sink);
        } catch (RuntimeException e) {
            // The log could not be read (the database failed) or is damaged: end the stream; the client reconnects.
            log.warn("live stream after seq {} ended: {}", after, e.toString());
        } finally {
            hub.ended(this);
        }
    }

    private void stream(Sink sink) throws IOException {
        sink.send(Frames.opening(after));
        long logEnd = hub.log().lastSeq();
        if (after > logEnd) {
            reset(sink, Frames.Reset.NOT_IN_LOG, after, logEnd);
            return;
        }
        if (logEnd - after > hub.settings().maxCatchUp()) {
            reset(sink, Frames.Reset.TOO_FAR_BEHIND, after, logEnd);
            return;
        }
        catchUpAsides();
        long sent = copy(sink, after, Long.MAX_VALUE);
        long registeredAt = hub.register(this);
        sent = copy(sink, sent, registeredAt);
        long heartbeat = hub.settings().heartbeat().toNanos();
        List<Frames.Framed> next = new ArrayList<>();
        while (true) {
            boolean tooSlow;
            lock.lock();
            try {
                long wait = heartbeat;
                while (buffer.isEmpty() && !overflowed && !closed && !asideDue(sent) && wait > 0) {
                    wait = ready.awaitNanos(wait);
                }
                if (closed) {
                    return;
                }
                tooSlow = overflowed;
                next.addAll(buffer);
                buffer.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (tooSlow) {
                reset(sink, Frames.Reset.TOO_SLOW, sent, hub.delivered());
                return;
            }
            if (next.isEmpty()) {
                if (!sendAsides(sink, sent)) {
                    sink.send(heartbeatEvents ? Frames.heartbeatEvent(sent) : Frames.HEARTBEAT);
                }
                continue;
            }
            StringBuilder out = new StringBuilder();
            for (Frames.Framed f : next) {
                LoggedEvent e = f.event();
                if (e.seq() <= sent) {
                    continue; // already sent from the table
                }
                if (e.seq() != sent + 1) {
                    // Never expected. Ending the stream heals it: the client reconnects with its Last-Event-ID and is
                    // caught up from the table.
                    log.error("live stream: event {} came after {}; ending the stream", e.seq(), sent);
                    sink.send(out.toString());
                    return;
                }
                f.appendTo(out, view);
                sent = e.seq();
            }
            next.clear();
            if (!out.isEmpty()) {
                sink.send(out.toString());
            }
            sendAsides(sink, sent);
        }
    }

    /** The asides made before this stream started that it carries; news of any of them from now on is old news. */
    private void catchUpAsides() {
        if (asideSource == null) {
            return;
        }
        AsideSource.CatchUp c = asideSource.since(after);
        lock.lock();
        try {
            c.asides().forEach(this::keep);
            asidesCaughtUpTo = c.madeUpTo();
        } finally {
            lock.unlock();
        }
    }

    /** Whether an aside waits whose event has been sent (guarded by lock). */
    private boolean asideDue(long sent) {
        return !asides.isEmpty() && asides.first().seq() <= sent;
    }

    /** Sends the asides whose events have been sent, in (seq, id) order; whether there were any. */
    private boolean sendAsides(Sink sink, long sent) throws IOException {
        StringBuilder out = new StringBuilder();
        lock.lock();
        try {
            while (asideDue(sent)) {
                Aside a = asides.pollFirst();
                asideIds.remove(a.id());
                Frames.aside(out, a);
            }
        } finally {
            lock.unlock();
        }
        if (out.isEmpty()) {
            return false;
        }
        sink.send(out.toString());
        return true;
    }

    /** Keeps an aside until its event is sent; a stream with more waiting than its buffer holds is too slow. */
    private void keep(Aside a) {
        if (a.id() <= asidesCaughtUpTo || !asideIds.add(a.id())) {
            return;
        }
        asides.add(a);
        if (asides.size() > capacity) {
            overflowed = true;
            buffer.clear();
            asides.clear();
            asideIds.clear();
        }
    }

    /** Sends the log after {@code from} up to {@code upTo} from the table, a page a write; the last seq sent. */
    private long copy(Sink sink, long from, long upTo) throws IOException {
        long sent = from;
        while (sent < upTo) {
            List<LoggedEvent> page = hub.log().between(sent, upTo, PAGE);
            if (page.isEmpty()) {
                break;
            }
            StringBuilder out = new StringBuilder();
            for (LoggedEvent e : page) {
                if (e.seq() != sent + 1) {
                    throw new IllegalStateException("the event table has no event " + (sent + 1) + " before "
                            + e.seq());
                }
                Frames.event(out, e, view.line(e.line()));
                sent = e.seq();
            }
            sink.send(out.toString());
            sendAsides(sink, sent);
            if (page.size() < PAGE) {
                break;
            }
        }
        return sent;
    }

    private void reset(Sink sink, Frames.Reset why, long sentUpTo, long lastSeq) throws IOException {
        hub.resetSent(why);
        sink.send(Frames.reset(why, sentUpTo, lastSeq));
    }

    // --- the hub's side ---------------------------------------------------------------------------------------------

    /** Adds a fanned-out batch; false (and the buffer is given up) when it would not fit or the stream has ended. */
    boolean offer(List<Frames.Framed> events) {
        lock.lock();
        try {
            if (closed || overflowed) {
                return false;
            }
            // A batch is always taken into an empty buffer, however large: a client that keeps up is never dropped.
            if (!buffer.isEmpty() && buffer.size() + events.size() > capacity) {
                overflowed = true;
                buffer.clear();
                ready.signal();
                return false;
            }
            buffer.addAll(events);
            ready.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** An aside for this stream's audience, sent once the event it follows has been (never waits). */
    void offerAside(Aside a) {
        lock.lock();
        try {
            if (closed || overflowed) {
                return;
            }
            keep(a);
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream at its next wake-up (the server is stopping). */
    void close() {
        lock.lock();
        try {
            closed = true;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }
}
