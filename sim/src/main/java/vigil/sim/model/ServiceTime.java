package vigil.sim.model;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** How long a unit stays committed at a scene: a distribution of durations. */
public sealed interface ServiceTime {

    /** One draw, in nanoseconds (never negative, at most {@link #LONGEST_NANOS}). */
    long sampleNanos(RandomGenerator random);

    /** No unit stays at one scene longer than a year: a far tail draw is cut there, so time stays countable. */
    long LONGEST_NANOS = Duration.ofDays(365).toNanos();

    private static long capped(double nanos) {
        return nanos >= LONGEST_NANOS ? LONGEST_NANOS : Math.round(nanos);
    }

    /** The distribution's mean. */
    Duration mean();

    record Exponential(Duration mean) implements ServiceTime {
        @Override
        public long sampleNanos(RandomGenerator random) {
            // 1 - U lies in (0, 1], so the logarithm is finite.
            return capped(-Math.log(1.0 - random.nextDouble()) * mean.toNanos());
        }
    }

    /** Log-normal with the given mean and standard deviation of the duration itself (not of its logarithm). */
    record LogNormal(Duration mean, Duration sd) implements ServiceTime {
        @Override
        public long sampleNanos(RandomGenerator random) {
            double m = mean.toNanos();
            double s = sd.toNanos();
            double sigma2 = Math.log1p((s * s) / (m * m));
            double mu = Math.log(m) - sigma2 / 2;
            return capped(Math.exp(mu + Math.sqrt(sigma2) * random.nextGaussian()));
        }
    }

    record Fixed(Duration mean) implements ServiceTime {
        @Override
        public long sampleNanos(RandomGenerator random) {
            return mean.toNanos();
        }
    }
}
