package vigil.bench;

import static vigil.bench.Jvm.allocatedBytes;
import static vigil.bench.Jvm.gcCount;
import static vigil.bench.Jvm.gcMillis;
import static vigil.bench.Jvm.gcNames;
import static vigil.bench.Jvm.out;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vigil.core.Command;
import vigil.core.Event;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.engine.Engine;

/**
 * Engine throughput on one core: a mixed control-room workload ({@link ControlRoomWorkload}) submitted in one thread
 * to one {@link Engine}. Commands are generated in chunks before each iteration, so generation is not measured; the
 * engine lives across all chunks, so virtual time runs on for months, deadlines fire and closed incidents are
 * forgotten. Prints commands/s, events/s, bytes allocated per command, rejections and the event mix.
 *
 * <p>Options: {@code --seed N} (42), {@code --chunk N} commands per iteration (1000000), {@code --iterations N} (8),
 * {@code --warmup SECONDS} of engine time before measuring (10; warm-up also runs on until the virtual clock is past
 * the history window plus the retention of closed incidents, so the live state is steady). {@code --no-caller-details}
 * is a diagnostic: calls carry no CLI and no address, to show what the rest of the engine costs.
 */
public final class EngineBench {
    private static final int SHOWN_REJECTIONS = 5;

    private EngineBench() {}

    public static void main(String[] args) {
        long seed = 42;
        int chunk = 1_000_000;
        int iterations = 8;
        double warmupSeconds = 10;
        boolean callerDetails = true;
        try {
            for (int k = 0; k < args.length; k++) {
                switch (args[k]) {
                    case "--seed" -> seed = Long.parseLong(args[++k]);
                    case "--chunk" -> chunk = positive(Integer.parseInt(args[++k]));
                    case "--iterations" -> iterations = positive(Integer.parseInt(args[++k]));
                    case "--warmup" -> warmupSeconds = Double.parseDouble(args[++k]);
                    case "--no-caller-details" -> callerDetails = false;
                    default -> throw new IllegalArgumentException(args[k]);
                }
            }
        } catch (RuntimeException e) { // a missing, malformed or unknown argument
            System.err.println("usage: vigil bench engine [--seed N] [--chunk N] [--iterations N] "
                    + "[--warmup SECONDS] [--no-caller-details]");
            System.exit(2);
        }
        new Run(seed, chunk, iterations, warmupSeconds, callerDetails).go();
    }

    private static int positive(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("not positive: " + n);
        }
        return n;
    }

    private static final class Run {
        private final int chunk;
        private final int iterations;
        private final double warmupSeconds;
        private final ControlRoomWorkload workload;
        private final Engine engine;
        private final Command[] commands;
        private final Instant[] at;
        private final Tally tally = new Tally();
        private long step;

        private final boolean callerDetails;

        Run(long seed, int chunk, int iterations, double warmupSeconds, boolean callerDetails) {
            this.callerDetails = callerDetails;
            this.chunk = chunk;
            this.iterations = iterations;
            this.warmupSeconds = warmupSeconds;
            this.workload = new ControlRoomWorkload(seed, callerDetails);
            this.engine = Engine.start(workload.policy(), workload.roster(), workload.start);
            this.commands = new Command[chunk];
            this.at = new Instant[chunk];
        }

        void go() {
            out("vigil bench engine: mixed control-room workload, one thread, one Engine");
            out("  %d units, %d BCUs, Metropolitan default policy; %,d commands per iteration; java %s, %s",
                    ControlRoomWorkload.UNIT_COUNT, ControlRoomWorkload.BCUS.length, chunk,
                    System.getProperty("java.version"), gcNames());
            if (!callerDetails) {
                out("  DIAGNOSTIC: calls carry no CLI and no address (no number parsing, address keys or caller history)");
            }

            // Warm up the JIT, and run the engine until its live state is steady: the caller history holds a full
            // window and closed incidents are being forgotten.
            Policy policy = workload.policy();
            Instant steady = policy.retainClosedFor().addTo(
                    policy.historyWindow().addTo(workload.start, policy.zone()), policy.zone());
            long warmupNanos = (long) (warmupSeconds * 1e9);
            long spent = 0;
            long warmCommands = 0;
            while (spent < warmupNanos || engine.clock().isBefore(steady)) {
                workload.next(commands, at);
                long t0 = System.nanoTime();
                submitAll();
                spent += System.nanoTime() - t0;
                warmCommands += chunk;
            }
            out("  warm-up: %,d commands in %.1f s (%,.0f cmd/s), %d rejected; virtual clock at %s",
                    warmCommands, spent / 1e9, warmCommands / (spent / 1e9), tally.rejected, engine.clock());

            Map<String, Long> mixBefore = commandMix();
            tally.reset();
            double[] rates = new double[iterations];
            long totalNanos = 0;
            long totalEvents = 0;
            long totalBytes = 0;
            long virtualMillis = 0;
            out("");
            out("  %4s %11s %8s %11s %11s %8s %8s %6s %6s %8s %9s", "iter", "commands", "ms", "cmd/s", "events/s",
                    "B/cmd", "rejected", "open", "live", "gc", "virt days");
            for (int it = 1; it <= iterations; it++) {
                workload.next(commands, at);
                System.gc();
                long gcCount0 = gcCount();
                long gcMillis0 = gcMillis();
                long events0 = tally.events;
                long rejected0 = tally.rejected;
                long bytes0 = allocatedBytes();
                long t0 = System.nanoTime();
                submitAll();
                long nanos = System.nanoTime() - t0;
                long bytes = allocatedBytes() - bytes0;
                long events = tally.events - events0;
                long virt = Duration.between(at[0], at[chunk - 1]).toMillis();
                rates[it - 1] = chunk / (nanos / 1e9);
                totalNanos += nanos;
                totalEvents += events;
                totalBytes += bytes;
                virtualMillis += virt;
                out("  %4d %,11d %,8d %,11.0f %,11.0f %8.0f %8d %6d %6d %3d/%-4d %9.1f", it, chunk, nanos / 1_000_000,
                        rates[it - 1], events / (nanos / 1e9), (double) bytes / chunk, tally.rejected - rejected0,
                        engine.queries().openIncidentCount(), engine.queries().liveIncidentCount(),
                        gcCount() - gcCount0, gcMillis() - gcMillis0, virt / 86_400_000.0);
            }

            long measured = (long) chunk * iterations;
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            out("");
            out("  commands/s   %,.0f overall (median %,.0f, min %,.0f, max %,.0f over %d iterations)",
                    measured / (totalNanos / 1e9), sorted[iterations / 2], sorted[0], sorted[iterations - 1],
                    iterations);
            out("  events/s     %,.0f  (%.2f events per command)", totalEvents / (totalNanos / 1e9),
                    (double) totalEvents / measured);
            out("  allocated    %,.0f bytes per command (%,.0f per event)", (double) totalBytes / measured,
                    (double) totalBytes / totalEvents);
            out("  latency      %,.0f ns per command on average", (double) totalNanos / measured);
            out("  rejected     %d of %,d measured commands (%d in warm-up)", tally.rejected, measured,
                    tally.warmupRejected);
            out("  virtual time %.2f s per command; %.0f days measured; %d open incidents, %d held in live state",
                    virtualMillis / 1000.0 / measured, virtualMillis / 86_400_000.0,
                    engine.queries().openIncidentCount(), engine.queries().liveIncidentCount());
            out("  workload     %,d assignments postponed for want of a free unit; %d incidents closed by the "
                    + "model's 16 h watchdog", workload.noFreeUnit, workload.watchdogCloses);
            tally.printRejections();

            out("");
            out("  command mix (measured iterations):");
            Map<String, Long> mixAfter = commandMix();
            List<Map.Entry<String, Long>> mix = new ArrayList<>();
            mixAfter.forEach((name, n) -> mix.add(Map.entry(name, n - mixBefore.getOrDefault(name, 0L))));
            printMix(mix, measured);
            out("");
            out("  event mix (measured iterations):");
            printMix(tally.mix(), totalEvents);
        }

        private void submitAll() {
            Engine e = engine;
            Tally t = tally;
            Command[] cs = commands;
            Instant[] ts = at;
            long s = step;
            for (int k = 0; k < cs.length; k++) {
                List<Recorded> out = e.submit(s + k, cs[k], ts[k]);
                for (int j = 0, n = out.size(); j < n; j++) {
                    t.count(out.get(j));
                }
            }
            step = s + cs.length;
        }

        private Map<String, Long> commandMix() {
            Map<String, Long> m = new HashMap<>();
            workload.commandMix.forEach((name, n) -> m.put(name, n[0]));
            return m;
        }

        private static void printMix(List<Map.Entry<String, Long>> mix, long total) {
            mix.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            for (Map.Entry<String, Long> e : mix) {
                if (e.getValue() > 0) {
                    out("    %-26s %,13d  %6.2f%%", e.getKey(), e.getValue(), 100.0 * e.getValue() / total);
                }
            }
        }
    }

    /** Counts events by type without allocating; keeps the first few rejections to show. */
    private static final class Tally {
        private final ClassValue<Integer> index = new ClassValue<>() {
            @Override
            protected Integer computeValue(Class<?> type) {
                names.add(type.getSimpleName());
                return names.size() - 1;
            }
        };
        private final List<String> names = new ArrayList<>();
        private long[] counts = new long[64];
        private final List<String> rejections = new ArrayList<>();
        long events;
        long rejected;
        long warmupRejected;

        void count(Recorded r) {
            Event e = r.event();
            events++;
            counts[index.get(e.getClass())]++;
            if (e instanceof Event.CommandRejected c) {
                rejected++;
                if (rejections.size() < SHOWN_REJECTIONS) {
                    rejections.add("step " + c.step() + " " + c.command() + " by " + r.by() + " at " + r.at() + ": "
                            + c.reason() + " (" + c.detail() + ")");
                }
            }
        }

        void reset() {
            warmupRejected = rejected;
            rejected = 0;
            events = 0;
            counts = new long[counts.length];
        }

        List<Map.Entry<String, Long>> mix() {
            List<Map.Entry<String, Long>> m = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                m.add(Map.entry(names.get(k), counts[k]));
            }
            return m;
        }

        void printRejections() {
            for (String s : rejections) {
                out("    rejected: %s", s);
            }
        }
    }
}
