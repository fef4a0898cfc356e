package vigil.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.core.Recorded;
import vigil.sim.replay.CliRun;

/**
 * A follower saves what each batch changed as rows and, after a restart, goes on from the rows alone: at any cut,
 * saving, loading back and feeding the rest gives, byte for byte, the report of one projection fed everything; and the
 * rows saved at the end load into that same report.
 */
class AProjectionSavedAsRowsGoesOnAsIfNeverStopped {

    /** Tables kept as maps: a saved row replaces the row of the same key, as an upsert does. */
    static final class Tables {
        final TreeMap<Integer, Rows.Incident> incidents = new TreeMap<>();
        final TreeMap<Integer, Rows.Call> calls = new TreeMap<>();
        final TreeMap<Integer, Rows.Divert> diverts = new TreeMap<>();
        final TreeMap<Integer, Rows.Scheme> schemes = new TreeMap<>();
        long lastSeq;
        long lastAt = Rows.NONE;
        String state;

        void save(Rows.Changes c) {
            c.incidents().forEach(r -> incidents.put(r.row(), r));
            c.calls().forEach(r -> calls.put(r.row(), r));
            c.diverts().forEach(r -> diverts.put(r.index(), r));
            c.schemes().forEach(r -> schemes.put(r.index(), r));
            lastSeq = c.lastSeq();
            lastAt = c.lastAt();
            state = c.state();
        }

        Daris load(vigil.core.Policy policy) {
            Daris.Loader l = Daris.loader(policy, true);
            incidents.values().forEach(l::incident);
            calls.values().forEach(l::call);
            diverts.values().forEach(l::divert);
            schemes.values().forEach(l::scheme);
            return l.load(lastSeq, lastAt, state);
        }
    }

    static Stream<String> scenarios() throws IOException {
        return AReportOverAnEarlierPeriodSaysWhatItWouldHaveSaidThen.scenarios();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyCutGoesOnToTheSameReport(String name) throws IOException {
        Reports.Shift shift = Reports.Shift.of(Files.readString(CliRun.resourceDir("scenarios").resolve(name)));
        List<Recorded> events = shift.events();
        String expected = ReportJson.text(shift.daris().report(shift.scenario().start(), shift.scenario().until()));
        int step = Math.max(1, events.size() / 12);
        for (int cut = 0; cut <= events.size(); cut += step) {
            Tables tables = new Tables();
            Daris first = new Daris(shift.scenario().policy(), true);
            for (int k = 0; k < cut; k++) {
                first.accept(events.get(k));
                if (k % 3 == 0) {
                    tables.save(first.drainChanges()); // batches of varying size
                }
            }
            tables.save(first.drainChanges());
            Daris again = tables.load(shift.scenario().policy());
            for (int k = cut; k < events.size(); k++) {
                again.accept(events.get(k));
            }
            tables.save(again.drainChanges());
            assertThat(ReportJson.text(again.report(shift.scenario().start(), shift.scenario().until())))
                    .as("%s restarted after %d of %d events", name, cut, events.size()).isEqualTo(expected);
            assertThat(ReportJson.text(tables.load(shift.scenario().policy())
                    .report(shift.scenario().start(), shift.scenario().until())))
                    .as("%s loaded from the rows saved", name).isEqualTo(expected);
        }
    }
}
