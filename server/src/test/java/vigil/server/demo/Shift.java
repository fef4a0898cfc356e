package vigil.server.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import vigil.sim.despatch.SimulatedDespatcher;
import vigil.server.testing.SharedPostgres;

/** A demo server's settings, and the questions the stories ask of its event log. */
final class Shift {
    static final String CALL_HANDLER = SimulatedDespatcher.CALL_HANDLER;
    static final String DESPATCHER = SimulatedDespatcher.DESPATCHER;
    static final List<String> PEOPLE = List.of(SimulatedDespatcher.CALL_HANDLER, SimulatedDespatcher.DESPATCHER,
            SimulatedDespatcher.CONTROLLER, SimulatedDespatcher.INSPECTOR);

    private Shift() {}

    /** A server on {@code db} with the demo room of a first start and a demo shift at {@code speed}. */
    static Map<String, Object> settings(SharedPostgres.Db db, double speed) {
        Map<String, Object> s = new LinkedHashMap<>(db.settings());
        s.put("vigil.demo", true);
        s.put("vigil.demo-shift", true);
        s.put("vigil.demo-speed", speed);
        return s;
    }

    static boolean isOneOfItsPeople(String id) {
        return id != null && PEOPLE.contains(id);
    }

    static List<JsonNode> events(List<JsonNode> log, String type) {
        return log.stream().filter(e -> e.get("type").asString().equals(type)).toList();
    }

    static List<JsonNode> events(List<JsonNode> log, String type, String by) {
        return events(log, type).stream().filter(byWhom(by)).toList();
    }

    static Predicate<JsonNode> byWhom(String by) {
        return e -> e.has("by") && e.get("by").asString().equals(by);
    }

    static Predicate<JsonNode> about(String incidentId) {
        return e -> e.has("incidentId") && e.get("incidentId").asString().equals(incidentId);
    }

    static String text(JsonNode e, String field) {
        return e.has(field) ? e.get(field).asString() : null;
    }

    static long seq(JsonNode e) {
        return e.get("seq").asLong();
    }
}
