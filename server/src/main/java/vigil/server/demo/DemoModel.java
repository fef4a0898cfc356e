package vigil.server.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Policy;
import vigil.sim.despatch.DespatchRule;
import vigil.sim.model.Model;
import vigil.sim.model.ModelReader;
import vigil.sim.model.ModelUnit;
import vigil.sim.model.ServiceTime;
import vigil.sim.model.Zone;

/**
 * The shift's model (contracts/simulate.md): the built-in London shift ({@code demo/london-shift.json}) or the file
 * {@code VIGIL_DEMO_MODEL} names. Its zones are the BCUs of its calls and units, its rates, grades, service and travel
 * times and its dispatch and divert rules are the shift's. Its {@code start}, {@code duration}, {@code warmup},
 * {@code queue} and {@code policy} play no part: a shift runs until the server stops, waiting calls are taken in the
 * engine's queue order, and the room's policy is the server's (docs/adr/102).
 */
final class DemoModel {
    static final String BUILT_IN = "demo/london-shift.json";
    private static final Pattern BCU_NUMBER = Pattern.compile("([A-Za-z]+)-(\\d{1,3})");
    /** A unit's place when the model adds it: on a ring at half its zone's radius, so they do not sit on one spot. */
    private static final double RING = 0.5;
    private static final double KM_PER_DEGREE = 111.32;

    /** A unit of the model as the room gets it: {@code AddUnit}'s fields. */
    record Unit(String id, String callSign, String bcu, Location place) {}

    private final Model model;
    private final String source;
    private final List<Unit> units;

    private DemoModel(Model model, String source) {
        this.model = model;
        this.source = source;
        this.units = placed(model);
    }

    /** The model {@code file} holds, or the built-in one when null. Throws {@code InvalidInput} for a bad file. */
    static DemoModel load(Path file) {
        if (file != null) {
            return new DemoModel(ModelReader.read(file), file.toString());
        }
        try (InputStream in = DemoModel.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in demo model " + BUILT_IN + " is missing from the server");
            }
            return new DemoModel(ModelReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)), BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Model model() {
        return model;
    }

    String name() {
        return model.name() == null ? source : model.name();
    }

    List<Unit> units() {
        return units;
    }

    /** The simulated despatcher's choice of unit, judged against the room's attendance targets. */
    DespatchRule rule(Policy roomPolicy) {
        return new DespatchRule(model, roomPolicy.targets());
    }

    /**
     * How long a crew stays at a scene of {@code grade} when no call of the shift says: a draw from the model's
     * service time for that grade, or for the first grade it has one for (an R incident someone sent a unit to).
     */
    Duration serviceTime(Grade grade, SplittableRandom random) {
        ServiceTime st = model.service().get(grade);
        if (st == null) {
            st = model.service().values().stream().findFirst().orElse(null);
        }
        return st == null ? Duration.ofMinutes(30) : Duration.ofNanos(st.sampleNanos(random));
    }

    /** Call signs as the demo room names its units: {@code SE-1} is {@code SE21}; any other id is its own. */
    static String callSign(String unitId) {
        Matcher m = BCU_NUMBER.matcher(unitId);
        return m.matches() ? m.group(1) + (20 + Integer.parseInt(m.group(2))) : unitId;
    }

    private static List<Unit> placed(Model model) {
        Map<String, Zone> zones = new HashMap<>();
        model.zones().forEach(z -> zones.put(z.id(), z));
        Map<String, Integer> perZone = new HashMap<>();
        model.units().forEach(u -> perZone.merge(u.homeZone(), 1, Integer::sum));
        Map<String, Integer> seen = new HashMap<>();
        List<Unit> out = new ArrayList<>();
        for (ModelUnit u : model.units()) {
            Zone z = zones.get(u.homeZone());
            int k = seen.merge(u.homeZone(), 1, Integer::sum) - 1;
            double bearing = 2 * Math.PI * k / perZone.get(u.homeZone());
            double km = z.radiusKm() * RING;
            Location c = z.centre();
            double lat = c.lat() + km * Math.cos(bearing) / KM_PER_DEGREE;
            double lon = c.lon() + km * Math.sin(bearing) / (KM_PER_DEGREE * Math.cos(Math.toRadians(c.lat())));
            out.add(new Unit(u.rosterId(), callSign(u.rosterId()), u.homeZone(),
                    new Location(round(lat), round(lon))));
        }
        return List.copyOf(out);
    }

    /** Five decimals of a degree (about a metre): a place a person can read. */
    private static double round(double degrees) {
        return Math.round(degrees * 100_000) / 100_000.0;
    }
}
