package vigil.server.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.Role;
import vigil.core.engine.Engine;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TempDirs;
import vigil.server.testing.TestServer;

/**
 * Not a test: a measurement. Fills a log with N events (default 1,000,000) of a plain control room (calls, incidents
 * resourced, attended and closed), written straight into the table as the writer would, then times server starts over
 * it: the first rebuilds from the whole log (there is no snapshot yet) and takes a snapshot once up; the second
 * restores that snapshot; the third, its snapshots deleted, rebuilds from the whole log again with the page cache as
 * warm as the second's. Also what taking the snapshot costs the writer. Prints figures.
 */
public final class MeasuresARestartOverAMillionEvents {
    private MeasuresARestartOverAMillionEvents() {}

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        Path data = Files.createTempDirectory("vigil-restart");
        try {
            TestServer.startUp(db, data, null).close(); // migrated, as a server leaves it
            long t0 = System.nanoTime();
            Engine filled = fill(db, n);
            System.out.printf("filled %,d events in %.1f s%n", filled.lastSeq(), (System.nanoTime() - t0) / 1e9);
            for (int i = 0; i < 3; i++) { // what holds the writer up: the engine's snapshot() (deflated on another thread)
                long t1 = System.nanoTime();
                byte[] state = filled.snapshot();
                long took = System.nanoTime() - t1;
                System.out.printf("snapshot of the engine at seq %,d: %,d KiB (%,d KiB deflated), taken in %d ms%n",
                        filled.lastSeq(), state.length / 1024, Snapshots.deflate(state).length / 1024,
                        took / 1_000_000);
            }
            filled = null;
            for (String run : new String[] {"no snapshot yet", "from the snapshot", "snapshots deleted"}) {
                if (run.equals("snapshots deleted")) {
                    try (var c = db.connectAsOwner(); var st = c.createStatement()) {
                        st.execute("delete from snapshot");
                    }
                }
                long t1 = System.nanoTime();
                try (TestServer s = TestServer.startUp(db, data, null)) {
                    double up = (System.nanoTime() - t1) / 1e9;
                    Writer.Start start = s.writer().lastStart();
                    System.out.printf("start (%s): up over %,d events in %.1f s; the engine built in %.1f s from the"
                                    + " snapshot at seq %,d and %,d events after it%n", run,
                            s.writer().position().lastSeq(), up, start.millis() / 1e3, start.snapshotSeq(),
                            start.replayed());
                    if (run.equals("no snapshot yet")) {
                        long t2 = System.nanoTime();
                        while (ARestartFromASnapshotIsTheSameControlRoom.newestSnapshot(db) == 0
                                && System.nanoTime() - t2 < 120e9) {
                            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(100);
                        }
                    }
                }
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
        } finally {
            TempDirs.delete(data);
            System.exit(0);
        }
    }

    static Engine fill(SharedPostgres.Db db, long n) throws Exception {
        Policy policy = LogConfiguration.readPolicy(new vigil.server.config.VigilProperties(0, Path.of("."), null,
                new vigil.server.config.VigilProperties.Db(null, null, null, null, null), null, false));
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        Engine e = Engine.start(policy, Writer.OPENING_ROSTER, t);
        Actor admin = Actor.staff(Writer.ADMINISTRATOR, Role.ADMIN);
        Actor ch = new Actor("ch1", Role.CALL_HANDLER, "SE");
        Actor dsp = new Actor("dsp1", Role.DESPATCHER, "SE");
        List<Command> setup = new ArrayList<>(List.of(new Command.AddStaff(admin, "ch1", Role.CALL_HANDLER, "SE"),
                new Command.AddStaff(admin, "dsp1", Role.DESPATCHER, "SE")));
        for (int u = 1; u <= 50; u++) {
            setup.add(new Command.AddUnit(admin, "U" + u, "MD" + u, "SE", new Location(51.5, -0.09)));
        }
        Properties p = new Properties();
        p.setProperty("user", db.app().user());
        p.setProperty("password", db.app().password());
        p.setProperty("reWriteBatchedInserts", "true");
        byte[] head = Chain.GENESIS;
        List<Recorded> pending = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url(), p)) {
            for (Command cmd : setup) {
                pending.addAll(e.submit(e.lastSeq() + 1, cmd, t));
            }
            for (long k = 0; e.lastSeq() < n; k++) {
                String call = "C" + k;
                String inc = "CAD-" + k;
                String unit = "U" + (k % 50 + 1);
                Actor u = Actor.unit(unit);
                Command[] cycle = {new Command.RecordCall(ch, call, "0770090" + (k % 10_000), null, null, null, null),
                        new Command.CreateIncident(ch, inc, call, Grade.E, null, null, null),
                        new Command.AssignUnit(dsp, inc, unit), new Command.AcknowledgeAssignment(u, inc, unit),
                        new Command.ArriveAtScene(u, inc, unit), new Command.ClearUnit(u, inc, unit),
                        new Command.CloseIncident(dsp, inc, "resolved")};
                for (Command cmd : cycle) {
                    t = t.plusSeconds(20);
                    pending.addAll(e.advanceTo(t));
                    pending.addAll(e.submit(e.lastSeq() + 1, cmd, t));
                }
                if (pending.size() >= 5_000) {
                    head = flush(c, pending, head);
                }
            }
            flush(c, pending, head);
        }
        return e;
    }

    private static byte[] flush(Connection c, List<Recorded> pending, byte[] head) throws Exception {
        List<EventTable.Row> rows = EventTable.rows(pending, head);
        EventTable.append(c, rows, List.of());
        pending.clear();
        return rows.getLast().hash();
    }
}
