package vigil.server.notice;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import vigil.core.Event;
import vigil.core.Policy;
import vigil.core.Recipient;
import vigil.core.Recorded;
import vigil.core.Role;
import vigil.core.Span;

/**
 * Which notices an event makes, and the values its template is filled with. An alert goes to whoever its
 * {@code notifies} names (a member of staff, or every member of a role, in a BCU when one is given); a scheme's
 * activation to its OIC; an overridden divert to the despatcher who made it (to tell the unit by radio) and to the
 * unit's own terminal; guidance to everyone holding its roles, and each reminder to those it names. Recipients come
 * from the roster as it stood at the event ({@link Addressbook}); someone no longer on it is told nothing.
 */
final class NoticeRules {
    /** The template kind of a unit terminal's notice of an override (its despatcher's is the event's type). */
    static final String OVERRIDE_TO_THE_UNIT = "DivertOverridden.unit";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm zzz", Locale.UK);
    private static final Set<String> INSTANTS = Set.of("at", "targetAt", "maxUntil", "firstReviewAt", "withdrawnAt");

    /**
     * The types of event that make notices: every alert, and the four named in {@link #plan}. Any other makes none, so
     * the notifier need not read it (docs/adr/080); {@link #plan} refuses the others itself, so that a kind added to
     * its switch and not here is caught by that kind's own test.
     */
    static final Set<String> TYPES = java.util.stream.Stream.concat(
                    java.util.Arrays.stream(Event.Alert.class.getPermittedSubclasses()),
                    java.util.stream.Stream.of(Event.SchemeActivated.class, Event.DivertOverridden.class,
                            Event.GuidancePublished.class, Event.GuidanceReminderSent.class))
            .map(Class::getSimpleName).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private NoticeRules() {}

    /** One notice to make: to whom, from which template. {@code terminal}: to a unit's terminal, if it has one. */
    record Planned(String recipient, String kind, boolean terminal) {}

    static List<Planned> plan(Recorded r, Addressbook book) {
        String type = r.event().type();
        List<Planned> out = new ArrayList<>();
        if (!TYPES.contains(type)) {
            return out;
        }
        switch (r.event()) {
            case Event.Alert a -> book.resolve(a.notifies()).forEach(id -> out.add(new Planned(id, type, false)));
            case Event.SchemeActivated e -> {
                Addressbook.Scheme s = book.scheme(e.schemeId());
                if (s != null) { // as the engine addresses the scheme's reviews (ADR 131): its OIC, else the BCU's OICs
                    book.memberElseRole(s.oic(), Role.OIC, s.bcu())
                            .forEach(id -> out.add(new Planned(id, type, false)));
                }
            }
            case Event.DivertOverridden e -> {
                String despatcher = book.diverter(e.incidentId(), e.unitId());
                if (despatcher != null && book.onRoster(despatcher)) {
                    out.add(new Planned(despatcher, type, false));
                }
                out.add(new Planned(e.unitId(), OVERRIDE_TO_THE_UNIT, true));
            }
            case Event.GuidancePublished e -> book.holding(EnumSet.copyOf(e.roles()), null)
                    .forEach(id -> out.add(new Planned(id, type, false)));
            case Event.GuidanceReminderSent e -> e.unconfirmed().stream().filter(book::onRoster)
                    .forEach(id -> out.add(new Planned(id, type, false)));
            default -> { }
        }
        return out;
    }

    /** The page a notice links to: its incident's, else its scheme's, else its guidance's, else its call's. */
    static String link(JsonNode line) {
        for (String[] f : new String[][] {{"incidentId", "/incidents/"}, {"schemeId", "/schemes/"},
                {"guidanceId", "/guidance/"}, {"callId", "/calls/"}}) {
            JsonNode v = line.get(f[0]);
            if (v != null && v.isString()) {
                return f[1] + UriUtils.encodePathSegment(v.asString(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return "/notices";
    }

    /**
     * A template's values: the event's own fields as text (lists joined with commas; {@code notifies} left out), each
     * instant also as local time in the policy's zone ({@code atLocal}, {@code maxUntilLocal} ...), the event's
     * {@code seq} and {@code link}, the recipient, what the roster and the scheme's form add, and the policy's windows in
     * words.
     */
    static Map<String, String> values(Recorded r, JsonNode line, Addressbook book, Policy policy, String recipient) {
        Map<String, String> v = new LinkedHashMap<>();
        ZoneId zone = policy.zone();
        for (Map.Entry<String, JsonNode> f : line.properties()) {
            JsonNode n = f.getValue();
            if (f.getKey().equals("notifies") || n.isObject()) {
                continue;
            }
            String text = n.isArray() ? String.join(", ", n.valueStream().map(JsonNode::asString).toList())
                    : n.asString();
            v.put(f.getKey(), text);
            if (INSTANTS.contains(f.getKey()) && n.isString()) {
                v.put(f.getKey() + "Local", local(Instant.parse(text), zone));
            }
        }
        v.put("link", link(line));
        v.put("recipient", recipient);
        JsonNode schemeId = line.get("schemeId");
        Addressbook.Scheme s = schemeId == null ? null : book.scheme(schemeId.asString());
        if (s != null) {
            v.putIfAbsent("oic", s.oic());
            v.put("schemeBcu", s.bcu());
            v.put("crimeRef", s.crimeRef());
            if (s.maxUntil() != null) {
                v.putIfAbsent("maxUntilLocal", local(s.maxUntil(), zone));
            }
        }
        if (r.event() instanceof Event.DivertOverridden e) {
            v.put("despatcher", book.diverter(e.incidentId(), e.unitId()));
        }
        JsonNode guidanceId = line.get("guidanceId");
        if (guidanceId != null) {
            v.putIfAbsent("title", book.guidanceTitle(guidanceId.asString()));
        }
        v.put("schemeMaxDuration", words(policy.schemeMaxDuration()));
        v.put("secondStageAfter", words(policy.secondStageAfter()));
        v.put("victimContactWithin", words(policy.victimContactWithin()));
        v.put("divertReviewWithin", words(Span.of(policy.divertReviewWithin())));
        v.put("ackWithin", words(Span.of(policy.ackWithin())));
        return v;
    }

    static String local(Instant at, ZoneId zone) {
        return LOCAL.format(at.atZone(zone));
    }

    /** A span in words when it is a whole number of one unit ({@code 14 days}, {@code 6 months}), else as ISO-8601. */
    static String words(Span s) {
        var p = s.period();
        var t = s.time();
        if (t.isZero()) {
            if (p.getYears() == 0 && p.getMonths() == 0 && p.getDays() > 0) {
                return plural(p.getDays(), "day");
            }
            if (p.getYears() == 0 && p.getDays() == 0 && p.getMonths() > 0) {
                return plural(p.getMonths(), "month");
            }
        } else if (p.isZero()) {
            long seconds = t.getSeconds();
            if (t.getNano() == 0 && seconds % 3600 == 0) {
                return plural(seconds / 3600, "hour");
            }
            if (t.getNano() == 0 && seconds % 60 == 0) {
                return plural(seconds / 60, "minute");
            }
        }
        return s.toString();
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
