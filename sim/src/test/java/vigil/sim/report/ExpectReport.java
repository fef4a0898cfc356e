package vigil.sim.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Java port of {@code shared/tools/expect-report}: a report's JSON must hold an expected subset. Objects: every
 * expected key must be there and equal (null included). Lists: same length, row by row (a row's unlisted fields are
 * free). Numbers within 1e-6.
 */
final class ExpectReport {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BigDecimal TOLERANCE = new BigDecimal("1e-6");

    private ExpectReport() {}

    static JsonNode parse(String text) {
        return JSON.readTree(text);
    }

    /** Every mismatch between {@code expected} and {@code actual}, each as one line naming its JSON path. */
    static List<String> mismatches(JsonNode expected, JsonNode actual) {
        List<String> bad = new ArrayList<>();
        compare(expected, actual, "$", bad);
        return bad;
    }

    private static void compare(JsonNode e, JsonNode a, String path, List<String> bad) {
        if (e.isObject()) {
            if (a == null || !a.isObject()) {
                bad.add(path + ": expected an object, got " + a);
                return;
            }
            for (Map.Entry<String, JsonNode> f : e.properties()) {
                JsonNode got = a.get(f.getKey());
                if (got == null) {
                    bad.add(path + "." + f.getKey() + ": missing");
                } else {
                    compare(f.getValue(), got, path + "." + f.getKey(), bad);
                }
            }
        } else if (e.isArray()) {
            if (a == null || !a.isArray() || a.size() != e.size()) {
                bad.add(path + ": expected " + e.size() + " rows, got " + (a != null && a.isArray() ? a.size() : a));
                return;
            }
            for (int i = 0; i < e.size(); i++) {
                compare(e.get(i), a.get(i), path + "[" + i + "]", bad);
            }
        } else if (e.isNumber()) {
            if (a == null || !a.isNumber()
                    || e.decimalValue().subtract(a.decimalValue()).abs().compareTo(TOLERANCE) > 0) {
                bad.add(path + ": " + a + " != " + e);
            }
        } else if (!e.equals(a)) {
            bad.add(path + ": " + a + " != " + e);
        }
    }
}
