package vigil.sim.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Event;
import vigil.core.Recorded;

/**
 * One event as one line of JSON: {@code seq}, {@code at} (UTC, Z), {@code type}, then the event's fields in their
 * declared order (the contract's order where the record names its ids otherwise), then {@code by} (who caused it;
 * absent for deadlines). Absent optional fields are left out.
 * {@link #parse} reads such a line back: {@code line(parse(l))} is {@code l} for every line {@link #line} wrote.
 */
public final class EventJson {
    private static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(i -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Sets (of enums) are written in declaration order; keep that order when reading them back.
            .addModule(new SimpleModule().addAbstractTypeMapping(Set.class, LinkedHashSet.class))
            .addMixIn(Event.UnitDiverted.class, UnitDivertedInContractOrder.class)
            .addMixIn(Event.DivertReviewRequested.class, DivertReviewRequestedInContractOrder.class)
            .build();

    /*
     * The records name their ids incident first, unit last; the contract's lines (and every hash over them) keep the
     * order the contract printed before that, so these two events are written in it.
     */
    @JsonPropertyOrder({"unitId", "fromIncidentId", "toIncidentId", "reason"})
    private interface UnitDivertedInContractOrder {}

    @JsonPropertyOrder({"incidentId", "unitId", "toIncidentId", "notifies"})
    private interface DivertReviewRequestedInContractOrder {}

    private static final Map<String, Class<? extends Event>> TYPES = new HashMap<>();

    static {
        collect(Event.class);
    }

    @SuppressWarnings("unchecked")
    private static void collect(Class<?> sealed) {
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isInterface()) {
                collect(c);
            } else {
                TYPES.put(c.getSimpleName(), (Class<? extends Event>) c);
            }
        }
    }

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

    /** Every event type by the name {@code type} gives it, for readers that must know them all. */
    public static Set<String> typeNames() {
        return Set.copyOf(TYPES.keySet());
    }

    /**
     * Reads a line {@link #line} wrote back into the recorded event. Anything else (not JSON, an unknown type, a field
     * the event does not have, a missing required one) is an {@link InvalidInput}.
     */
    public static Recorded parse(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new InvalidInput("event: not valid JSON: " + JsonFiles.plain(e));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInput("event: must be a JSON object");
        }
        ObjectNode n = (ObjectNode) root; // just parsed: ours to take apart
        Fields f = new Fields(n, "event");
        long seq = f.integer("seq");
        Instant at;
        try {
            at = Instant.parse(f.text("at"));
        } catch (DateTimeParseException e) {
            throw f.invalid("at", "is not an instant in UTC");
        }
        String type = f.text("type");
        String by = f.optionalText("by");
        Class<? extends Event> cls = TYPES.get(type);
        if (cls == null) {
            throw f.invalid("type", "is \"" + type + "\", not an event type");
        }
        n.remove(List.of("seq", "at", "type", "by"));
        Event event;
        try {
            event = JSON.treeToValue(n, cls);
        } catch (JacksonException e) {
            throw new InvalidInput("event " + seq + " (" + type + "): " + e.getMessage().lines().findFirst()
                    .orElse("cannot be read"));
        }
        return new Recorded(seq, at, event, by);
    }
}
