package vigil.server.reports;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import vigil.core.Recorded;
import vigil.server.db.Database;
import vigil.sim.model.Model;
import vigil.sim.model.ModelReader;
import vigil.sim.report.Daris;
import vigil.sim.report.Filter;
import vigil.sim.report.Report;
import vigil.sim.report.Rows;
import vigil.sim.simulate.Progress;
import vigil.sim.simulate.Simulation;

/**
 * {@code ./vigil bench reports [FILE] [--days N]}: a simulated year (the London model by default; {@code --days}
 * shortens it) through the engine into (a) the report projection in memory and (b) the server's read tables in an
 * embedded PostgreSQL (the follower's own save, batch by batch); then each report's time over the whole period and over
 * one month (its second), both ways. Prints figures; it is not a test. The events do not go through the event table
 * (the writer's cost is the engine bench's), so the tables' history is unchecked here.
 */
public final class ReportsBench {
    private static final int SAVE_EVERY = 100_000;

    private ReportsBench() {}

    public static void main(String[] args) throws Exception {
        // The figures and the simulation's progress, not the pool's and the migrations' start-up lines.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path file = null;
        Integer days = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--default-model" -> {
                    if (file == null) {
                        file = Path.of(args[++i]);
                    } else {
                        i++;
                    }
                }
                default -> file = Path.of(args[i]);
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            System.err.println("vigil bench reports: no model file " + file + " (give one: vigil bench reports FILE)");
            System.exit(2);
        }
        String text = Files.readString(file);
        if (days != null) {
            text = text.replaceFirst("\"duration\"\\s*:\\s*\"[^\"]*\"", "\"duration\": \"P" + days + "D\"");
        }
        Model model = ModelReader.parse(text);
        System.out.printf(Locale.ROOT, "model: %s (%s), %s%n", file, model.name(), model.duration());

        Path dir = Files.createTempDirectory("vigil-bench-reports");
        Database db = Database.embedded(dir);
        // Stopped with Ctrl-C or kill, the bench still stops its PostgreSQL and removes its directory.
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                db.close();
                deleteTree(dir);
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(close, "vigil-bench-reports-stop"));
        try {
            run(model, db);
        } finally {
            close.run();
        }
    }

    private static void run(Model model, Database db) throws Exception {
        Daris daris = new Daris(model.policy(), true);
        long[] saveNanos = {0};
        long[] events = {0};
        long[] firstAt = {Rows.NONE};
        try (Connection c = db.connect("vigil-bench-reports")) {
            Recorder rec = new Recorder(daris, c, saveNanos, events, firstAt);
            long t0 = System.nanoTime();
            var summary = Simulation.run(model, model.seed(),
                    Progress.to(new PrintWriter(System.err, true)), rec);
            rec.save();
            double wall = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "load: %,d calls, %,d events: simulation + projection + tables in %.1f s,"
                    + " of which saving to PostgreSQL %.1f s (%,.0f events/s into the tables)%n", summary.calls(),
                    events[0], wall, saveNanos[0] / 1e9, events[0] / (saveNanos[0] / 1e9));
            Daris.Size size = daris.size();
            System.out.printf(Locale.ROOT, "held: %,d incidents, %,d calls, %,d diverts, %,d schemes%n",
                    size.incidents(), size.calls(), size.diverts(), size.schemes());
            try (var s = c.createStatement()) {
                s.execute("analyze");
            }
        }
        ServerReports server = new ServerReports(db.pooled(), model.policy());
        Instant from = model.start();
        Instant to = model.end();
        Instant monthFrom = from.plus(Duration.ofDays(31));
        Instant monthTo = monthFrom.plus(Duration.ofDays(30));
        if (monthTo.isAfter(to)) {
            monthFrom = from;
            monthTo = to;
        }
        System.out.printf(Locale.ROOT, "%-20s %12s %12s %12s %12s%n", "report", "year mem", "year tables",
                "month mem", "month tables");
        List<Set<Report.Part>> asked = new java.util.ArrayList<>();
        for (Report.Part p : Report.Part.values()) {
            asked.add(EnumSet.of(p));
        }
        asked.add(EnumSet.allOf(Report.Part.class));
        for (Set<Report.Part> parts : asked) {
            String name = parts.size() == 1 ? parts.iterator().next().key : "all five";
            double ym = time(() -> daris.report(from, to, Filter.NONE, parts));
            double yt = time(() -> server.report(from, to, Filter.NONE, parts));
            Instant mf = monthFrom;
            Instant mt = monthTo;
            double mm = time(() -> daris.report(mf, mt, Filter.NONE, parts));
            double mtab = time(() -> server.report(mf, mt, Filter.NONE, parts));
            System.out.printf(Locale.ROOT, "%-20s %10.3f s %10.3f s %10.3f s %10.3f s%n", name, ym, yt, mm, mtab);
        }
        Filter bcu = Filter.bcu(daris.report(from, to, Filter.NONE, EnumSet.of(Report.Part.RESPONSE_TIMES))
                .responseTimes().byBcu().keySet().iterator().next());
        double ym = time(() -> daris.report(from, to, bcu, EnumSet.allOf(Report.Part.class)));
        double yt = time(() -> server.report(from, to, bcu, EnumSet.allOf(Report.Part.class)));
        System.out.printf(Locale.ROOT, "%-20s %10.3f s %10.3f s%n", "all, bcu " + bcu.bcus(), ym, yt);
        String same = vigil.sim.report.ReportJson.text(daris.report(from, to));
        String fromTables = vigil.sim.report.ReportJson.text(server.report(from, to, Filter.NONE,
                EnumSet.allOf(Report.Part.class)).report());
        System.out.println("same numbers both ways over the year: " + same.equals(fromTables));
    }

    /** Feeds the projection and saves its changes every {@value #SAVE_EVERY} events. */
    private static final class Recorder implements java.util.function.Consumer<Recorded> {
        private final Daris daris;
        private final Connection c;
        private final long[] saveNanos;
        private final long[] events;
        private final long[] firstAt;
        private long pending;

        Recorder(Daris daris, Connection c, long[] saveNanos, long[] events, long[] firstAt) {
            this.daris = daris;
            this.c = c;
            this.saveNanos = saveNanos;
            this.events = events;
            this.firstAt = firstAt;
        }

        @Override
        public void accept(Recorded r) {
            daris.accept(r);
            if (firstAt[0] == Rows.NONE) {
                firstAt[0] = daris.lastAt();
            }
            events[0]++;
            if (++pending >= SAVE_EVERY) {
                save();
            }
        }

        void save() {
            long t = System.nanoTime();
            try {
                ReadTables.saveUnchecked(c, daris, firstAt[0]);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            pending = 0;
            saveNanos[0] += System.nanoTime() - t;
        }
    }

    /** The best of three runs, in seconds. */
    private static double time(Runnable r) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        return best;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
