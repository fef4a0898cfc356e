package vigil.server.log;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import vigil.core.Command;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.Role;
import vigil.core.Roster;
import vigil.core.engine.Engine;
import vigil.core.engine.Queries;
import vigil.server.db.Database;

/**
 * The one writer: a thread that owns the engine. Commands from every HTTP thread queue to it (bounded); it takes all
 * that are queued, advances the engine to the clock, decides them in order, appends all their events in one
 * transaction (one commit, one WAL flush: group commit), and only then answers each. If the append fails, the engine
 * is thrown away and rebuilt from the log, so it is never ahead of what is durable; the batch is answered
 * {@link Outcome.Unavailable} (retryable) and the writer carries on. If PostgreSQL refused the batch for what a
 * command holds, the batch is re-run one command at a time instead, so only that command is refused
 * ({@link Isolation}).
 *
 * <p>It writes only while it holds a PostgreSQL advisory lock on its own connection: a second server on the same
 * database waits as a standby and says so ({@link #state()}), taking over when the lock comes free. On start (and
 * after a failure) the engine is rebuilt from the log and advanced to now, so deadlines that fell due while no
 * server ran fire once each, stamped with their due time. The rebuild restores the newest usable snapshot and replays
 * only the events after it ({@link Snapshots}); each committed batch is handed to the {@link SnapshotTaker}, which
 * takes the next snapshots on its own thread.
 *
 * <p>Reads of the engine run as tasks on this thread ({@link #ask}) after the batch they came with has committed, so
 * they never see an event that is not durable.
 */
public final class Writer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Writer.class);

    /** The advisory lock key that elects the writer ("VIGIL_WR"): one per database. */
    static final long WRITER_LOCK = 0x5649_4749_4C5F_5752L;
    static final int QUEUE_CAPACITY = 10_000;
    static final int MAX_BATCH = 1_000;
    /** The administrator every room opens with; everyone and everything else comes through the log. */
    public static final String ADMINISTRATOR = "admin";
    /** The room as it opens: one administrator, no units. AddStaff and AddUnit (in the log) do the rest. */
    static final Roster OPENING_ROSTER = new Roster(
            List.of(new Roster.StaffMember(ADMINISTRATOR, Role.ADMIN, null)), List.of());

    /** What the writer is doing; only {@link Phase#WRITING} accepts commands. */
    public enum Phase { STARTING, STANDBY, WRITING, RECOVERING, STOPPED }

    public record State(Phase phase, String why) {}

    /** Where the durable log stands after the last committed batch. */
    public record Position(long lastSeq, Instant clock, String headHash) {}

    /**
     * How the engine was last built: from the snapshot at {@code snapshotSeq} (0: none, a full rebuild) and the
     * {@code replayed} events after it, in {@code millis}.
     */
    public record Start(long snapshotSeq, long replayed, long millis) {}

    /**
     * Counts since start: commands decided, batches committed, the largest batch, batches whose append failed, engine
     * rebuilds, commands re-run one at a time because their batch was refused for what one of them held, and commands
     * refused because the log could not store what they held ({@link Outcome.Unstorable}).
     */
    public record Stats(long commands, long batches, long largestBatch, long failedBatches, long rebuilds,
                        long rerun, long unstorable) {
        public double meanBatch() {
            return batches == 0 ? 0 : (double) commands / batches;
        }
    }

    sealed interface Task {}

    record CommandTask(Command command, IdempotencyKey key, CompletableFuture<Outcome> answer)
            implements Task {}

    /** A command decided in this batch: its events are {@code events[from, to)} of the batch. */
    private record Decided(CommandTask task, int from, int to, long lastSeq) {}

    record ReadTask<T>(Function<Queries, T> read, CompletableFuture<T> answer) implements Task {
        void run(Queries q) {
            try {
                answer.complete(read.apply(q));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }

        void refuse(String why) {
            answer.completeExceptionally(new Unavailable(why));
        }
    }

    /** A read that could not run: the writer is not writing. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String why) {
            super(why, null, false, false);
        }
    }

    private final Database database;
    private final java.time.InstantSource clock;
    private final Policy policy;
    private final List<CommitListener> listeners;
    private final Snapshots snapshots;
    private final SnapshotTaker snapshotTaker;
    private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong largestBatch = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final AtomicLong rebuilds = new AtomicLong();
    private final Isolation isolation = new Isolation(this);
    private volatile State state = new State(Phase.STOPPED, "not started");
    /** Whether this server writes (true) or stands by (false), once it first knows. */
    private final CompletableFuture<Boolean> elected = new CompletableFuture<>();
    private volatile Position position = new Position(0, null, HexFormat.of().formatHex(Chain.GENESIS));
    private volatile Start lastStart;
    private volatile boolean running;
    private Thread thread;
    /** The chain's head: the hash of the last durable event (writer thread only). */
    private byte[] head = Chain.GENESIS;
    /** The last database failure logged (writer thread only). */
    private String lastWarning;

    Writer(Database database, java.time.InstantSource clock, Policy policy, List<CommitListener> listeners,
           Snapshots snapshots, SnapshotTaker snapshotTaker) {
        this.database = database;
        this.clock = clock;
        this.policy = policy;
        this.listeners = List.copyOf(listeners);
        this.snapshots = snapshots;
        this.snapshotTaker = snapshotTaker;
    }

    // --- the public face ----------------------------------------------------------------------------------------

    /** Queues a command; the answer completes once its events are durable (or it is known they will not be). */
    public CompletableFuture<Outcome> submit(Command command, IdempotencyKey key) {
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        State s = state;
        if (s.phase() != Phase.WRITING) {
            answer.complete(new Outcome.Unavailable(s.why()));
        } else if (!queue.offer(new CommandTask(command, key, answer))) {
            answer.complete(new Outcome.Unavailable("the command queue is full (" + QUEUE_CAPACITY + "); retry"));
        }
        return answer;
    }

    /** Runs {@code read} on the writer against committed state. {@code read} must return a copy, not a live view. */
    public <T> CompletableFuture<T> ask(Function<Queries, T> read) {
        ReadTask<T> task = new ReadTask<>(read, new CompletableFuture<>());
        State s = state;
        if (s.phase() != Phase.WRITING) {
            task.refuse(s.why());
        } else if (!queue.offer(task)) {
            task.refuse("the command queue is full (" + QUEUE_CAPACITY + "); retry");
        }
        return task.answer();
    }

    public State state() {
        return state;
    }

    public Position position() {
        return position;
    }

    /**
     * Completes once this server first asked for the writer role: true if it took it, false if another server holds it
     * (a standby, {@link #state()} says whose; it takes over when that server stops).
     */
    public CompletableFuture<Boolean> elected() {
        return elected.copy();
    }

    public int queueDepth() {
        return queue.size();
    }

    /** How the engine was last built (null before the first build). */
    public Start lastStart() {
        return lastStart;
    }

    public Stats stats() {
        return new Stats(commands.get(), batches.get(), largestBatch.get(), failedBatches.get(), rebuilds.get(),
                isolation.rerun(), isolation.refused());
    }

    // --- lifecycle ----------------------------------------------------------------------------------------------

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        state = new State(Phase.STARTING, "connecting to the database");
        snapshotTaker.start();
        thread = Thread.ofPlatform().name("vigil-writer").daemon(true).start(this::run);
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        snapshotTaker.close();
        Stats s = stats();
        log.info("writer stopped: {} commands in {} batches (mean {}, largest {}), {} failed batches, {} rebuilds,"
                + " {} commands the log could not store", s.commands(), s.batches(), String.format("%.1f",
                s.meanBatch()), s.largestBatch(), s.failedBatches(), s.rebuilds(), s.unstorable());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started before the web server accepts requests, stopped after it has drained them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    // --- the writer thread --------------------------------------------------------------------------------------

    private void run() {
        try {
            while (running) {
                try (Connection c = database.connect(applicationName())) {
                    if (!holdWriterLock(c)) {
                        continue; // the connection died while waiting, or stopping
                    }
                    lastWarning = null;
                    while (running) {
                        Engine engine = rebuild(c);
                        serve(c, engine);
                        if (!running || !c.isValid(2)) {
                            break; // reconnect (the lock went with the connection)
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    if (running) {
                        state = new State(Phase.RECOVERING, "the database is unreachable or failed; retrying");
                        String said = firstLine(e);
                        if (!said.equals(lastWarning)) { // once, not every second the database stays down
                            log.warn("writer: the database failed ({}); retrying every second", said);
                            lastWarning = said;
                        }
                        refuseFor(1_000, state.why());
                    }
                }
            }
        } finally {
            state = new State(Phase.STOPPED, "the server is stopping");
            refuseQueued(state.why());
        }
    }

    /** Waits, refusing what is queued, until this connection holds the writer lock. False if stopping or dead. */
    private boolean holdWriterLock(Connection c) throws SQLException {
        while (running) {
            try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(?)")) {
                s.setLong(1, WRITER_LOCK);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        elected.complete(true);
                        return true;
                    }
                }
            }
            String holder = lockHolder(c);
            if (state.phase() != Phase.STANDBY) {
                log.warn("writer: another Vigil server holds the writer role on this database ({}); standing by",
                        holder);
            }
            state = new State(Phase.STANDBY, "standby: another Vigil server holds the writer role on this database ("
                    + holder + ")");
            elected.complete(false);
            refuseFor(2_000, state.why());
            if (!c.isValid(2)) {
                return false;
            }
        }
        return false;
    }

    private static String lockHolder(Connection c) {
        try (PreparedStatement s = c.prepareStatement("select a.application_name, a.client_addr, a.backend_start"
                + " from pg_locks l join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory'"
                + " and l.granted and l.classid = ? and l.objid = ? and l.objsubid = 1")) {
            s.setLong(1, WRITER_LOCK >>> 32);
            s.setLong(2, WRITER_LOCK & 0xFFFF_FFFFL);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return rs.getString(1) + (rs.getString(2) == null ? "" : " from " + rs.getString(2))
                            + (rs.getObject(3) == null ? "" : ", connected since " + rs.getObject(3));
                }
            }
        } catch (SQLException e) {
            // say less
        }
        return "holder unknown";
    }

    private Engine rebuild(Connection c) throws SQLException {
        state = new State(state.phase() == Phase.RECOVERING ? Phase.RECOVERING : Phase.STARTING,
                "rebuilding the control room from the log");
        Engine e = rebuilt(c);
        state = new State(Phase.WRITING, "accepting commands");
        log.info("writer: accepting commands (log at seq {})", e.lastSeq());
        return e;
    }

    /**
     * The engine built afresh from the log and advanced to now, its due deadlines committed. The phase is left as it
     * is: {@link Isolation} rebuilds while writing, and what arrives meanwhile queues.
     */
    Engine rebuilt(Connection c) throws SQLException {
        long t0 = System.nanoTime();
        Snapshots.Built built = snapshots.build(c);
        Engine e = built.engine() != null ? built.engine() : Engine.start(policy, OPENING_ROSTER, now(null));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        lastStart = new Start(built.snapshotSeq(), built.replayed(), millis);
        if (built.snapshotSeq() > 0) {
            log.info("writer: restored the snapshot at seq {} and replayed the {} events after it in {} ms",
                    built.snapshotSeq(), built.replayed(), millis);
        } else {
            log.info("writer: rebuilt from {} events in {} ms", built.replayed(), millis);
        }
        rebuilds.incrementAndGet();
        snapshotTaker.rebuilt();
        head = built.head();
        position = new Position(e.lastSeq(), e.clock(), HexFormat.of().formatHex(head));
        for (CommitListener l : listeners) {
            try {
                l.rebuilt(e.lastSeq());
            } catch (RuntimeException failed) {
                log.warn("writer: a commit listener failed on a rebuild: {}", failed.toString());
            }
        }
        // Deadlines that fell due while no server ran fire now, once each, stamped with their due time.
        long before = e.lastSeq();
        commit(c, e, List.of());
        if (e.lastSeq() > before) {
            log.info("writer: {} deadline events fell due while the server was down", e.lastSeq() - before);
        }
        return e;
    }

    /** Runs batches until one fails (answered, then the caller rebuilds) or the writer stops. */
    private void serve(Connection c, Engine built) {
        Engine engine = built;
        List<Task> batch = new ArrayList<>();
        while (running) {
            batch.clear();
            try {
                Task first = queue.poll(1, TimeUnit.SECONDS); // at least once a second the clock moves the engine
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                break;
            }
            try {
                if (batch.isEmpty() && !c.isValid(2)) {
                    // An idle second: make sure the log is still there, so health does not say UP over a dead database.
                    throw new SQLException("the writer's connection to the database is gone");
                }
                commit(c, engine, batch);
            } catch (SQLException | RuntimeException e) {
                failedBatches.incrementAndGet();
                Exception failure = e;
                if (Isolation.refusedAsData(e)) {
                    log.warn("writer: the log refused a batch of {} for what it holds ({}); re-running it one"
                            + " command at a time", batch.size(), firstLine(e));
                    try {
                        engine = isolation.oneAtATime(c, batch);
                        continue;
                    } catch (SQLException | RuntimeException again) {
                        failure = again;
                    }
                }
                // Clients are told what it means for them; the database's own words (and SQL) stay in the server's log.
                String why = "the log could not be written; nothing of this command was recorded: retry";
                state = new State(Phase.RECOVERING, why);
                log.error("writer: a batch of {} failed, rebuilding the engine from the log", batch.size(), failure);
                for (Task t : batch) {
                    refuse(t, why); // a no-op for any the re-run has answered: each is answered once
                }
                return;
            }
        }
    }

    private void commit(Connection c, Engine engine, List<Task> batch) throws SQLException {
        commit(c, engine, batch, now(engine.clock()));
    }

    /**
     * One batch at {@code now}: advance, decide, append in one transaction, then answer. Throws if the append fails.
     */
    void commit(Connection c, Engine engine, List<Task> batch, Instant now) throws SQLException {
        List<Recorded> events = new ArrayList<>(engine.advanceTo(now));
        Map<CommandTask, Outcome> answers = new HashMap<>();
        List<IdempotencyKey> keys = new ArrayList<>();
        for (Task t : batch) {
            if (t instanceof CommandTask ct && ct.key() != null) {
                keys.add(ct.key());
            }
        }
        Map<IdempotencyKey.Id, EventTable.KeptAnswer> kept = EventTable.kept(c, keys);
        Map<IdempotencyKey.Id, CommandTask> keyedHere = new HashMap<>();
        List<Decided> decisions = new ArrayList<>();
        for (Task t : batch) {
            if (!(t instanceof CommandTask ct)) {
                continue;
            }
            IdempotencyKey key = ct.key();
            if (key != null) {
                EventTable.KeptAnswer k = kept.get(key.id());
                if (k != null) {
                    answers.put(ct, key.sameRequest(k.requestHash())
                            ? new Outcome.Decided(Receipt.fromJson(k.answer()), true) : new Outcome.KeyReused(key.key()));
                    continue;
                }
                CommandTask earlier = keyedHere.get(key.id());
                if (earlier != null) {
                    answers.put(ct, earlier.key().sameRequest(key.requestHash()) ? null : new Outcome.KeyReused(key.key()));
                    continue; // null: the earlier command's answer, filled in below
                }
                keyedHere.put(key.id(), ct);
            }
            int from = events.size();
            events.addAll(engine.submit(engine.lastSeq() + 1, ct.command(), now));
            decisions.add(new Decided(ct, from, events.size(), engine.lastSeq()));
        }
        // Each event's line is made once: the row stores it, the answer carries it.
        List<EventTable.Row> rows = events.isEmpty() ? List.of() : EventTable.rows(events, head);
        List<EventTable.NewKey> newKeys = new ArrayList<>();
        for (Decided d : decisions) {
            List<Recorded> own = events.subList(d.from(), d.to());
            List<String> lines = rows.subList(d.from(), d.to()).stream().map(EventTable.Row::payload).toList();
            Receipt receipt = new Receipt(own, d.lastSeq(), lines);
            answers.put(d.task(), new Outcome.Decided(receipt, false));
            if (d.task().key() != null && !own.isEmpty()) {
                newKeys.add(new EventTable.NewKey(d.task().key(), receipt.json(), own.getFirst().seq(), now));
            }
        }
        int decided = decisions.size();
        long appendNanos = 0;
        if (!rows.isEmpty() || !newKeys.isEmpty()) {
            long t0 = System.nanoTime();
            EventTable.append(c, rows, newKeys);
            appendNanos = System.nanoTime() - t0;
            if (!rows.isEmpty()) {
                head = rows.getLast().hash();
                snapshotTaker.committed(events, head);
            }
        }
        position = new Position(engine.lastSeq(), engine.clock(), HexFormat.of().formatHex(head));
        if (decided > 0) {
            batches.incrementAndGet();
            commands.addAndGet(decided);
            largestBatch.accumulateAndGet(decided, Math::max);
        }
        if (!rows.isEmpty() || decided > 0) {
            tellListeners(rows, engine.lastSeq(), decided, appendNanos);
        }
        // Durable: answer, then run the reads against the committed state.
        Queries queries = null;
        for (Task t : batch) {
            switch (t) {
                case CommandTask ct -> {
                    Outcome o = answers.get(ct);
                    if (o == null) { // a repeat within the batch: the first one's answer
                        Outcome.Decided first = (Outcome.Decided) answers.get(keyedHere.get(ct.key().id()));
                        o = new Outcome.Decided(first.receipt(), true);
                    }
                    ct.answer().complete(o);
                }
                case ReadTask<?> rt -> {
                    if (queries == null) {
                        queries = engine.queries();
                    }
                    rt.run(queries);
                }
            }
        }
    }

    /** Durable now: the listeners hear of the batch before anyone is answered (so a stream is never behind an answer). */
    private void tellListeners(List<EventTable.Row> rows, long lastSeq, int decided, long appendNanos) {
        if (listeners.isEmpty()) {
            return;
        }
        List<LoggedEvent> events = new ArrayList<>(rows.size());
        for (EventTable.Row r : rows) {
            events.add(new LoggedEvent(r.recorded().seq(), r.recorded().event().type(), r.payload()));
        }
        CommitListener.Commit commit = new CommitListener.Commit(events, lastSeq, decided, appendNanos);
        for (CommitListener l : listeners) {
            try {
                l.committed(commit);
            } catch (RuntimeException e) {
                log.warn("writer: a commit listener failed on the batch up to seq {}: {}", lastSeq, e.toString());
            }
        }
    }

    /** The clock, never before the engine's (a wall clock stepped back must not run the control room backwards). */
    Instant now(Instant engineClock) {
        Instant t = Chain.stored(clock.instant());
        return engineClock != null && t.isBefore(engineClock) ? engineClock : t;
    }

    private void refuse(Task t, String why) {
        switch (t) {
            case CommandTask ct -> ct.answer().complete(new Outcome.Unavailable(why));
            case ReadTask<?> rt -> rt.refuse(why);
        }
    }

    private void refuseQueued(String why) {
        Task t;
        while ((t = queue.poll()) != null) {
            refuse(t, why);
        }
    }

    /** Answers whatever arrives for {@code millis} with {@code why}: nobody waits on a writer that cannot write. */
    private void refuseFor(long millis, String why) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while (running && (left = until - System.nanoTime()) > 0) {
            try {
                Task t = queue.poll(left, TimeUnit.NANOSECONDS);
                if (t != null) {
                    refuse(t, why);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String applicationName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        return ("vigil-writer " + host + " pid " + ManagementFactory.getRuntimeMXBean().getPid()).replaceAll("\\s+",
                " ");
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m).trim();
    }
}
