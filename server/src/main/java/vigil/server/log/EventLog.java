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
}
