package vigil.sim.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import vigil.core.Command;
import vigil.core.Recorded;
import vigil.core.engine.Engine;
import vigil.core.engine.Queries;
import vigil.sim.despatch.ControlRoom;
import vigil.sim.despatch.Scheduler;
import vigil.sim.despatch.SimulatedDespatcher;
import vigil.sim.generate.CallGenerator;
import vigil.sim.generate.SyntheticCall;
import vigil.sim.model.Model;

/**
 * One run of a model under a virtual clock: the call generator feeds the simulated staff, who act through the real
 * engine; crews' arrivals and departures wait in a discrete-event queue ordered by instant, then by the order they
 * were scheduled, and are taken before a call arriving at the same instant. The engine fires its own deadlines as
 * the clock passes them. Nothing here reads a clock except {@link Stopwatch}, for the timing figures and progress.
 */
public final class Simulation {
    private final Model model;
    private final long seed;
    private final Progress progress;
    private final Engine engine;
    private final PriorityQueue<Wake> wakes = new PriorityQueue<>();
    private final long startSecond;
    private final int startNano;
    private long scheduled;
    private long step;

    private record Wake(long at, long order, Runnable action) implements Comparable<Wake> {
        @Override
        public int compareTo(Wake o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    /** Every event the engine records, in order (for benchmarks that feed it on); by default none. */
    private java.util.function.Consumer<Recorded> sink = r -> { };

    private Simulation(Model model, long seed, Progress progress) {
        this.model = model;
        this.seed = seed;
        this.progress = progress;
        this.engine = Engine.start(model.policy(), SimulatedDespatcher.roster(model), model.start());
        this.startSecond = model.start().getEpochSecond();
        this.startNano = model.start().getNano();
    }

    /** Runs {@code model} with {@code seed}; progress goes to {@code progress}. */
    public static Summary run(Model model, long seed, Progress progress) {
        return new Simulation(model, seed, progress).run();
    }

    /** As {@link #run(Model, long, Progress)}, handing every event recorded to {@code sink} as it is recorded. */
    public static Summary run(Model model, long seed, Progress progress, java.util.function.Consumer<Recorded> sink) {
        Simulation s = new Simulation(model, seed, progress);
        s.sink = java.util.Objects.requireNonNull(sink, "sink");
        return s.run();
    }

    private Summary run() {
        Stopwatch watch = Stopwatch.start();
        Statistics stats = new Statistics(model);
        ControlRoom room = new ControlRoom() {
            @Override
            public List<Recorded> submit(Command command, Instant at) {
                List<Recorded> events = engine.submit(step++, command, at);
                events.forEach(sink);
                return events;
            }

            @Override
            public Queries queries() {
                return engine.queries();
            }
        };
        Scheduler scheduler = (at, action) -> wakes.add(new Wake(offset(at), scheduled++, action));
        SimulatedDespatcher staff = new SimulatedDespatcher(model, room, scheduler, stats);
        CallGenerator calls = new CallGenerator(model, seed);

        long end = offset(model.end());
        double totalDays = Duration.between(model.start(), model.end()).toNanos() / 86_400e9;
        SyntheticCall next = calls.next();
        long loops = 0;
        while (true) {
            long callAt = next == null ? Long.MAX_VALUE : next.offsetNanos();
            Wake wake = wakes.peek();
            long wakeAt = wake == null ? Long.MAX_VALUE : wake.at;
            long now = Math.min(callAt, wakeAt);
            if (now >= end) {
                break;
            }
            if (wakeAt <= callAt) {
                wakes.poll();
                wake.action.run();
            } else {
                staff.callArrives(next);
                next = calls.next();
            }
            if ((++loops & 0xFFFF) == 0) {
                progress.maybeReport(now / 86_400e9, totalDays, engine.lastSeq(), watch);
            }
        }
        // Let the engine's deadlines run out to the end (breaches of calls still waiting count).
        List<Recorded> last = engine.advanceTo(model.end());
        last.forEach(sink);
        staff.deadlinesFired(last);
        staff.stop();
        double wall = watch.seconds();
        progress.done(totalDays, engine.lastSeq(), watch);
        return stats.summary(model.name(), seed, model.duration(), engine.lastSeq(), wall);
    }

    private long offset(Instant at) {
        return (at.getEpochSecond() - startSecond) * 1_000_000_000L + (at.getNano() - startNano);
    }
}
