package vigil.sim.generate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.sim.model.Model;
import vigil.sim.model.ServiceTime;
import vigil.sim.model.Zone;

/**
 * An endless, time-ordered stream of synthetic calls from a model, the same for the same seed. Arrivals are a
 * Poisson process whose rate is the zones' total times the hourly profile of the local hour: within each hour the
 * rate is constant, so the next arrival is found exactly by spending one exponential draw of "work" across hours.
 * Each call's zone is drawn in proportion to the zones' rates, its place uniformly in the zone's disc, its grade by
 * the model's shares and its service time from its grade's distribution. Separate random streams for arrivals,
 * places, grades and service times, so that changing one part of a model leaves the others' draws alone.
 */
public final class CallGenerator {
    private static final double NANOS_PER_HOUR = 3_600_000_000_000.0;
    private static final double EARTH_RADIUS_KM = 6371.0088;

    private final Instant start;
    private final ZoneId zone;
    private final List<Zone> zones;
    private final double[] zoneCumulative;
    private final double totalPerHour;
    private final double[] profile;
    private final boolean flat;
    private final Grade[] grades;
    private final double[] gradeCumulative;
    private final ServiceTime[] service;
    private final SplittableRandom arrivals;
    private final SplittableRandom places;
    private final SplittableRandom grading;
    private final SplittableRandom services;
    private final boolean silent;

    /** Nanoseconds after start of the last call (or 0). */
    private long now;
    /** The current stretch of constant rate: [.., segmentEnd), at segmentRate calls per nanosecond. */
    private long segmentEnd;
    private double segmentRate;
    private long count;

    public CallGenerator(Model model, long seed) {
        this.start = model.start();
        this.zone = model.policy().zone();
        this.zones = model.zones();
        this.zoneCumulative = new double[zones.size()];
        double sum = 0;
        for (int i = 0; i < zones.size(); i++) {
            sum += zones.get(i).callsPerHour();
            zoneCumulative[i] = sum;
        }
        this.totalPerHour = sum;
        this.profile = model.hourlyProfile().stream().mapToDouble(Double::doubleValue).toArray();
        boolean allSame = true;
        boolean anyHour = false;
        for (double p : profile) {
            allSame &= p == profile[0];
            anyHour |= p > 0;
        }
        this.flat = allSame;
        this.silent = !(totalPerHour > 0) || !anyHour;
        this.grades = model.gradeShares().keySet().toArray(new Grade[0]);
        this.gradeCumulative = new double[grades.length];
        double g = 0;
        for (int i = 0; i < grades.length; i++) {
            g += model.gradeShares().get(grades[i]);
            gradeCumulative[i] = g;
        }
        this.service = new ServiceTime[Grade.values().length];
        model.service().forEach((grade, t) -> service[grade.ordinal()] = t);
        SplittableRandom root = new SplittableRandom(seed);
        this.arrivals = root.split();
        this.places = root.split();
        this.grading = root.split();
        this.services = root.split();
        this.now = 0;
        startSegment(0);
    }

    /** The next call, or null when the model makes none (no zone has a rate, or the profile is all zeros). */
    public SyntheticCall next() {
        if (silent) {
            return null;
        }
        double work = -Math.log(1.0 - arrivals.nextDouble());
        while (true) {
            if (segmentRate > 0) {
                double need = work / segmentRate;
                if (need < segmentEnd - now) {
                    now += Math.round(need);
                    break;
                }
                work -= segmentRate * (segmentEnd - now);
            }
            now = segmentEnd;
            startSegment(now);
        }
        count++;
        Zone z = zones.get(pick(zoneCumulative, places.nextDouble() * totalPerHour));
        Location where = placeIn(z);
        Grade grade = grades[pick(gradeCumulative, grading.nextDouble() * gradeCumulative[grades.length - 1])];
        ServiceTime st = service[grade.ordinal()];
        Duration serve = grade == Grade.R || st == null ? Duration.ZERO : Duration.ofNanos(st.sampleNanos(services));
        return new SyntheticCall(count, start.plusNanos(now), now, z.id(), where, grade, serve);
    }

    private void startSegment(long from) {
        if (flat) {
            segmentEnd = Long.MAX_VALUE;
            segmentRate = totalPerHour * profile[0] / NANOS_PER_HOUR;
            return;
        }
        ZonedDateTime local = start.plusNanos(from).atZone(zone);
        ZonedDateTime hourStart = local.truncatedTo(ChronoUnit.HOURS);
        Instant next = hourStart.plusHours(1).toInstant();
        segmentEnd = Duration.between(start, next).toNanos();
        segmentRate = totalPerHour * profile[local.getHour()] / NANOS_PER_HOUR;
    }

    /** The first index whose cumulative weight exceeds {@code x}; zero-weight entries are never picked. */
    private static int pick(double[] cumulative, double x) {
        int lo = 0, hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** A point uniformly in the disc of the zone's radius round its centre (on the sphere, exact distance). */
    private Location placeIn(Zone z) {
        double distance = z.radiusKm() * Math.sqrt(places.nextDouble());
        double bearing = 2 * Math.PI * places.nextDouble();
        double d = distance / EARTH_RADIUS_KM;
        double lat1 = Math.toRadians(z.centre().lat());
        double lon1 = Math.toRadians(z.centre().lon());
        double lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing));
        double lon2 = lon1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(lat1),
                Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
        return new Location(Math.toDegrees(lat2), Math.toDegrees(lon2));
    }
}
