package vigil.server.api;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.server.log.EventLog;
import vigil.server.reports.ServerReports;
import vigil.server.reports.Timelines;

/**
 * An incident's timeline up to the last commit: every event of the log that names it ({@code incidentId},
 * {@code fromIncidentId} or {@code toIncidentId}), in order, as replay lines. The report follower's index gives the
 * events up to where it has read; the few committed since are read from the log itself. For {@code GET
 * /api/incidents/{id}} and the incident's page alike.
 */
@Component
public class IncidentTimeline {
    /** Bound on the log read past the report follower for one timeline (it is normally a fifth of a second behind). */
    static final int TIMELINE_TAIL = 100_000;
    private static final int PAGE = 10_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The lines, and whether they are all of them ({@code false} only past {@link #TIMELINE_TAIL} unindexed events). */
    public record Lines(List<String> lines, boolean complete) {}

    private final EventLog log;
    private final Timelines timelines;
    private final ServerReports reports;

    IncidentTimeline(EventLog log, Timelines timelines, ServerReports reports) {
        this.log = log;
        this.timelines = timelines;
        this.reports = reports;
    }

    public Lines of(String id) {
        long indexedUpTo = reports.history().reportedUpTo();
        List<String> lines = new ArrayList<>();
        long last = 0;
        for (Timelines.Entry e : timelines.of(id)) {
            lines.add(e.payload());
            last = Math.max(last, e.seq());
        }
        long after = Math.max(indexedUpTo, last);
        int read = 0;
        while (read < TIMELINE_TAIL) {
            List<String> page = log.after(after, PAGE);
            for (String line : page) {
                JsonNode e = JSON.readTree(line);
                after = e.get("seq").asLong();
                if (names(e, id)) {
                    lines.add(line);
                }
            }
            read += page.size();
            if (page.size() < PAGE) {
                return new Lines(lines, true);
            }
        }
        return new Lines(lines, false);
    }

    private static boolean names(JsonNode e, String incidentId) {
        for (String field : List.of("incidentId", "fromIncidentId", "toIncidentId")) {
            JsonNode v = e.get(field);
            if (v != null && v.isString() && v.asString().equals(incidentId)) {
                return true;
            }
        }
        return false;
    }
}
