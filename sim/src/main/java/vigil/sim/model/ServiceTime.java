package vigil.sim.model;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** How long a unit stays committed at a scene: a distribution of durations. */
public sealed interface ServiceTime {

    /** One draw, in nanoseconds (never negative). */
    long sampleNanos(RandomGenerator random);

    /** The distribution's mean. */
    Duration mean();

    record Exponential(Duration mean) implements ServiceTime {
        @Override
        public long sampleNanos(RandomGenerator random) {
            // 1 - U lies in (0, 1], so the logarithm is finite.
            return Math.round(-Math.log(1.0 - random.nextDouble()) * mean.toNanos());
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
            return Math.round(Math.exp(mu + Math.sqrt(sigma2) * random.nextGaussian()));
        }
    }

    record Fixed(Duration mean) implements ServiceTime {
        @Override
        public long sampleNanos(RandomGenerator random) {
            return mean.toNanos();
        }
    }
}
