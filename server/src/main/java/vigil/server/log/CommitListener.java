package vigil.server.log;

import java.util.List;

/**
 * Told by the writer of each batch it has committed: on the writer thread, after the commit, before the batch's
 * commands are answered. Everything it is handed is durable, in seq order, and batches come in commit order. It must
 * return at once (hand the batch on; never wait, never do I/O): the writer answers nobody until every listener has
 * returned. A listener that throws is logged and skipped, and the writer carries on.
 */
public interface CommitListener {

    /** One committed batch. */
    void committed(Commit commit);

    /**
     * The writer has (re)built the engine from the log, which ends at {@code lastSeq}. Events up to there may never
     * have been handed to {@link #committed} (a commit whose answer was lost, another server's writes): a listener
     * that must see every event reads them from the log.
     */
    default void rebuilt(long lastSeq) {}

    /**
     * A committed batch: its events, the log's last seq after it, how many commands it decided (0 when only deadlines
     * fell due), and how long its one append statement took.
     */
    record Commit(List<LoggedEvent> events, long lastSeq, int commands, long appendNanos) {
        public Commit {
            events = List.copyOf(events);
        }
    }
}
