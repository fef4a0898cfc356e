package vigil.sim.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import vigil.core.Grade;
import vigil.sim.despatch.DespatchObserver;
import vigil.sim.despatch.Job;
import vigil.sim.model.Model;
import vigil.sim.model.ModelUnit;

/**
 * Keeps the figures of a run as the simulated staff report what happens. Only calls arriving after the warm-up count;
 * workloads count committed time after the warm-up. Response percentiles come from a histogram to three significant
 * digits; means are exact.
 */
final class Statistics implements DespatchObserver {
    private static final double NANOS_PER_MINUTE = 60e9;

    private final Instant warmupEnd;
    private final Instant end;
    private final Map<Grade, PerGrade> grades = new EnumMap<>(Grade.class);
    private final List<String> unitIds = new ArrayList<>();
    private final Map<String, Integer> unitIndex = new HashMap<>();
    /** Per unit: committed since (nanos after warm-up end, clipped at 0), or -1 when free; committed nanos so far. */
    private final long[] committedSince;
    private final long[] committedNanos;
    private long calls;
    private long attended;
    private long attendedAfterDelay;
    private long dispatches;
    private long outOfArea;
    private long diverts;
    private long originalsBreached;
    private long orphaned;

    private static final class PerGrade {
        long calls;
        long attended;
        long withinTarget;
        double responseNanosSum;
        final Histogram responseMillis = new Histogram(3);
    }

    Statistics(Model model) {
        this.warmupEnd = model.warmupEnd();
        this.end = model.end();
        for (Grade g : model.gradeShares().keySet()) {
            grades.put(g, new PerGrade());
        }
        for (ModelUnit u : model.units()) {
            unitIndex.put(u.rosterId(), unitIds.size());
            unitIds.add(u.id());
        }
        committedSince = new long[unitIds.size()];
        committedNanos = new long[unitIds.size()];
        java.util.Arrays.fill(committedSince, -1);
    }

    private boolean counts(Job job) {
        return !job.createdAt().isBefore(warmupEnd);
    }

    @Override
    public void called(Job job) {
        if (counts(job)) {
            calls++;
            grades.get(job.grade()).calls++;
        }
    }

    @Override
    public void dispatched(Job job, String unitId, boolean outOfAreaDispatch) {
        if (counts(job)) {
            dispatches++;
            if (outOfAreaDispatch) {
                outOfArea++;
            }
        }
    }

    @Override
    public void diverted(Job original, Job to, String unitId) {
        if (counts(to)) {
            diverts++;
        }
    }

    @Override
    public void attended(Job job, Instant at, Boolean withinTarget) {
        if (!counts(job)) {
            return;
        }
        PerGrade g = grades.get(job.grade());
        long nanos = Duration.between(job.createdAt(), at).toNanos();
        attended++;
        g.attended++;
        if (job.foundNoUnit()) {
            attendedAfterDelay++;
        }
        if (Boolean.TRUE.equals(withinTarget)) {
            g.withinTarget++;
        }
        g.responseNanosSum += nanos;
        g.responseMillis.recordValue(nanos / 1_000_000);
    }

    @Override
    public void orphaned(Job job) {
        if (counts(job)) {
            orphaned++;
        }
    }

    @Override
    public void closed(Job job) {
        countOriginal(job);
    }

    @Override
    public void stillOpen(Job job) {
        countOriginal(job);
    }

    private void countOriginal(Job job) {
        if (job.divertedFrom() && job.breached() && counts(job)) {
            originalsBreached++;
        }
    }

    @Override
    public void unitCommitted(String unitId, Instant at) {
        int u = unitIndex.get(unitId);
        if (committedSince[u] < 0) {
            committedSince[u] = sinceWarmup(at);
        }
    }

    @Override
    public void unitReleased(String unitId, Instant at) {
        int u = unitIndex.get(unitId);
        if (committedSince[u] >= 0) {
            committedNanos[u] += sinceWarmup(at) - committedSince[u];
            committedSince[u] = -1;
        }
    }

    private long sinceWarmup(Instant at) {
        Instant t = at.isBefore(warmupEnd) ? warmupEnd : at.isAfter(end) ? end : at;
        return Duration.between(warmupEnd, t).toNanos();
    }

    Summary summary(String name, long seed, Duration simulated, long events, double wallSeconds) {
        long window = Duration.between(warmupEnd, end).toNanos();
        List<Summary.UnitFigures> units = new ArrayList<>(unitIds.size());
        for (int u = 0; u < unitIds.size(); u++) {
            long busy = committedNanos[u] + (committedSince[u] >= 0 ? window - committedSince[u] : 0);
            units.add(new Summary.UnitFigures(unitIds.get(u), round((double) busy / window, 6)));
        }
        Map<Grade, Summary.GradeFigures> byGrade = new EnumMap<>(Grade.class);
        grades.forEach((g, f) -> byGrade.put(g, new Summary.GradeFigures(f.calls, f.attended, f.withinTarget,
                round(ratio(f.withinTarget, f.attended), 6), response(f))));
        double days = simulated.toNanos() / 86_400e9;
        return new Summary(name, seed, round(days, 6), calls, byGrade, units,
                round(ratio(attendedAfterDelay, attended), 6), round(ratio(outOfArea, dispatches), 6), diverts,
                originalsBreached, orphaned, events, round(wallSeconds, 3),
                wallSeconds > 0 ? Math.round(events / wallSeconds) : 0);
    }

    private static Summary.Response response(PerGrade f) {
        if (f.attended == 0) {
            return new Summary.Response(0, 0, 0, 0);
        }
        Histogram h = f.responseMillis;
        return new Summary.Response(round(f.responseNanosSum / f.attended / NANOS_PER_MINUTE, 3),
                minutes(h, 50), minutes(h, 90), minutes(h, 99));
    }

    private static double minutes(Histogram h, double percentile) {
        return round(h.getValueAtPercentile(percentile) / 60_000.0, 3);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
