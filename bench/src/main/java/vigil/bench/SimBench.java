package vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import vigil.sim.model.Model;
import vigil.sim.model.ModelReader;
import vigil.sim.simulate.Progress;
import vigil.sim.simulate.Simulation;
import vigil.sim.simulate.Stopwatch;
import vigil.sim.simulate.Summary;

/**
 * {@code ./vigil bench sim [FILE]}: a whole simulated year (the London model by default) through the real engine,
 * and, in the same JVM, a bare {@link PriorityQueue} event loop doing as many events: the floor a discrete-event
 * simulator of this size cannot beat. Prints wall time, events/s, the ratio of the two and peak heap.
 */
public final class SimBench {
    private static final Path DEFAULT_MODEL = Path.of("examples", "london-year.json");

    private SimBench() {}

    public static void main(String[] args) {
        Path file = args.length > 0 ? Path.of(args[0]) : DEFAULT_MODEL;
        if (!Files.isRegularFile(file)) {
            System.err.println("vigil bench sim: no model file " + file + " (give one: vigil bench sim FILE)");
            System.exit(2);
        }
        Model model = ModelReader.read(file);
        System.out.printf(Locale.ROOT, "model: %s (%s)%n", file, model.name());

        Summary s = Simulation.run(model, model.seed(), Progress.silent());
        System.out.printf(Locale.ROOT, "simulation: %d days, %,d calls, %,d engine events in %.2f s: %,.0f events/s%n",
                Math.round(s.simulatedDays()), s.calls(), s.events(), s.wallSeconds(), s.eventsPerSecond());
        System.out.printf(Locale.ROOT, "            orphaned %d, diverts %d, originals breached %d%n", s.orphaned(),
                s.diverts(), s.originalsBreached());

        double bare = bareLoopSeconds(s.events(), model.units().size());
        System.out.printf(Locale.ROOT, "bare loop:  %,d events through a PriorityQueue in %.2f s: %,.0f events/s%n",
                s.events(), bare, s.events() / bare);
        System.out.printf(Locale.ROOT, "ratio:      the simulation takes %.1fx the bare loop's time%n",
                s.wallSeconds() / bare);
        System.out.printf(Locale.ROOT, "peak heap:  %.0f MiB%n", peakHeapBytes() / (1024.0 * 1024));
    }

    /** An event of the bare loop: an instant and a tie-breaking order, like the simulator's own wake-ups. */
    private record Tick(long at, long order) implements Comparable<Tick> {
        @Override
        public int compareTo(Tick o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    /**
     * The classic hold model: {@code pending} events in the queue; take the earliest, schedule one a random
     * exponential time later, {@code events} times over. As many pending events as units, as in the simulation.
     */
    static double bareLoopSeconds(long events, int pending) {
        SplittableRandom random = new SplittableRandom(1);
        PriorityQueue<Tick> queue = new PriorityQueue<>();
        long order = 0;
        for (int i = 0; i < pending; i++) {
            queue.add(new Tick(exponentialNanos(random), order++));
        }
        Stopwatch watch = Stopwatch.start();
        long checksum = 0;
        for (long n = 0; n < events; n++) {
            Tick t = queue.poll();
            checksum += t.at & 1;
            queue.add(new Tick(t.at + exponentialNanos(random), order++));
        }
        double seconds = watch.seconds();
        if (checksum < 0) {
            System.out.println(checksum); // keeps the loop's work observable
        }
        return seconds;
    }

    private static long exponentialNanos(SplittableRandom random) {
        return Math.round(-Math.log(1.0 - random.nextDouble()) * 3_600e9);
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
