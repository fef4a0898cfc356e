package vigil.sim.json;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;
import tools.jackson.databind.JsonNode;
import vigil.core.Span;

/**
 * Typed, checked access to one JSON object of an input file. Every failure is an {@link InvalidInput} whose message
 * names the place ({@code step 3 (AssignUnit)}) and the field.
 */
public final class Fields {
    private final JsonNode node;
    private final String where;
    /** The names a reader has asked for, present or not: what this object may hold (see {@link #refuseUnasked}). */
    private final Set<String> asked = new LinkedHashSet<>();
    private final List<Fields> children = new ArrayList<>(0);

    public Fields(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new InvalidInput(where + ": must be a JSON object");
        }
        this.node = node;
        this.where = where;
    }

    /**
     * Refuses a field the reader never asked for, here or in the objects read from here: a misspelt optional field
     * must not pass silently ({@code requiredGrde} is an error, not a scheme without a grade). The reader's own
     * questions are the list of known fields, so the list cannot drift from the reader.
     */
    public void refuseUnasked(String owner) {
        for (String n : names()) {
            if (!asked.contains(n)) {
                List<String> known = asked.stream().filter(k -> !k.equals("at") && !k.equals("by") && !k.equals("do"))
                        .toList();
                throw invalid(n, "is not a field of " + owner
                        + (known.isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", known) + ")"));
            }
        }
        for (Fields child : children) {
            child.refuseUnasked(owner);
        }
    }

    /**
     * Refuses a field the reader never asked for when its name is a slip of the keyboard from one it did ask for, or
     * from {@code alsoKnown} ({@code polcy}, {@code untl}, {@code callsign}): such a field must not pass silently. Any
     * other name ({@code description}, {@code $schema}, a note of the file's author) is not the contract's and is
     * left alone, so that a file another tool annotated still runs. Here and in the objects read from here.
     */
    public void refuseMisspelt(String owner, String... alsoKnown) {
        List<String> known = new ArrayList<>(asked);
        known.addAll(Arrays.asList(alsoKnown));
        for (String n : names()) {
            if (known.contains(n)) {
                continue;
            }
            for (String k : known) {
                int edits = SLIP.apply(lower(n), lower(k));
                if (edits >= 0 && edits <= (k.length() < 5 ? 1 : 2)) {
                    throw invalid(n, "is not a field of " + owner + ": is it \"" + k + "\" misspelt?");
                }
            }
        }
        for (Fields child : children) {
            child.refuseMisspelt(owner);
        }
    }

    /**
     * A slip: one edit (a letter left out, doubled or mistyped; case aside) from a short name, two from a longer one.
     * Further apart is another name, not a slip: {@code id} and {@code tz} are not.
     */
    private static final LevenshteinDistance SLIP = new LevenshteinDistance(2);

    public String where() {
        return where;
    }

    public JsonNode node() {
        return node;
    }

    public boolean has(String name) {
        asked.add(name);
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    public InvalidInput invalid(String name, String problem) {
        return new InvalidInput(where + ": field \"" + name + "\" " + problem, name);
    }

    private JsonNode required(String name) {
        asked.add(name);
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw invalid(name, "is missing");
        }
        return v;
    }

    public String text(String name) {
        JsonNode v = required(name);
        if (!v.isString()) {
            throw invalid(name, "must be a string");
        }
        if (v.asString().isBlank()) {
            throw invalid(name, "must not be empty");
        }
        return kept(name, v.asString());
    }

    /** Required free text (a reason, a note): must be given, may be empty. */
    public String freeText(String name) {
        JsonNode v = required(name);
        if (!v.isString()) {
            throw invalid(name, "must be a string");
        }
        return kept(name, v.asString());
    }

    public String optionalText(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        if (!v.isString()) {
            throw invalid(name, "must be a string");
        }
        return kept(name, v.asString());
    }

    /**
     * {@code s}, when the log can keep it exactly as given. A JSON escape can spell U+0000, or half of a surrogate pair
     * (U+D800 to U+DFFF alone), but neither is text PostgreSQL keeps: it refuses the first, and writes the second as
     * "?", so two different ids would become one.
     */
    private String kept(String name, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw invalid(name, "holds the character U+0000, which is not text");
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a whole pair: one character beyond the Basic Multilingual Plane
            } else if (Character.isSurrogate(c)) {
                throw invalid(name, String.format(java.util.Locale.ROOT, "holds \\u%04x, half of a UTF-16 surrogate"
                        + " pair, which is not a character", (int) c));
            }
        }
        return s;
    }

    public Boolean optionalBoolean(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        if (!v.isBoolean()) {
            throw invalid(name, "must be true or false");
        }
        return v.asBoolean();
    }

    public double number(String name) {
        JsonNode v = required(name);
        if (!v.isNumber()) {
            throw invalid(name, "must be a number");
        }
        double d = asDouble(v);
        if (Double.isNaN(d)) {
            throw invalid(name, "is too large");
        }
        if (!Double.isFinite(d)) {
            throw invalid(name, "must be a finite number");
        }
        return d;
    }

    /** A JSON number as a double; NaN when it is not a number or is an integer no double can hold. */
    public static double asDouble(JsonNode v) {
        if (!v.isNumber()) {
            return Double.NaN;
        }
        try {
            return v.asDouble();
        } catch (RuntimeException e) { // an integer beyond any double
            return Double.NaN;
        }
    }

    public long integer(String name) {
        JsonNode v = required(name);
        if (!v.isIntegralNumber()) {
            throw invalid(name, "must be a whole number");
        }
        if (!v.canConvertToLong()) {
            throw invalid(name, "is too large (at most 19 digits)");
        }
        return v.asLong();
    }

    public <E extends Enum<E>> E enumeration(String name, Class<E> type) {
        return parseEnum(name, text(name), type);
    }

    public <E extends Enum<E>> E optionalEnum(String name, Class<E> type) {
        String s = optionalText(name);
        return s == null ? null : parseEnum(name, s, type);
    }

    private <E extends Enum<E>> E parseEnum(String name, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, "is \"" + value + "\", not one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** The earliest and latest instants Vigil keeps time for (its deadlines count nanoseconds in a long). */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    /** The longest duration or period accepted (its nanoseconds fit in a long). */
    static final long LONGEST_DAYS = 200 * 366;

    /** Whether {@code t} lies in the years Vigil keeps time for. */
    public static boolean inRange(Instant t) {
        return !t.isBefore(EARLIEST) && t.isBefore(LATEST);
    }

    public Instant instant(String name) {
        String s = text(name);
        Instant at;
        try {
            // ISO-8601 allows a comma before the fraction of a second as well as a point.
            at = OffsetDateTime.parse(s.replace(',', '.'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name, "is \"" + s + "\", not an ISO-8601 instant with an offset or Z");
        }
        if (!inRange(at)) {
            throw invalid(name, "is \"" + s + "\", outside the years 1900 to 2199");
        }
        return at;
    }

    /**
     * ISO-8601 lets the smallest part of a duration carry a fraction ({@code PT0.75H}, {@code PT12.5M}); java.time
     * takes one on seconds alone, so such a last hour or minute part is said in seconds ({@code PT2700S}), exactly.
     */
    static String fractionInSeconds(String s) {
        Matcher m = FRACTION_OF_HOURS_OR_MINUTES.matcher(s.trim());
        if (!m.matches()) {
            return s;
        }
        BigDecimal seconds = new BigDecimal(m.group(2).replace(',', '.'))
                .multiply(BigDecimal.valueOf(m.group(3).equals("H") ? 3600 : 60));
        return m.group(1) + seconds.toPlainString() + "S";
    }

    private static final Pattern FRACTION_OF_HOURS_OR_MINUTES =
            Pattern.compile("(P[0-9YMWD]*T(?:[0-9]+H)?)([0-9]+[.,][0-9]+)([HM])");

    private Span checkedSpan(String name, String s) {
        Span span;
        try {
            span = Span.parse(fractionInSeconds(s));
        } catch (DateTimeParseException e) {
            if (isNegated(s)) {
                throw invalid(name, "is \"" + s + "\", a negative duration (give a length of time such as PT45M)");
            }
            throw invalid(name, "is \"" + s + "\", not an ISO-8601 duration such as PT15M or P6M");
        }
        Period p = span.period();
        if (p.isNegative() || span.time().isNegative()) {
            throw invalid(name, "is \"" + s + "\", a negative duration");
        }
        double days = p.getYears() * 366.0 + p.getMonths() * 31.0 + p.getDays() + span.time().getSeconds() / 86_400.0;
        if (days > LONGEST_DAYS) {
            throw invalid(name, "is \"" + s + "\", longer than 200 years");
        }
        return span;
    }

    /**
     * An exact ISO-8601 duration ({@code PT15M}, {@code P2D}, {@code P1W}, {@code P1DT2H}); days and weeks count as
     * 24 and 168 hours. Months and years are refused: they have no fixed length.
     */
    public Duration duration(String name) {
        return duration(name, text(name));
    }

    public Duration duration(String name, String s) {
        Span span = checkedSpan(name, s);
        if (span.period().getYears() != 0 || span.period().getMonths() != 0) {
            throw invalid(name, "is \"" + s + "\": months and years have no fixed length here; give days or hours");
        }
        return Duration.ofDays(span.period().getDays()).plus(span.time());
    }

    /** An ISO-8601 period or duration, calendar parts allowed ({@code P6M}, {@code P14D}, {@code PT2H}). */
    public Span span(String name) {
        return checkedSpan(name, text(name));
    }

    /** {@code -PT45M}: a valid duration with a minus sign in front, which ISO-8601 lengths of time do not take. */
    private static boolean isNegated(String s) {
        String t = s.trim();
        if (!t.startsWith("-")) {
            return false;
        }
        try {
            Span.parse(fractionInSeconds(t.substring(1)));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    public ZoneId zone(String name) {
        String s = text(name);
        try {
            return ZoneId.of(s);
        } catch (RuntimeException e) {
            throw invalid(name, "is \"" + s + "\", not a time zone such as Europe/London");
        }
    }

    public Fields object(String name) {
        JsonNode v = required(name);
        if (!v.isObject()) {
            throw invalid(name, "must be a JSON object");
        }
        Fields child = new Fields(v, where.isEmpty() ? name : where + ": " + name);
        children.add(child);
        return child;
    }

    public Fields optionalObject(String name) {
        return has(name) ? object(name) : null;
    }

    /** The array's elements, required and non-empty unless {@code mayBeEmpty}. */
    public List<JsonNode> array(String name, boolean mayBeEmpty) {
        JsonNode v = required(name);
        if (!v.isArray()) {
            throw invalid(name, "must be a JSON array");
        }
        if (!mayBeEmpty && v.isEmpty()) {
            throw invalid(name, "must not be empty");
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(out::add);
        return out;
    }

    public List<String> optionalTextArray(String name) {
        if (!has(name)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : array(name, true)) {
            if (!e.isString()) {
                throw invalid(name + "[" + i + "]", "must be a string");
            }
            out.add(kept(name + "[" + i + "]", e.asString()));
            i++;
        }
        return out;
    }

    /** Field names present in the object, for checking against the names a reader knows. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        node.propertyNames().forEach(out::add);
        return out;
    }

    public void onlyKnown(List<String> known) {
        for (String n : names()) {
            if (!known.contains(n)) {
                throw new InvalidInput(where + ": unknown field \"" + n + "\" (known: " + String.join(", ", known)
                        + ")", n);
            }
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
