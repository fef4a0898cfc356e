package vigil.sim.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Recorded;

/**
 * One event as one line of JSON: {@code seq}, {@code at} (UTC, Z), {@code type}, then the event's fields in their
 * declared order, then {@code by} (who caused it; absent for deadlines). Absent optional fields are left out.
 */
public final class EventJson {
    private static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(i -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .build();

    private EventJson() {}

    public static String line(Recorded r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", r.seq());
        n.put("at", r.at().toString());
        n.put("type", r.event().type());
        n.setAll((ObjectNode) JSON.valueToTree(r.event()));
        if (r.by() != null) {
            n.put("by", r.by());
        }
        return JSON.writeValueAsString(n);
    }
}
