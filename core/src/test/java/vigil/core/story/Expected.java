package vigil.core.story;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import vigil.core.Event;
import vigil.core.Recorded;

/**
 * An event a story expects: its type name as the contract prints it, the fields that matter (named as in the
 * contract), and optionally the instant. Fields not named are not compared, so a story says only what it means.
 * The type and every field name must exist in {@link Event}'s sealed hierarchy, checked when the expectation is
 * built: a misspelt name would otherwise match nothing, and "the record has no such event" would pass unchecked.
 */
public record Expected(String type, Map<String, Object> fields, Instant at) {
    private static final Map<String, Class<?>> EVENT_TYPES = new HashMap<>();

    static {
        collect(Event.class);
    }

    private static void collect(Class<?> sealed) {
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isInterface()) {
                collect(c);
            } else {
                EVENT_TYPES.put(c.getSimpleName(), c);
            }
        }
    }

    public Expected {
        Objects.requireNonNull(type, "type");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        Class<?> event = EVENT_TYPES.get(type);
        if (event == null) {
            throw new IllegalArgumentException("no event type '" + type + "' in Event's sealed hierarchy");
        }
        Set<String> names = Arrays.stream(event.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        for (String f : fields.keySet()) {
            if (!names.contains(f)) {
                throw new IllegalArgumentException(type + " has no field '" + f + "' (it has " + names + ")");
            }
        }
    }

    /** {@code event("UnitAssigned", "incidentId", "CAD-1", "unitId", "U1")}. Values may be null. */
    public static Expected event(String type, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, Object> f = new LinkedHashMap<>();
        for (int k = 0; k < namesAndValues.length; k += 2) {
            f.put((String) namesAndValues[k], namesAndValues[k + 1]);
        }
        return new Expected(type, f, null);
    }

    public Expected at(Instant instant) {
        return new Expected(type, fields, instant);
    }

    public Expected with(String field, Object value) {
        Map<String, Object> f = new LinkedHashMap<>(fields);
        f.put(field, value);
        return new Expected(type, f, at);
    }

    public boolean matches(Recorded r) {
        if (!type.equals(r.event().type())) {
            return false;
        }
        if (at != null && !at.equals(r.at())) {
            return false;
        }
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            if (!Objects.equals(f.getValue(), field(r.event(), f.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The value of a named field of an event; a field the event does not have is a mistake in the story. */
    public static Object field(Event e, String name) {
        for (RecordComponent c : e.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                try {
                    return c.getAccessor().invoke(e);
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
        throw new AssertionError(e.type() + " has no field '" + name + "'");
    }

    /** One line per event, close to the replay output: {@code #7 23:04:00Z UnitDiverted{unitId=U1, ...}}. */
    public static String describe(Recorded r) {
        StringJoiner j = new StringJoiner(", ", r.event().type() + "{", "}");
        for (RecordComponent c : r.event().getClass().getRecordComponents()) {
            j.add(c.getName() + "=" + field(r.event(), c.getName()));
        }
        return "#" + r.seq() + " " + r.at() + " " + j + (r.by() == null ? "" : " by " + r.by());
    }

    @Override
    public String toString() {
        return type + fields + (at == null ? "" : " at " + at);
    }
}
