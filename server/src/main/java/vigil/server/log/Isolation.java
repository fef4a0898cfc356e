package vigil.server.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vigil.core.engine.Engine;

/**
 * A batch PostgreSQL refused for what one of its commands holds must not fail its neighbours (ADR 116): the engine,
 * which decided the whole batch, is rebuilt from the log, and the batch is re-run in its order, one command at a time,
 * each in a commit of its own. Only a command whose own append is refused is refused, {@link Outcome.Unstorable}, and
 * the engine is rebuilt again after it, so it is never ahead of the log. Anything else that fails is thrown: the
 * writer answers what is still unanswered 503 and recovers as from any failed batch.
 */
final class Isolation {
    private static final Logger log = LoggerFactory.getLogger(Isolation.class);

    private final Writer writer;
    private final AtomicLong rerunCommands = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    Isolation(Writer writer) {
        this.writer = writer;
    }

    /**
     * Whether PostgreSQL refused a value, not the statement or the database: SQLState class 22 (data exception: text,
     * JSON or a number it cannot take) or 54 (a value past one of its limits, such as an index entry too long). The
     * append's shape is fixed, so either comes from the values. Class 23 (integrity) does not: every constraint on the
     * log is on what the writer itself makes (seq, hashes, keys already kept), so it means the writer's picture of
     * the log is wrong, and a rebuild, not a refusal, is the answer.
     */
    static boolean refusedAsData(Throwable failure) {
        return refusedAsData(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** Searches the causes and, for an SQLException, the exceptions chained after it (as a batch's are). */
    private static boolean refusedAsData(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        if (t instanceof SQLException s) {
            String state = s.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("54"))
                    || refusedAsData(s.getNextException(), seen)) {
                return true;
            }
        }
        return refusedAsData(t.getCause(), seen);
    }

    /** Commands re-run one at a time since start, their batch refused for what one of them held. */
    long rerun() {
        return rerunCommands.get();
    }

    /** Commands refused since start because the log could not store them. */
    long refused() {
        return refused.get();
    }

    /** Re-runs the refused {@code batch} on {@code c}; returns the engine to carry on with. */
    Engine oneAtATime(Connection c, List<Writer.Task> batch) throws SQLException {
        rerunCommands.addAndGet(batch.stream().filter(t -> t instanceof Writer.CommandTask).count());
        Engine engine = writer.rebuilt(c);
        for (Writer.Task t : batch) {
            Instant now = writer.now(engine.clock());
            // Deadlines due by now first, on their own: a refusal of the next commit is then the command's alone.
            writer.commit(c, engine, List.of(), now);
            try {
                writer.commit(c, engine, List.of(t), now);
            } catch (SQLException | RuntimeException e) {
                if (!(t instanceof Writer.CommandTask ct) || !refusedAsData(e)) {
                    throw e;
                }
                refused.incrementAndGet();
                log.warn("writer: the log cannot store what {} by {} holds ({}); refused it, nothing recorded",
                        ct.command().name(), ct.command().by().id(), Writer.firstLine(e));
                ct.answer().complete(new Outcome.Unstorable());
                engine = writer.rebuilt(c);
            }
        }
        return engine;
    }
}
