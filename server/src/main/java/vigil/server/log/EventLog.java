package vigil.server.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    /**
     * A call's replay lines in seq order: its {@code CallRecorded}, what its recording found (the lines of the same
     * command right after it: scheme matches, previous schemes, previous contacts), and each {@code IncidentCreated}
     * or {@code CallLinked} that took it. Empty when no such call was recorded. Found through the partial index
     * {@code event_call} (the MD5 of the id, V119), whose conditions the first query repeats.
     */
    public List<String> call(String callId) {
        List<Row> named = jdbc.sql("select seq, type, payload::text from event where type in ('CallRecorded',"
                + " 'IncidentCreated', 'CallLinked') and md5(payload->>'callId') = md5(?)"
                + " and payload->>'callId' = ? order by seq").params(callId, callId)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        if (named.isEmpty() || !named.getFirst().type().equals("CallRecorded")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        out.add(named.getFirst().payload());
        // One command's events are consecutive, so the findings end at the first line that is not one of this call.
        long after = named.getFirst().seq();
        boolean more = true;
        while (more) {
            List<Row> page = jdbc.sql("select seq, type, payload::text, payload->>'callId' from event where seq > ?"
                            + " order by seq limit ?").params(after, FINDINGS_PAGE)
                    .query((rs, n) -> FINDINGS.contains(rs.getString(2)) && callId.equals(rs.getString(4))
                            ? new Row(rs.getLong(1), rs.getString(2), rs.getString(3)) : null).list();
            int found = 0;
            while (found < page.size() && page.get(found) != null) {
                out.add(page.get(found).payload());
                after = page.get(found).seq();
                found++;
            }
            more = found == FINDINGS_PAGE;
        }
        named.stream().skip(1).map(Row::payload).forEach(out::add);
        return out;
    }

    /** The kinds of event that name a scheme: those the partial index {@code event_scheme} (V105) holds. */
    static final List<String> SCHEME_EVENTS = List.of("SchemeRequested", "SchemeRejected", "SchemeActivated",
            "VictimContactRecorded", "VictimContactOverdue", "FirstStageReviewSent", "SecondStageReviewSent",
            "SchemeExtended", "SchemeWithdrawn", "SchemeReviewOverdue", "SchemeMatched", "PreviousSchemeFound",
            "GradeBelowScheme");

    /**
     * A scheme's history: the {@code limit} most recent events naming it, in seq order (its form, activation, contact
     * attempts, reviews, the calls that matched it and the incidents graded below it). Found through the partial index
     * {@code event_scheme} (the MD5 of the id, V119), whose conditions the query repeats.
     */
    public List<LoggedEvent> scheme(String schemeId, int limit) {
        List<LoggedEvent> newest = jdbc.sql("select seq, type, payload::text from event where type in ("
                        + String.join(", ", SCHEME_EVENTS.stream().map(t -> "'" + t + "'").toList())
                        + ") and md5(payload->>'schemeId') = md5(?) and payload->>'schemeId' = ? order by seq desc"
                        + " limit ?").params(schemeId, schemeId, limit)
                .query((rs, n) -> new LoggedEvent(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        return newest.reversed();
    }

    private static final Set<String> FINDINGS = Set.of("SchemeMatched", "PreviousSchemeFound", "PreviousContactsFound");
    private static final int FINDINGS_PAGE = 32;

    private record Row(long seq, String type, String payload) {}
}
