package vigil.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import vigil.core.Event;
import vigil.core.Grade;
import vigil.core.Recorded;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;
import vigil.sim.model.Model;
import vigil.sim.model.ModelReader;
import vigil.sim.report.Daris;
import vigil.sim.report.Filter;
import vigil.sim.report.Report;
import vigil.sim.report.ReportJson;
import vigil.sim.report.Rows;
import vigil.sim.simulate.Progress;
import vigil.sim.simulate.Simulation;

/**
 * Thousands of incidents and calls, many blocks of them (V107): two simulated days of the London model saved as the
 * follower saves them, batch by batch, then read back for periods whose ends fall inside blocks, with and without
 * filters, each report alone and all five: the numbers of the projection that was fed every event. Diverts whose
 * original incident lies in a block before the period's, and a BCU's demand that follows calls to incidents created
 * before the period, are read from the blocks that hold them. The follower, started again, loads every block back.
 */
class ASimulatedForceInBlocksGivesTheProjectionsNumbers {

    @Test
    void everyPeriodFilterAndReportIsTheProjections(@TempDir Path data) throws Exception {
        String text = Files.readString(Path.of("../examples/london-year.json"))
                .replaceFirst("\"duration\"\\s*:\\s*\"[^\"]*\"", "\"duration\": \"P2D\"")
                .replaceFirst("\"warmup\"\\s*:\\s*\"[^\"]*\"", "\"warmup\": \"PT12H\"");
        Model model = ModelReader.parse(text);
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        try (TestServer migrated = TestServer.startUp(db, data, new SettableClock(model.start()))) {
            migrated.awaitUp(); // the schema and the role's rights; its follower has no events to follow
        }
        Daris daris = new Daris(model.policy(), true);
        long[] firstAt = {Rows.NONE};
        int[] pending = {0};
        try (Connection c = db.connectAsApp()) {
            Runnable save = () -> {
                try {
                    ReadTables.saveUnchecked(c, daris, firstAt[0]);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            };
            Simulation.run(model, model.seed(), Progress.silent(), r -> {
                daris.accept(r);
                if (firstAt[0] == Rows.NONE) {
                    firstAt[0] = daris.lastAt();
                }
                if (++pending[0] % 5_000 == 0) {
                    save.run();
                }
            });
            // After the day: an incident left open, more than a block of others after it, then a call linked to the
            // open one an hour on, so a BCU's demand for that hour follows the call to a block far before its own.
            String bcu = daris.report(model.start(), model.end()).responseTimes().byBcu().keySet().iterator().next();
            Instant after = model.end();
            long seq = daris.lastSeq();
            daris.accept(created(++seq, after, "C-OPEN", "OPEN-1", bcu));
            for (int k = 0; k < RowBlocks.BLOCK + 10; k++) {
                daris.accept(created(++seq, after.plusSeconds(1 + k), "C-FILL-" + k, "FILL-" + k, bcu));
            }
            daris.accept(new Recorded(++seq, after.plus(Duration.ofHours(1)), new Event.CallRecorded("C-LATE", null,
                    null, null, null, null), "ch"));
            daris.accept(new Recorded(++seq, after.plus(Duration.ofHours(1)).plusSeconds(10),
                    new Event.CallLinked("C-LATE", "OPEN-1"), "ch"));
            save.run();
        }
        Daris.Size size = daris.size();
        assertThat(size.incidents()).as("many blocks of incidents").isGreaterThan(20L * RowBlocks.BLOCK);
        assertThat(size.diverts()).as("diverts to follow to their incidents").isPositive();

        PGSimpleDataSource pool = new PGSimpleDataSource();
        pool.setUrl(db.url());
        pool.setUser(db.app().user());
        pool.setPassword(db.app().password());
        ServerReports server = new ServerReports(pool, model.policy());
        String bcu = daris.report(model.start(), model.end()).responseTimes().byBcu().keySet().iterator().next();
        Instant start = model.start();
        Instant linked = model.end().plus(Duration.ofHours(1));
        Duration third = Duration.between(start, model.end()).dividedBy(3);
        Instant[][] periods = {{start, model.end()}, {start, start.plus(third)},
                {start.plus(third).plusSeconds(17), start.plus(third.multipliedBy(2))},
                {start.plus(third.multipliedBy(2)), model.end()}, {start.plus(Duration.ofHours(30)),
                start.plus(Duration.ofHours(30).plusMinutes(7))}, {linked.minusSeconds(60), linked.plusSeconds(60)}};
        Filter[] filters = {Filter.NONE, Filter.bcu(bcu), Filter.grade(Grade.S), Filter.bcu(bcu).andGrade(Grade.I)};
        List<Set<Report.Part>> asked = new java.util.ArrayList<>();
        for (Report.Part p : Report.Part.values()) {
            asked.add(EnumSet.of(p));
        }
        asked.add(EnumSet.allOf(Report.Part.class));
        try (Connection c = db.connectAsApp()) { // the follower, started again, goes on from every block
            Daris.Loader loader = Daris.loader(model.policy(), true);
            ReadTables.loadAll(c, loader);
            ReadTables.Position p = ReadTables.position(c).orElseThrow();
            Daris again = loader.load(p.lastSeq(), p.lastAt(), p.state());
            assertThat(again.size()).isEqualTo(size);
            assertThat(ReportJson.text(again.report(start, linked))).isEqualTo(ReportJson.text(daris.report(start,
                    linked)));
        }
        for (Instant[] period : periods) {
            for (Filter f : filters) {
                for (Set<Report.Part> parts : asked) {
                    assertThat(ReportJson.text(server.report(period[0], period[1], f, parts).report()))
                            .as("%s to %s, %s, %s", period[0], period[1], f, parts)
                            .isEqualTo(ReportJson.text(daris.report(period[0], period[1], f, parts)));
                }
            }
        }
    }

    /** A call recorded and made an incident at {@code at}, as the simulator's events are. */
    private static Recorded created(long seq, Instant at, String call, String incident, String bcu) {
        return new Recorded(seq, at, new Event.IncidentCreated(incident, call, Grade.S, at.plus(Duration.ofHours(1)),
                null, null, bcu), "ch");
    }
}
