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
 * saving, loading back (its incidents and calls in order, or shuffled as a database may read them) and feeding the
 * rest gives, byte for byte, the report of one projection fed everything; and the rows saved at the end load into that
 * same report.
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

        Tables copy() {
            Tables t = new Tables();
            t.incidents.putAll(incidents);
            t.calls.putAll(calls);
            t.diverts.putAll(diverts);
            t.schemes.putAll(schemes);
            t.lastSeq = lastSeq;
            t.lastAt = lastAt;
            t.state = state;
            return t;
        }

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
            return load(policy, null);
        }

        /** Loaded with incidents and calls each in an order {@code shuffle} picks (as a database may give them). */
        Daris load(vigil.core.Policy policy, java.util.Random shuffle) {
            Daris.Loader l = Daris.loader(policy, true);
            List<Rows.Incident> i = new java.util.ArrayList<>(incidents.values());
            List<Rows.Call> c = new java.util.ArrayList<>(calls.values());
            if (shuffle != null) {
                java.util.Collections.shuffle(i, shuffle);
                java.util.Collections.shuffle(c, shuffle);
            }
            i.forEach(l::incident);
            c.forEach(l::call);
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
        String expected = reports(shift, shift.daris());
        int step = Math.max(1, events.size() / 12);
        for (int cut = 0; cut <= events.size(); cut += step) {
            Tables tables = new Tables();
            Daris first = new Daris(shift.scenario().policy(), true);
            int block = 1 + cut % 4; // rows saved alone or with the rest of their block, as the server keeps them
            for (int k = 0; k < cut; k++) {
                first.accept(events.get(k));
                if (k % 3 == 0) {
                    tables.save(first.drainChanges(block)); // batches of varying size
                }
            }
            tables.save(first.drainChanges(block));
            for (java.util.Random shuffle : new java.util.Random[] {null, new java.util.Random(cut)}) {
                Tables copy = tables.copy();
                Daris again = copy.load(shift.scenario().policy(), shuffle);
                for (int k = cut; k < events.size(); k++) {
                    again.accept(events.get(k));
                }
                copy.save(again.drainChanges(block));
                String how = shuffle == null ? "in order" : "shuffled";
                assertThat(reports(shift, again))
                        .as("%s restarted after %d of %d events, rows %s", name, cut, events.size(), how)
                        .isEqualTo(expected);
                assertThat(reports(shift, copy.load(shift.scenario().policy(), shuffle)))
                        .as("%s loaded from the rows saved, %s", name, how).isEqualTo(expected);
            }
        }
    }

    /**
     * The report unfiltered and filtered by every grade: the same incidents, but demand then follows each call to its
     * incident, so a call attributed to the wrong incident shows.
     */
    private static String reports(Reports.Shift shift, Daris d) {
        return ReportJson.text(d.report(shift.scenario().start(), shift.scenario().until())) + "\n"
                + ReportJson.text(d.report(shift.scenario().start(), shift.scenario().until(),
                Filter.grade(vigil.core.Grade.values())));
    }
}
