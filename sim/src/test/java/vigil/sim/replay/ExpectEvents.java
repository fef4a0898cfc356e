package vigil.sim.replay;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Java port of {@code shared/tools/expect-events}, so the worked scenarios check the same way in {@code mvn verify}
 * as from the shell. An expected file holds one JSON object a line:
 * <ul>
 *   <li>a plain line must match an event, and the plain lines must match in order (as a subsequence);</li>
 *   <li>a line with {@code "anywhere": true} must match some event, in any order;</li>
 *   <li>a line with {@code "absent": true} must match no event at all.</li>
 * </ul>
 * A line matches an event when every field it names (other than {@code absent} and {@code anywhere}) is equal as a
 * JSON value; a field the event lacks counts as {@code null}, as in the Python tool.
 */
final class ExpectEvents {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ExpectEvents() {}

    /** What the check found: how many expectations held, and a line for each that did not. */
    record Report(int passed, List<String> failures) {
        boolean ok() {
            return failures.isEmpty();
        }

        String summary() {
            StringBuilder b = new StringBuilder();
            failures.forEach(f -> b.append(f).append('\n'));
            return b.append(passed).append(" passed, ").append(failures.size()).append(" failed").toString();
        }
    }

    /** Parses JSON lines, skipping blank ones; a line that is not JSON fails with its line number. */
    static List<JsonNode> lines(String text, String what) {
        List<JsonNode> out = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int n = 0; n < raw.length; n++) {
            if (raw[n].isBlank()) {
                continue;
            }
            try {
                out.add(JSON.readTree(raw[n]));
            } catch (JacksonException e) {
                throw new AssertionError(what + " line " + (n + 1) + " is not JSON: " + raw[n], e);
            }
        }
        return out;
    }

    static Report check(List<JsonNode> expected, List<JsonNode> events) {
        int passed = 0;
        List<String> failures = new ArrayList<>();
        int pos = 0;
        for (JsonNode want : expected) {
            if (truthy(want.get("absent"))) {
                JsonNode hit = events.stream().filter(e -> matches(want, e)).findFirst().orElse(null);
                if (hit == null) {
                    passed++;
                } else {
                    failures.add("present but must be absent: " + want + " -> " + hit);
                }
                continue;
            }
            if (truthy(want.get("anywhere"))) {
                if (events.stream().anyMatch(e -> matches(want, e))) {
                    passed++;
                } else {
                    failures.add("missing (anywhere): " + want);
                }
                continue;
            }
            int found = -1;
            for (int i = pos; i < events.size(); i++) {
                if (matches(want, events.get(i))) {
                    found = i;
                    break;
                }
            }
            if (found >= 0) {
                pos = found + 1;
                passed++;
            } else {
                List<JsonNode> near = events.stream()
                        .filter(e -> jsonEquals(want.get("type"), e.get("type"))).limit(2).toList();
                failures.add("missing (in order): " + want
                        + (near.isEmpty() ? "; no event of that type" : "; nearest of that type: " + near));
            }
        }
        return new Report(passed, failures);
    }

    static boolean matches(JsonNode want, JsonNode got) {
        for (Map.Entry<String, JsonNode> f : want.properties()) {
            String k = f.getKey();
            if (k.equals("absent") || k.equals("anywhere")) {
                continue;
            }
            if (!jsonEquals(f.getValue(), got.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** Equality of JSON values: numbers by value (1 equals 1.0), missing equals null, containers element-wise. */
    static boolean jsonEquals(JsonNode a, JsonNode b) {
        boolean aNull = a == null || a.isNull() || a.isMissingNode();
        boolean bNull = b == null || b.isNull() || b.isMissingNode();
        if (aNull || bNull) {
            return aNull && bNull;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isString() && b.isString()) {
            return a.asString().equals(b.asString());
        }
        if (a.isBoolean() && b.isBoolean()) {
            return a.booleanValue() == b.booleanValue();
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<JsonNode> ia = a.values().iterator();
            Iterator<JsonNode> ib = b.values().iterator();
            while (ia.hasNext()) {
                if (!jsonEquals(ia.next(), ib.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> f : a.properties()) {
                JsonNode other = b.get(f.getKey());
                if (other == null || !jsonEquals(f.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Python truthiness, as the tool reads {@code "absent"} and {@code "anywhere"}. */
    private static boolean truthy(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.decimalValue().signum() != 0;
        }
        if (v.isString()) {
            return !v.asString().isEmpty();
        }
        return v.size() > 0;
    }
}
