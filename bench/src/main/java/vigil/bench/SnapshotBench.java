package vigil.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.Role;
import vigil.core.Roster;
import vigil.core.engine.Engine;

/**
 * {@code ./vigil bench snapshot [--commands N]}: what an engine snapshot costs, for a restart that must not replay
 * the whole log (issue 11). (1) The mixed control-room workload of {@code bench engine}, N commands (1,000,000):
 * snapshot size and time, restore time, and beside them a rebuild from all the events; then run on until its live
 * state is steady (a full history window, closed work being forgotten) and measure again. (2) 100,000 open incidents,
 * each from a call with a number and an address. Figures only.
 */
final class SnapshotBench {
    private SnapshotBench() {}

    static void main(String[] args) throws IOException {
        int commands = 1_000_000;
        for (int k = 0; k < args.length; k++) {
            if (args[k].equals("--commands") && k + 1 < args.length) {
                commands = Integer.parseInt(args[++k]);
            } else {
                System.err.println("usage: vigil bench snapshot [--commands N]");
                System.exit(2);
            }
        }
        workload(commands);
        openIncidents(100_000);
    }

    private static void workload(int count) throws IOException {
        ControlRoomWorkload w = new ControlRoomWorkload(42, true);
        Engine engine = Engine.start(w.policy(), w.roster(), w.start);
        List<Recorded> log = new ArrayList<>(count * 5 / 4);
        Command[] commands = new Command[10_000];
        Instant[] at = new Instant[commands.length];
        for (int done = 0; done < count; done += commands.length) {
            w.next(commands, at);
            for (int k = 0; k < commands.length; k++) {
                log.addAll(engine.submit(done + k, commands[k], at[k]));
            }
        }
        out("workload of bench engine, %,d commands, %,d events, virtual clock at %s:", count, log.size(),
                engine.clock());
        measure(engine, w.policy());
        long t0 = System.nanoTime();
        Engine rebuilt = Engine.rebuild(w.policy(), w.roster(), w.start, log);
        double rebuild = (System.nanoTime() - t0) / 1e9;
        out("  rebuild from all %,d events: %.2f s (%,.0f events/s); its live state: %s", log.size(), rebuild,
                log.size() / rebuild, rebuilt.queries().liveIncidentCount() + " incidents");
        log = null;

        Policy policy = w.policy();
        Instant steady = policy.retainClosedFor().addTo(policy.historyWindow().addTo(w.start, policy.zone()),
                policy.zone());
        long more = 0;
        while (engine.clock().isBefore(steady)) {
            w.next(commands, at);
            for (int k = 0; k < commands.length; k++) {
                engine.submit(count + more + k, commands[k], at[k]);
            }
            more += commands.length;
        }
        out("the same run on to a steady live state, %,d commands in all, %,d events, virtual clock at %s:",
                count + more, engine.lastSeq(), engine.clock());
        measure(engine, policy);
    }

    private static void openIncidents(int n) throws IOException {
        Policy policy = Policy.metropolitan();
        Actor handler = new Actor("ch1", Role.CALL_HANDLER, "SE");
        Roster roster = new Roster(List.of(new Roster.StaffMember("ch1", Role.CALL_HANDLER, "SE")),
                List.of(new Roster.UnitSpec("U1", "MD1", new Location(51.5, -0.1))));
        Instant start = Instant.parse("2026-01-05T00:00:00Z");
        Engine engine = Engine.start(policy, roster, start);
        for (int k = 0; k < n; k++) {
            Instant t = start.plus(Duration.ofSeconds(k));
            engine.submit(2L * k, new Command.RecordCall(handler, "C" + k, String.format("07700 9%05d", k),
                    (k % 20_000) + " Example Road, London SE1", new Location(51.5 + k % 100 * 1e-3, -0.1), null,
                    null), t);
            engine.submit(2L * k + 1, new Command.CreateIncident(handler, "CAD-" + k, "C" + k, Grade.E, "Other",
                    null, null), t);
        }
        out("%,d open incidents (grade E, unattended, their countdowns and unresourced alerts pending), %,d events:",
                n, engine.lastSeq());
        measure(engine, policy);
    }

    private static void measure(Engine engine, Policy policy) throws IOException {
        byte[] snapshot = null;
        double take = Double.MAX_VALUE;
        double restore = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) { // the best of five, once the JIT has seen the code
            long t0 = System.nanoTime();
            snapshot = engine.snapshot();
            long t1 = System.nanoTime();
            Engine restored = Engine.restore(policy, snapshot);
            long t2 = System.nanoTime();
            take = Math.min(take, (t1 - t0) / 1e9);
            restore = Math.min(restore, (t2 - t1) / 1e9);
            if (restored.lastSeq() != engine.lastSeq()) {
                throw new IllegalStateException("restored at seq " + restored.lastSeq());
            }
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(snapshot);
        }
        out("  snapshot: %,d bytes (%.1f MiB; gzip %.1f MiB), taken in %.3f s, restored in %.3f s; "
                + "%,d incidents live, %,d open", snapshot.length, snapshot.length / 1048576.0,
                zipped.size() / 1048576.0, take, restore, engine.queries().liveIncidentCount(),
                engine.queries().openIncidentCount());
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
