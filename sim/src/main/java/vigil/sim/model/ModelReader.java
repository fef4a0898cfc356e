package vigil.sim.model;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Policy;
import vigil.core.Span;
import vigil.core.engine.Travel;
import vigil.sim.json.Fields;
import vigil.sim.json.InvalidInput;
import vigil.sim.json.JsonFiles;
import vigil.sim.scenario.PolicyReader;

/**
 * Reads and checks a model file. Anything wrong is an {@link InvalidInput} whose one-line message names the field
 * ({@code model: zones[2] ("Camden"): field "radiusKm" must not be negative}).
 */
public final class ModelReader {
    private static final List<String> FIELDS = List.of("name", "seed", "start", "duration", "warmup", "policy",
            "grades", "service", "travel", "zones", "hourlyProfile", "units", "dispatch", "queue", "diverts");
    /** Shares must sum to 1 within this (the files are written by hand, to a few decimals). */
    private static final double SHARE_TOLERANCE = 1e-6;
    /**
     * How long the simulator keeps closed incidents in live state when the model's policy does not say: nothing in
     * a run looks at an incident once it is closed, and a year of calls must not pile up in memory.
     */
    static final Span SIMULATION_RETENTION = Span.of(Duration.ofHours(1));

    private ModelReader() {}

    /** Reads {@code file}; what is wrong with it names the file, as a scenario's lines do. */
    public static Model read(Path file) {
        try {
            return parse(JsonFiles.read(file));
        } catch (InvalidInput e) {
            throw e.in(file);
        }
    }

    public static Model parse(String text) {
        JsonNode root = JsonFiles.parse(text);
        Fields f = new Fields(root, "model");
        f.onlyKnown(FIELDS);
        String name = f.optionalText("name");
        long seed = f.has("seed") ? f.integer("seed") : 0;
        Instant start = f.instant("start");
        Fields policyFields = f.optionalObject("policy");
        Policy policy = PolicyReader.read(policyFields);
        if (policyFields == null || !policyFields.has("retainClosedFor")) {
            policy = policy.withRetainClosedFor(SIMULATION_RETENTION);
        }
        Span duration = f.span("duration");
        Instant end = after(start, duration, policy);
        if (!end.isAfter(start)) {
            throw f.invalid("duration", "must be longer than zero");
        }
        if (!Fields.inRange(end)) {
            throw f.invalid("duration", "runs past the year 2199 from \"start\"");
        }
        Instant warmupEnd = start;
        if (f.has("warmup")) {
            warmupEnd = after(start, f.span("warmup"), policy);
            if (!warmupEnd.isBefore(end)) {
                throw f.invalid("warmup", "must be shorter than \"duration\"");
            }
        }
        Map<Grade, Double> shares = grades(f.object("grades"));
        Map<Grade, ServiceTime> service = service(f.object("service"), shares);
        Travel travel = travel(f.object("travel"));
        List<Zone> zones = new ArrayList<>();
        List<JsonNode> zoneNodes = f.array("zones", false);
        Map<String, Integer> zoneIndex = new LinkedHashMap<>();
        for (int i = 0; i < zoneNodes.size(); i++) {
            Zone z = zone(zoneNodes.get(i), i);
            if (zoneIndex.putIfAbsent(z.id(), i) != null) {
                throw new InvalidInput("model: zones[" + i + "]: field \"id\" \"" + z.id() + "\" is used twice");
            }
            zones.add(z);
        }
        List<Double> profile = hourlyProfile(f);
        List<ModelUnit> units = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> unitIds = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        List<JsonNode> unitNodes = f.array("units", false);
        for (int i = 0; i < unitNodes.size(); i++) {
            Fields u = new Fields(unitNodes.get(i), "model: units[" + i + "]");
            u.onlyKnown(List.of("id", "homeZone"));
            String id = u.text("id");
            String home = u.text("homeZone");
            if (!zoneIndex.containsKey(home)) {
                throw u.invalid("homeZone", "is \"" + home + "\", not the id of a zone");
            }
            units.add(new ModelUnit(id, home, id));
        }
        // A repeated id is taken as another unit (it has its own entry and home zone), under a roster id of its own.
        Set<String> fileIds = new HashSet<>();
        units.forEach(u -> fileIds.add(u.id()));
        for (int i = 0; i < units.size(); i++) {
            ModelUnit u = units.get(i);
            if (unitIds.add(u.id())) {
                continue;
            }
            repeated.add(u.id());
            String rosterId;
            int n = 2;
            do {
                rosterId = u.id() + "#" + n++;
            } while (fileIds.contains(rosterId) || !unitIds.add(rosterId));
            units.set(i, new ModelUnit(u.id(), u.homeZone(), rosterId));
            warnings.add("units[" + i + "]: id \"" + u.id() + "\" is used before; taken as another unit ("
                    + rosterId + " in the engine)");
        }
        for (int i = 0; i < zones.size(); i++) {
            List<String> pref = zones.get(i).preference();
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < pref.size(); j++) {
                String where = "model: zones[" + i + "] (\"" + zones.get(i).id() + "\"): field \"preference[" + j + "]\" ";
                if (!fileIds.contains(pref.get(j))) {
                    throw new InvalidInput(where + "is \"" + pref.get(j) + "\", not the id of a unit");
                }
                if (repeated.contains(pref.get(j))) {
                    throw new InvalidInput(where + "is \"" + pref.get(j) + "\", an id more than one unit has");
                }
                if (!seen.add(pref.get(j))) {
                    throw new InvalidInput(where + "\"" + pref.get(j) + "\" is listed twice");
                }
            }
        }
        Model.Dispatch dispatch = choice(f, "dispatch", Model.Dispatch.class);
        Model.QueueOrder queue = choice(f, "queue", Model.QueueOrder.class);
        Model.Diverts diverts = diverts(f.optionalObject("diverts"));
        return new Model(name, seed, start, end, warmupEnd, policy, shares, service, travel, zones, profile, units,
                dispatch, queue, diverts, warnings);
    }

    /**
     * Days are exact 24-hour days here (so {@code P20000D} is 20,000 days of simulated time whatever the clocks do);
     * months and years are calendar ones in the policy's zone.
     */
    private static Instant after(Instant start, Span span, Policy policy) {
        if (span.period().getYears() == 0 && span.period().getMonths() == 0) {
            return start.plus(Duration.ofDays(span.period().getDays())).plus(span.time());
        }
        return span.addTo(start, policy.zone());
    }

    private static Map<Grade, Double> grades(Fields f) {
        Map<Grade, Double> shares = new EnumMap<>(Grade.class);
        double sum = 0;
        for (String key : f.names()) {
            Grade g = grade(f, key);
            double share = f.number(key);
            if (share < 0 || share > 1) {
                throw f.invalid(key, "must be a share between 0 and 1");
            }
            shares.put(g, share);
            sum += share;
        }
        if (shares.isEmpty()) {
            throw new InvalidInput(f.where() + ": must give the share of at least one grade (I, S, E, R)");
        }
        if (Math.abs(sum - 1) > SHARE_TOLERANCE) {
            throw new InvalidInput(f.where() + ": shares must sum to 1, they sum to " + fmt(sum));
        }
        return shares;
    }

    private static Map<Grade, ServiceTime> service(Fields f, Map<Grade, Double> shares) {
        Map<Grade, ServiceTime> out = new EnumMap<>(Grade.class);
        for (String key : f.names()) {
            Grade g = grade(f, key);
            Fields s = f.object(key);
            s.onlyKnown(List.of("dist", "mean", "sd"));
            String dist = s.text("dist");
            Duration mean = s.duration("mean");
            ServiceTime t = switch (dist) {
                case "exponential" -> {
                    positive(s, "mean", mean);
                    noSd(s, dist);
                    yield new ServiceTime.Exponential(mean);
                }
                case "lognormal" -> {
                    positive(s, "mean", mean);
                    Duration sd = s.duration("sd");
                    positive(s, "sd", sd);
                    yield new ServiceTime.LogNormal(mean, sd);
                }
                case "fixed" -> {
                    noSd(s, dist);
                    atMostAMonth(s, "mean", mean);
                    yield new ServiceTime.Fixed(mean);
                }
                default -> throw s.invalid("dist", "is \"" + dist + "\", not one of exponential, lognormal, fixed");
            };
            out.put(g, t);
        }
        for (Map.Entry<Grade, Double> e : shares.entrySet()) {
            if (e.getKey() != Grade.R && e.getValue() > 0 && !out.containsKey(e.getKey())) {
                throw f.invalid(e.getKey().name(), "is missing (grade " + e.getKey() + " has calls, so it needs a"
                        + " service time)");
            }
        }
        return out;
    }

    private static void positive(Fields s, String name, Duration d) {
        if (d.isZero()) {
            throw s.invalid(name, "must be longer than zero");
        }
        atMostAMonth(s, name, d);
    }

    private static void atMostAMonth(Fields s, String name, Duration d) {
        if (d.compareTo(LONGEST_SERVICE) > 0) {
            throw s.invalid(name, "must be at most " + LONGEST_SERVICE.toDays() + " days");
        }
    }

    /** Service means and spreads beyond a month describe no police response; they are refused as typing slips. */
    private static final Duration LONGEST_SERVICE = Duration.ofDays(30);

    private static void noSd(Fields s, String dist) {
        if (s.has("sd")) {
            throw s.invalid("sd", "is not used by dist \"" + dist + "\" (only lognormal takes sd)");
        }
    }

    private static Travel travel(Fields f) {
        String mode = f.text("mode");
        return switch (mode) {
            case "none" -> {
                f.onlyKnown(List.of("mode"));
                yield Travel.none();
            }
            case "distance" -> {
                f.onlyKnown(List.of("mode", "speedKmh", "detour"));
                double speed = f.number("speedKmh");
                if (!(speed >= 1 && speed <= 1000)) {
                    throw f.invalid("speedKmh", "must be between 1 and 1000");
                }
                double detour = f.has("detour") ? f.number("detour") : 1.0;
                if (!(detour > 0 && detour <= 10)) {
                    throw f.invalid("detour", "must be more than 0 and at most 10");
                }
                yield Travel.byRoad(speed, detour);
            }
            default -> throw f.invalid("mode", "is \"" + mode + "\", not one of distance, none");
        };
    }

    private static Zone zone(JsonNode node, int i) {
        Fields probe = new Fields(node, "model: zones[" + i + "]");
        String id = probe.text("id");
        Fields z = new Fields(node, "model: zones[" + i + "] (\"" + id + "\")");
        z.onlyKnown(List.of("id", "lat", "lon", "radiusKm", "callsPerHour", "preference"));
        double lat = z.number("lat");
        double lon = z.number("lon");
        if (lat < -90 || lat > 90) {
            throw z.invalid("lat", "must be between -90 and 90");
        }
        if (lon < -180 || lon > 180) {
            throw z.invalid("lon", "must be between -180 and 180");
        }
        double radius = z.number("radiusKm");
        if (radius < 0 || radius > 1000) {
            throw z.invalid("radiusKm", "must be between 0 and 1000");
        }
        double rate = z.number("callsPerHour");
        if (rate < 0 || rate > 100_000) {
            throw z.invalid("callsPerHour", "must be between 0 and 100000");
        }
        List<String> pref = z.optionalTextArray("preference");
        return new Zone(id, new Location(lat, lon), radius, rate, pref == null ? List.of() : pref);
    }

    private static List<Double> hourlyProfile(Fields f) {
        if (!f.has("hourlyProfile")) {
            return Collections.nCopies(24, 1.0);
        }
        List<JsonNode> hours = f.array("hourlyProfile", true);
        if (hours.size() != 24) {
            throw f.invalid("hourlyProfile", "must have 24 numbers (one per local hour), has " + hours.size());
        }
        List<Double> out = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            JsonNode v = hours.get(h);
            double x = Fields.asDouble(v);
            if (!(x >= 0 && x <= 100)) {
                throw f.invalid("hourlyProfile[" + h + "]", "must be a number from 0 to 100");
            }
            out.add(x);
        }
        return out;
    }

    private static Model.Diverts diverts(Fields f) {
        if (f == null) {
            return Model.Diverts.none();
        }
        f.onlyKnown(List.of("enabled", "toGrades", "fromGrades", "safeguards"));
        Boolean enabled = f.optionalBoolean("enabled");
        if (enabled == null) {
            throw f.invalid("enabled", "is missing");
        }
        Boolean safeguards = f.optionalBoolean("safeguards");
        if (!enabled) {
            return new Model.Diverts(false, Set.of(), Set.of(), safeguards == null || safeguards);
        }
        if (safeguards == null) {
            throw f.invalid("safeguards", "is missing (true: Vigil's divert protocol; false: the 2018 way)");
        }
        return new Model.Diverts(true, gradeSet(f, "toGrades"), gradeSet(f, "fromGrades"), safeguards);
    }

    private static Set<Grade> gradeSet(Fields f, String name) {
        List<String> names = f.optionalTextArray(name);
        if (names == null) {
            throw f.invalid(name, "is missing");
        }
        if (names.isEmpty()) {
            throw f.invalid(name, "must name at least one grade");
        }
        Set<Grade> out = EnumSet.noneOf(Grade.class);
        for (int i = 0; i < names.size(); i++) {
            try {
                out.add(Grade.valueOf(names.get(i)));
            } catch (IllegalArgumentException e) {
                throw f.invalid(name + "[" + i + "]", "is \"" + names.get(i) + "\", not a grade (I, S, E, R)");
            }
        }
        return out;
    }

    private static Grade grade(Fields f, String key) {
        try {
            return Grade.valueOf(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(f.where() + ": \"" + key + "\" is not a grade (I, S, E, R)");
        }
    }

    private static <E extends Enum<E>> E choice(Fields f, String name, Class<E> type) {
        String s = f.text(name);
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(s)) {
                return e;
            }
        }
        List<String> known = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            known.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw f.invalid(name, "is \"" + s + "\", not one of " + String.join(", ", known));
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.6g", d);
    }
}
