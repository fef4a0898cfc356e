package vigil.core.engine;

import java.time.Duration;
import vigil.core.Location;

/**
 * How long a unit takes to reach a scene. Every model here is either a non-decreasing function of great-circle
 * distance or no time at all, so the nearest unit by distance is the nearest by travel time:
 * {@link Queries#nearestAvailable} relies on that.
 */
public sealed interface Travel {

    /** Travel time over a great-circle distance. */
    Duration time(double km);

    default Duration between(Location from, Location to) {
        return time(from.kmTo(to));
    }

    /** Travel takes no time: every unit is equally near, so the nearest is the first in roster order. */
    static Travel none() {
        return NoTime.INSTANCE;
    }

    /** Great-circle distance times {@code detour} (road over straight line), at {@code speedKmh}. */
    static Travel byRoad(double speedKmh, double detour) {
        return new ByRoad(speedKmh, detour);
    }

    enum NoTime implements Travel {
        INSTANCE;

        @Override
        public Duration time(double km) {
            return Duration.ZERO;
        }

        @Override
        public Duration between(Location from, Location to) {
            return Duration.ZERO;
        }
    }

    record ByRoad(double speedKmh, double detour) implements Travel {
        private static final double NANOS_PER_HOUR = 3_600_000_000_000.0;

        public ByRoad {
            if (!(speedKmh > 0) || Double.isInfinite(speedKmh)) {
                throw new IllegalArgumentException("speedKmh must be positive and finite, was " + speedKmh);
            }
            if (!(detour > 0) || Double.isInfinite(detour)) {
                throw new IllegalArgumentException("detour must be positive and finite, was " + detour);
            }
        }

        @Override
        public Duration time(double km) {
            return Duration.ofNanos(Math.round(km * detour / speedKmh * NANOS_PER_HOUR));
        }
    }
}
