package vigil.server.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Event;
import vigil.core.Recorded;
import vigil.sim.json.EventJson;

/**
 * An incident's timeline: every event of the log that names it (as incident, original of a divert or its new
 * incident), in order, with its actor and time, read through the follower's index into the log. As JSON, CSV, or a
 * NENA EIDO document (the subset ADR 062 lists).
 */
public final class Timelines {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final DataSource pool;

    public Timelines(DataSource pool) {
        this.pool = pool;
    }

    /** One event of a timeline: its seq, instant (exact, from the event), type, actor (null: a deadline), payload. */
    public record Entry(long seq, java.time.Instant at, String type, String actor, String payload, Event event) {}

    /** The events naming {@code incidentId}, in seq order; empty when the log has none (as far as followed). */
    public List<Entry> of(String incidentId) {
        List<Entry> out = new ArrayList<>();
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("select e.seq, e.type, e.actor, e.payload from"
                     + " report_incident_event m join event e on e.seq = m.seq where md5(m.incident_id) = md5(?)"
                     + " and m.incident_id = ? order by e.seq")) {
            s.setString(1, incidentId);
            s.setString(2, incidentId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Recorded r = EventJson.parse(rs.getString(4));
                    out.add(new Entry(rs.getLong(1), r.at(), rs.getString(2), rs.getString(3), rs.getString(4),
                            r.event()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the timeline: " + e.getMessage(), e);
        }
        return out;
    }

    /** {@code {"incidentId", "events": [{seq, at, type, actor, event}], "history"}}. */
    public static String json(String incidentId, List<Entry> entries, ServerReports.History h) {
        ObjectNode o = JSON.createObjectNode();
        o.put("incidentId", incidentId);
        ArrayNode events = o.putArray("events");
        for (Entry e : entries) {
            ObjectNode n = events.addObject();
            n.put("seq", e.seq()).put("at", e.at().toString()).put("type", e.type()).put("actor", e.actor());
            n.set("event", JSON.readTree(e.payload()));
        }
        history(o, h);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
    }

    static void history(ObjectNode o, ServerReports.History h) {
        ObjectNode n = o.putObject("history");
        n.put("verified", h.verified()).put("verifiedUpTo", h.verifiedUpTo()).put("reportedUpTo", h.reportedUpTo())
                .put("statement", h.statement());
    }

    /** The columns of {@link #json}, the event as its JSON line. */
    public static List<List<String>> csvRows(List<Entry> entries) {
        List<List<String>> rows = new ArrayList<>();
        for (Entry e : entries) {
            rows.add(java.util.Arrays.asList(String.valueOf(e.seq()), e.at().toString(), e.type(),
                    e.actor() == null ? "" : e.actor(), e.payload()));
        }
        return rows;
    }

    /**
     * The incident as a NENA EIDO (NENA-STA-021) JSON object: the subset of ADR 062, one incident component, the
     * units assigned as emergency resource components, and every event as a note with its author and time.
     */
    public static String eido(String incidentId, List<Entry> entries, ServerReports.History h) {
        Entry last = entries.getLast();
        String id = "urn:vigil:eido:" + incidentId + ":" + last.seq();
        ObjectNode o = JSON.createObjectNode();
        o.put("$id", id).put("eidoMessageIdentifier", id).put("sendingSystemIdentifier", "urn:vigil:cad")
                .put("lastUpdateTimeStamp", last.at().toString());
        ObjectNode incident = o.putArray("incidentComponent").addObject();
        incident.put("componentIdentifier", "incident:" + incidentId).put("incidentTrackingIdentifier", incidentId)
                .put("lastUpdateTimeStamp", last.at().toString());
        String status = "Open";
        Map<String, ObjectNode> units = new LinkedHashMap<>();
        ArrayNode notes = JSON.createArrayNode();
        for (Entry e : entries) {
            switch (e.event()) {
                case Event.IncidentCreated c when c.incidentId().equals(incidentId) -> {
                    incident.put("incidentCreationTimeStamp", e.at().toString());
                    if (c.incidentType() != null) {
                        incident.put("incidentTypeCommonRegistryText", c.incidentType());
                    }
                    incident.put("incidentPriorityText", c.grade().name());
                }
                case Event.IncidentRegraded r -> incident.put("incidentPriorityText", r.grade().name());
                case Event.IncidentClosed x -> status = "Closed";
                case Event.UnitAssigned a -> units.computeIfAbsent(a.unitId(), u -> {
                    ObjectNode n = JSON.createObjectNode();
                    n.put("componentIdentifier", "unit:" + u).put("resourceIdentifier", u)
                            .put("assignmentTimeStamp", e.at().toString());
                    return n;
                }).put("lastUpdateTimeStamp", e.at().toString());
                default -> { }
            }
            ObjectNode note = notes.addObject();
            note.put("componentIdentifier", "note:" + e.seq()).put("noteDateTimeStamp", e.at().toString())
                    .put("noteText", e.type() + " " + e.payload());
            if (e.actor() != null) {
                note.put("authorReference", "agent:" + e.actor());
            }
        }
        incident.put("incidentStatusCommonRegistryText", status);
        ArrayNode resources = o.putArray("emergencyResourceComponent");
        units.values().forEach(resources::add);
        o.set("notesComponent", notes);
        ArrayNode agents = o.putArray("agentComponent");
        entries.stream().map(Entry::actor).filter(java.util.Objects::nonNull).distinct().forEach(a -> agents.addObject()
                .put("componentIdentifier", "agent:" + a).put("agentIdentifier", a));
        ObjectNode ext = o.putObject("extension");
        ObjectNode v = ext.putObject("vigil");
        v.put("historyVerified", h.verified()).put("historyStatement", h.statement());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
    }

    static JsonNode tree(String json) {
        return JSON.readTree(json);
    }
}
