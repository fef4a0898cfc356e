package vigil.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vigil.core.Grade;
import vigil.core.Policy;
import vigil.core.engine.Travel;

/**
 * A synthetic control room to simulate (contracts/simulate.md), checked: shares sum to 1, every attended grade has a
 * service time, every unit's zone and every preferred unit exists, the warm-up ends before the run does.
 *
 * @param end        {@code start} plus the model's duration
 * @param warmupEnd  statistics count calls arriving from here on
 * @param gradeShares share of calls by grade, grades in urgency order
 * @param service    service time by attended grade (not R)
 * @param hourlyProfile 24 multipliers of every zone's rate, by local hour in the policy's zone
 * @param warnings   what the reader accepted but someone should know (one line each)
 */
public record Model(String name, long seed, Instant start, Instant end, Instant warmupEnd, Policy policy,
                    Map<Grade, Double> gradeShares, Map<Grade, ServiceTime> service, Travel travel, List<Zone> zones,
                    List<Double> hourlyProfile, List<ModelUnit> units, Dispatch dispatch, QueueOrder queue,
                    Diverts diverts, List<String> warnings) {

    public enum Dispatch { NEAREST, PREFERENCE }

    public enum QueueOrder { FIFO, PRIORITY }

    /** Whether and how the simulated despatcher diverts units to urgent calls that find none free. */
    public record Diverts(boolean enabled, Set<Grade> toGrades, Set<Grade> fromGrades, boolean safeguards) {
        public Diverts {
            toGrades = toGrades.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(toGrades));
            fromGrades = fromGrades.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(fromGrades));
        }

        public static Diverts none() {
            return new Diverts(false, Set.of(), Set.of(), true);
        }
    }

    public Model {
        gradeShares = Collections.unmodifiableMap(new EnumMap<>(gradeShares));
        service = service.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(service));
        zones = List.copyOf(zones);
        hourlyProfile = List.copyOf(hourlyProfile);
        units = List.copyOf(units);
        warnings = List.copyOf(warnings);
        if (hourlyProfile.size() != 24) {
            throw new IllegalArgumentException("hourlyProfile needs 24 entries, has " + hourlyProfile.size());
        }
    }

    public Model withSeed(long s) {
        return new Model(name, s, start, end, warmupEnd, policy, gradeShares, service, travel, zones, hourlyProfile,
                units, dispatch, queue, diverts, warnings);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    /** Calls per hour over all zones, before the hourly profile. */
    public double callsPerHour() {
        double sum = 0;
        for (Zone z : zones) {
            sum += z.callsPerHour();
        }
        return sum;
    }
}
