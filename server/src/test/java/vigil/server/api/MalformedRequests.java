package vigil.server.api;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import vigil.server.testing.Login;

/**
 * A seeded generator of requests that are not commands, or are commands the engine must refuse: broken JSON, wrong
 * types, unknown commands and ids, huge bodies, bad instants, missing fields, wrong content types, bad parameters and
 * headers. The same seed gives the same requests, so a failure replays. Every base command here names ids the room
 * does not have or is sent by someone not permitted, so even a mutation that happens to be a well-formed command can
 * only be refused by the engine (a recorded {@code CommandRejected}), never accepted.
 */
final class MalformedRequests {
    static final String CALL_HANDLER = "CALL_HANDLER ch1 SE";
    static final String DESPATCHER = "DESPATCHER dsp1 SE";
    static final String QA = "QA_REVIEWER qa1 SE";
    static final String ADMIN = "ADMIN admin";
    static final String NOT_ON_THE_ROSTER = "CALL_HANDLER ghost SE";

    /** One request: what it is (for messages), as whom, and how to send it. */
    record Bad(String what, HttpRequest.Builder request) {}

    /** A command the engine refuses when well formed: its body, its sender, and the fields it must have. */
    private record Base(String who, Map<String, Object> fields, List<String> required) {
        String json() {
            return toJson(fields);
        }
    }

    /** JSON's null, as a value of the maps and lists here. */
    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final List<Base> BASES = List.of(
            base(DESPATCHER, List.of("incidentId", "unitId"), "do", "AssignUnit", "incidentId", "CAD-NONE",
                    "unitId", "U-NONE"),
            base(DESPATCHER, List.of("unitId", "toIncidentId", "reason"), "do", "DivertUnit", "unitId", "U-NONE",
                    "toIncidentId", "CAD-NONE", "reason", "closer"),
            base(DESPATCHER, List.of("incidentId", "disposition"), "do", "CloseIncident", "incidentId", "CAD-NONE",
                    "disposition", "no trace"),
            base(DESPATCHER, List.of("incidentId", "unitId"), "do", "ArriveAtScene", "incidentId", "CAD-NONE",
                    "unitId", "U-NONE"),
            base(CALL_HANDLER, List.of("incidentId", "callId", "grade"), "do", "CreateIncident", "incidentId",
                    "CAD-NEW", "callId", "C-NONE", "grade", "S"),
            base(CALL_HANDLER, List.of("callId", "incidentId"), "do", "LinkCall", "callId", "C-NONE", "incidentId",
                    "CAD-NONE"),
            base(CALL_HANDLER, List.of("incidentId", "grade", "reason"), "do", "Regrade", "incidentId", "CAD-NONE",
                    "grade", "I", "reason", "weapons"),
            base(QA, List.of("incidentId", "outcome", "note"), "do", "RecordDivertAudit", "incidentId", "CAD-NONE",
                    "outcome", "LEARNING", "note", "n"),
            base(ADMIN, List.of("unitId"), "do", "RetireUnit", "unitId", "U-NONE"),
            base(ADMIN, List.of("staffId"), "do", "RemoveStaff", "staffId", "nobody"),
            // A despatcher's command sent by a call handler: the engine refuses it NOT_PERMITTED (403).
            base(CALL_HANDLER, List.of("incidentId", "unitId"), "do", "AssignUnit", "incidentId", "CAD-NONE",
                    "unitId", "U-NONE"),
            // Someone with no account at all: no login (401), whatever the body.
            base(NOT_ON_THE_ROSTER, List.of("callId"), "do", "RecordCall", "callId", "C-GHOST", "cli",
                    "07700 900123", "location", Map.of("lat", 51.5, "lon", -0.09)),
            base(NOT_ON_THE_ROSTER, List.of("schemeId"), "do", "RequestScheme", "schemeId", "S-GHOST", "clis",
                    List.of("07700 900123"), "preferredContact", Map.of("method", "phone")));

    private static final List<Object> WRONG_VALUES = List.of(7, -1.5, true, false, List.of(), List.of("x"),
            Map.of(), Map.of("a", 1), NULL);
    private static final List<String> BAD_INSTANTS = List.of("yesterday", "2018-13-01T00:00:00Z",
            "2018-02-30T00:00:00Z", "2018-05-31T25:00:00Z", "2018-05-31T23:00:00", "1899-12-31T23:59:59Z",
            "2200-01-01T00:00:00Z", "", " ", "2018-05-31T23:00:00+25:00", "1e9", "0", "-2018-05-31T23:00:00Z",
            "2018-05-31 23:00:00Z", "P1D", "9999999999-01-01T00:00:00Z");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "text/json",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp",
            "application/json; charset=latin1", "application/json; charset=utf-16", "application/octet-stream",
            "image/png", "*/*", "application/problem+json");

    private final Random random;
    private final URI base;
    private final Login login;

    MalformedRequests(long seed, URI base, Login login) {
        this.random = new Random(seed);
        this.base = base;
        this.login = login;
    }

    List<Bad> next(int n) {
        List<Bad> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(switch (random.nextInt(11)) {
                case 0 -> brokenJson();
                case 1 -> wrongType();
                case 2 -> unknownCommand();
                case 3 -> unknownIds();
                case 4 -> hugeBody();
                case 5 -> badInstant();
                case 6 -> missingField();
                case 7 -> wrongContentType();
                case 8 -> unknownField();
                case 9 -> badParameter();
                default -> oddBytes();
            });
        }
        return out;
    }

    private Bad brokenJson() {
        Base b = pick(BASES);
        String json = b.json();
        String broken = switch (random.nextInt(4)) {
            case 0 -> json.substring(0, 1 + random.nextInt(json.length() - 1)); // cut short
            case 1 -> insert(json, pick(List.of("{", "}", "[", "]", ",", "\"", "\\", "'", "/*", "NaN", "\u0000")));
            case 2 -> json.replaceFirst("\"", ""); // an unbalanced quote
            default -> json + pick(List.of(",", "}", " {}", "x", "]"));
        };
        return command("broken JSON: " + broken, b.who(), broken);
    }

    private Bad wrongType() {
        Base b = pick(BASES);
        Map<String, Object> f = new LinkedHashMap<>(b.fields());
        String field = pick(f.keySet().stream().filter(k -> !k.equals("do")).toList());
        Object wrong = f.get(field) instanceof Map || f.get(field) instanceof List ? pick(List.of("here", 5, true))
                : pick(WRONG_VALUES);
        f.put(field, wrong);
        return command("wrong type: " + field + " = " + toJson(wrong), b.who(), toJson(f));
    }

    private Bad unknownCommand() {
        Object what = switch (random.nextInt(4)) {
            case 0 -> "Arrest" + random.nextInt(1000);
            case 1 -> pick(List.of("recordcall", "RECORDCALL", "Record Call", " RecordCall", "RecordCall ", ""));
            case 2 -> pick(WRONG_VALUES);
            default -> "DeleteEverything";
        };
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("do", what);
        f.put("callId", "C-X");
        return command("unknown command: " + toJson(what), CALL_HANDLER, toJson(f));
    }

    /** Well formed, but naming what the room does not have (or sent by someone not on the roster): refused, recorded. */
    private Bad unknownIds() {
        Base b = pick(BASES);
        Map<String, Object> f = new LinkedHashMap<>(b.fields());
        for (Map.Entry<String, Object> e : f.entrySet()) {
            if (e.getKey().endsWith("Id") && !e.getKey().equals("schemeId")) {
                e.setValue(e.getValue() + "-" + random.nextInt(1_000_000));
            }
        }
        return command("unknown ids: " + toJson(f), b.who(), toJson(f));
    }

    private Bad hugeBody() {
        int size = 64 * 1024 + 1 + random.nextInt(1024 * 1024);
        String narrative = "x".repeat(size);
        byte[] body = ("{\"do\":\"RecordCall\",\"callId\":\"C-HUGE\",\"narrative\":\"" + narrative + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder r = login.as(HttpRequest.newBuilder(base.resolve("/api/commands")), CALL_HANDLER)
                .header("Content-Type", "application/json");
        boolean chunked = random.nextBoolean(); // without a Content-Length, the server must count as it reads
        r.POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return new Bad("huge body: " + body.length + " bytes" + (chunked ? ", chunked" : ""), r);
    }

    private Bad badInstant() {
        String t = pick(BAD_INSTANTS);
        if (random.nextBoolean()) {
            Base b = pick(BASES);
            Map<String, Object> f = new LinkedHashMap<>(b.fields());
            f.put("at", t);
            return command("an instant in the body: at = " + t, b.who(), toJson(f));
        }
        String path = "/api/reports" + pick(List.of("", "/diverts", "/qart", "/demand")) + "?"
                + pick(List.of("from", "to")) + "=" + URLEncoder.encode(t, StandardCharsets.UTF_8);
        return get("bad instant: " + path, CALL_HANDLER, path);
    }

    private Bad missingField() {
        Base b = pick(BASES);
        Map<String, Object> f = new LinkedHashMap<>(b.fields());
        String field = pick(b.required());
        f.remove(field);
        if (random.nextInt(4) == 0) {
            f.remove("do");
            field = "do";
        }
        return command("missing " + field, b.who(), toJson(f));
    }

    private Bad wrongContentType() {
        Base b = pick(BASES);
        String type = random.nextInt(8) == 0 ? null : pick(CONTENT_TYPES);
        HttpRequest.Builder r = login.as(HttpRequest.newBuilder(base.resolve("/api/commands")), b.who())
                .POST(HttpRequest.BodyPublishers.ofString(b.json()));
        if (type != null) {
            r.header("Content-Type", type);
        }
        return new Bad("content type " + type, r);
    }

    private Bad unknownField() {
        Base b = pick(BASES);
        Map<String, Object> f = new LinkedHashMap<>(b.fields());
        String field = pick(List.of("colour", "by", "step", "incidentid", "Unitid", "grade ", "\u00e9", "__proto__"));
        f.put(field, pick(List.of("x", 1, Map.of())));
        return command("unknown field " + field, b.who(), toJson(f));
    }

    private Bad badParameter() {
        String path = switch (random.nextInt(6)) {
            case 0 -> "/api/events?after=" + pick(List.of("-1", "x", "1.5", "99999999999999999999", "%20"));
            case 1 -> "/api/events?limit=" + pick(List.of("0", "-3", "10001", "many", "1e3"));
            case 2 -> "/api/events/stream?after=" + pick(List.of("-1", "x", "0x10", "1.0"));
            case 3 -> "/api/reports?grade=" + pick(List.of("Q", "i", "1", "II"));
            case 4 -> "/api/reports?format=" + pick(List.of("xml", "pdf", "JSON%20", "csv;"));
            default -> "/api/reports/incidents/" + pick(List.of("NOPE", "CAD-NONE", "x")) + "/timeline";
        };
        return get("bad parameter: " + path, pick(List.of(CALL_HANDLER, DESPATCHER, QA)), path);
    }

    private Bad oddBytes() {
        return switch (random.nextInt(7)) {
            case 0 -> raw("not UTF-8", CALL_HANDLER, new byte[] {'{', '"', 'd', 'o', '"', ':', '"', (byte) 0xC3, '"',
                    '}'});
            case 1 -> command("nested too deeply", CALL_HANDLER, "[".repeat(5_000) + "]".repeat(5_000));
            case 2 -> command("a number too large", CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C-N\","
                    + "\"location\":{\"lat\":1e999,\"lon\":0}}");
            case 3 -> command("duplicate keys", DESPATCHER, "{\"do\":\"AssignUnit\",\"do\":\"AssignUnit\","
                    + "\"incidentId\":\"CAD-NONE\",\"unitId\":\"U-NONE\"}");
            case 4 -> {
                HttpRequest.Builder r = login.as(HttpRequest.newBuilder(base.resolve("/api/commands")), DESPATCHER)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", pick(List.of("x".repeat(201), "two words", "a\tb")))
                        .POST(HttpRequest.BodyPublishers.ofString(pick(BASES).json()));
                yield new Bad("bad Idempotency-Key", r);
            }
            case 5 -> { // JSON can spell it, but it is not text: the log could not keep it
                Base b = pick(BASES);
                Map<String, Object> f = new LinkedHashMap<>(b.fields());
                String field = pick(f.keySet().stream().filter(k -> !k.equals("do") && f.get(k) instanceof String)
                        .toList());
                f.put(field, f.get(field) + pick(List.of("\u0000", "\ud800", "\udfff")));
                yield command("not text: " + field + " = " + toJson(f.get(field)), b.who(), toJson(f));
            }
            default -> command("not an object: " + "x", CALL_HANDLER, pick(List.of("\"RecordCall\"", "null", "42",
                    "[]", "true", "{}")));
        };
    }

    // --- building requests ------------------------------------------------------------------------------------------

    private Bad command(String what, String who, String body) {
        return new Bad(what, login.as(HttpRequest.newBuilder(base.resolve("/api/commands")), who)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Bad raw(String what, String who, byte[] body) {
        return new Bad(what, login.as(HttpRequest.newBuilder(base.resolve("/api/commands")), who)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private Bad get(String what, String who, String path) {
        return new Bad(what, login.as(HttpRequest.newBuilder(base.resolve(path)).GET(), who));
    }

    private String insert(String s, String what) {
        int at = random.nextInt(s.length() + 1);
        return s.substring(0, at) + what + s.substring(at);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static Base base(String who, List<String> required, Object... keyValues) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            f.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new Base(who, f, required);
    }

    static String toJson(Object v) {
        return switch (v) {
            case null -> "null";
            case String s -> quote(s);
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case Map<?, ?> m -> {
                StringBuilder b = new StringBuilder("{");
                m.forEach((k, x) -> b.append(b.length() > 1 ? "," : "").append(quote((String) k)).append(':')
                        .append(toJson(x)));
                yield b.append('}').toString();
            }
            case List<?> l -> {
                StringBuilder b = new StringBuilder("[");
                l.forEach(x -> b.append(b.length() > 1 ? "," : "").append(toJson(x)));
                yield b.append(']').toString();
            }
            default -> v.toString();
        };
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) { // escaped, so half a pair reaches the server
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
