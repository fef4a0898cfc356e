package vigil.server.log;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reading the committed log, for anyone: only what is committed is visible, and since one writer commits in seq
 * order, {@code seq > n} never skips an event that appears later.
 */
@Component
public class EventLog {
    private final JdbcClient jdbc;

    EventLog(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** The replay lines of events after {@code afterSeq}, in seq order, at most {@code limit}. */
    public List<String> after(long afterSeq, int limit) {
        return jdbc.sql("select payload from event where seq > ? order by seq limit ?")
                .params(afterSeq, limit).query(String.class).list();
    }

    /** The seq of the last committed event, 0 for an empty log. */
    public long lastSeq() {
        return jdbc.sql("select coalesce(max(seq), 0) from event").query(Long.class).single();
    }

    /** The events after {@code afterSeq} up to {@code upToSeq} (inclusive), in seq order, at most {@code limit}. */
    public List<LoggedEvent> between(long afterSeq, long upToSeq, int limit) {
        return jdbc.sql("select seq, type, payload from event where seq > ? and seq <= ? order by seq limit ?")
                .params(afterSeq, upToSeq, limit)
                .query((rs, n) -> new LoggedEvent(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }
}
