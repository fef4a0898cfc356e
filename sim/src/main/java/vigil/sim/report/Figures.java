package vigil.sim.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/** The contract's numbers: minutes to one decimal, rates to four, half away from zero; percentiles by nearest rank. */
final class Figures {
    private static final BigDecimal NANOS_PER_MINUTE = BigDecimal.valueOf(60_000_000_000L);

    private Figures() {}

    /** Nanoseconds as minutes to one decimal place, rounded half away from zero (exact: no double in between). */
    static BigDecimal minutes(long nanos) {
        return BigDecimal.valueOf(nanos).divide(NANOS_PER_MINUTE, 1, RoundingMode.HALF_UP);
    }

    /** {@code part ÷ whole} to four decimal places, half away from zero, with as few digits as it needs (1.0, 0.5). */
    static BigDecimal rate(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        BigDecimal r = BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return r.scale() < 1 ? r.setScale(1) : r;
    }

    /** The nearest-rank percentile of a sorted sample: the value at rank ⌈p/100 · n⌉ (from 1). */
    static long nearestRank(long[] sorted, int n, int p) {
        if (n == 0) {
            throw new IllegalArgumentException("no sample");
        }
        long rank = ((long) p * n + 99) / 100;
        return sorted[(int) Math.max(1, rank) - 1];
    }

    /** A growable sample of nanosecond durations. */
    static final class Sample {
        private long[] values = new long[16];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        Report.ResponseMinutes minutes() {
            if (size == 0) {
                return new Report.ResponseMinutes(null, null, null);
            }
            Arrays.sort(values, 0, size);
            return new Report.ResponseMinutes(Figures.minutes(nearestRank(values, size, 50)),
                    Figures.minutes(nearestRank(values, size, 90)), Figures.minutes(values[size - 1]));
        }
    }
}
