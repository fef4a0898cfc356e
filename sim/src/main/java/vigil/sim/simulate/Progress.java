package vigil.sim.simulate;

import java.io.PrintWriter;
import java.util.Locale;

/** Progress of a run on a stream (stderr), at most once a second: simulated days done and engine events a second. */
public final class Progress {
    private final PrintWriter out;
    private double lastReport;

    private Progress(PrintWriter out) {
        this.out = out;
    }

    public static Progress to(PrintWriter out) {
        return new Progress(out);
    }

    public static Progress silent() {
        return new Progress(null);
    }

    void maybeReport(double days, double totalDays, long events, Stopwatch watch) {
        double now = watch.seconds();
        if (out == null || now - lastReport < 1.0) {
            return;
        }
        lastReport = now;
        out.printf(Locale.ROOT, "simulate: day %.0f of %.0f, %,d events, %,.0f events/s%n", days, totalDays, events,
                events / now);
        out.flush();
    }

    void done(double totalDays, long events, Stopwatch watch) {
        if (out == null) {
            return;
        }
        double now = watch.seconds();
        out.printf(Locale.ROOT, "simulate: done, %.0f days, %,d events in %.1f s, %,.0f events/s%n", totalDays, events,
                now, events / Math.max(now, 1e-9));
        out.flush();
    }
}
