package vigil.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Grade;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;
import vigil.sim.report.Daris;
import vigil.sim.report.Filter;
import vigil.sim.report.Report;
import vigil.sim.report.ReportCsv;
import vigil.sim.report.ReportJson;

/**
 * The server's reports are the CLI's: a worked scenario's commands sent through the API give, from the read tables,
 * the numbers {@code ./vigil report} gives over the same scenario — all five reports, each alone, as CSV, filtered
 * by BCU and by grade — and a server started again on the same database goes on from its saved position and still
 * gives them (nothing counted twice).
 */
class TheServersReportsAreTheClisOverTheSameEvents {

    static Stream<String> scenarios() {
        return Stream.of("../examples/2018-divert-unhandled.json", "../examples/2018-divert-handled.json",
                "../examples/scheme-lifecycle.json",
                "../sim/src/test/resources/scenarios/divert-override-challenge-upheld.json",
                "../sim/src/test/resources/scenarios/regrade-up-past-target.json",
                "../sim/src/test/resources/scenarios/policy-overrides.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theSameNumbersOverTheSameEvents(String file, @TempDir Path data) throws Exception {
        ScenarioThroughTheApi s = new ScenarioThroughTheApi(Path.of(file));
        Daris cli = s.cli();
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        Map<String, Object> settings = s.settings(db, data);
        SettableClock clock = new SettableClock(s.scenario.start());
        String period = "from=" + s.scenario.start() + "&to=" + s.scenario.until();
        long reportedUpTo;
        try (TestServer server = TestServer.start(settings, data.resolve("one"), clock)) {
            server.awaitUp();
            s.sendTo(server, clock);
            reportedUpTo = sameAsTheCli(server, s, cli, period);
            assertThat(reportedUpTo).isEqualTo(server.writer().position().lastSeq());
        }
        try (TestServer again = TestServer.start(settings, data.resolve("two"), clock)) {
            again.awaitUp();
            ScenarioThroughTheApi.awaitCaughtUp(again);
            assertThat(sameAsTheCli(again, s, cli, period)).as("restarted: nothing new, nothing twice")
                    .isEqualTo(reportedUpTo);
        }
    }

    /** Checks every report against the CLI's; returns the event the server's reports stand at. */
    private static long sameAsTheCli(TestServer server, ScenarioThroughTheApi s, Daris cli, String period) {
        Report whole = cli.report(s.scenario.start(), s.scenario.until());
        TestServer.Response all = server.get(Staff.READER, "/api/reports?" + period);
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        JsonNode body = all.json();
        assertThat(body.get("responseTimes").get("byGrade").size()).as("the scenario has incidents").isPositive();
        JsonNode history = body.get("history");
        assertThat(history.get("verified").asBoolean()).isTrue();
        assertThat(history.get("statement").asString())
                .isEqualTo("history verified up to event " + history.get("verifiedUpTo").asLong());
        assertThat(history.get("verifiedUpTo").asLong()).isEqualTo(history.get("reportedUpTo").asLong());
        assertThat(withoutHistory(body)).isEqualTo(ScenarioThroughTheApi.JSON.readTree(ReportJson.text(whole)));

        TestServer.Response csv = server.get(Staff.READER, "/api/reports?format=csv&" + period);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(withoutHistoryTable(csv.body())).isEqualTo(ReportCsv.text(whole));

        for (Report.Part p : Report.Part.values()) {
            String path = p.key.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
            JsonNode one = server.get(Staff.READER, "/api/reports/" + path + "?" + period).json();
            assertThat(one.get(p.key)).as(path).isEqualTo(ScenarioThroughTheApi.JSON.readTree(
                    ReportJson.text(whole)).get(p.key));
            assertThat(withoutHistoryTable(server.get(Staff.READER, "/api/reports/" + path + "?format=csv&"
                    + period).body())).as(path + " as CSV").isEqualTo(ReportCsv.text(whole, EnumSet.of(p),
                    java.util.List.of()));
        }
        for (Filter f : new Filter[] {Filter.bcu("SE"), Filter.bcu("-"), Filter.grade(Grade.S),
                Filter.bcu("SE").andGrade(Grade.I, Grade.S)}) {
            StringBuilder q = new StringBuilder(period);
            f.bcus().forEach(b -> q.append("&bcu=").append(b));
            f.grades().forEach(g -> q.append("&grade=").append(g));
            JsonNode filtered = server.get(Staff.READER, "/api/reports?" + q).json();
            assertThat(withoutHistory(filtered)).as("filter %s", f).isEqualTo(ScenarioThroughTheApi.JSON.readTree(
                    ReportJson.text(cli.report(s.scenario.start(), s.scenario.until(), f))));
        }
        // Periods that cut the scenario: incidents created before the period with a call or a divert in it, each
        // report alone (the server loads only what each needs) and all five, with and without a BCU.
        java.time.Instant start = s.scenario.start();
        java.time.Duration whole3 = java.time.Duration.between(start, s.scenario.until()).dividedBy(3);
        for (java.time.Instant[] cut : new java.time.Instant[][] {{start, start.plus(whole3)},
                {start.plus(whole3), s.scenario.until()}, {start.plus(whole3), start.plus(whole3.multipliedBy(2))}}) {
            for (Filter f : new Filter[] {Filter.NONE, Filter.bcu("SE")}) {
                String q = "from=" + cut[0] + "&to=" + cut[1] + (f.none() ? "" : "&bcu=SE");
                JsonNode expected = ScenarioThroughTheApi.JSON.readTree(ReportJson.text(cli.report(cut[0], cut[1], f)));
                assertThat(withoutHistory(server.get(Staff.READER, "/api/reports?" + q).json()))
                        .as("%s, filter %s", q, f).isEqualTo(expected);
                for (Report.Part p : Report.Part.values()) {
                    String path = p.key.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
                    assertThat(server.get(Staff.READER, "/api/reports/" + path + "?" + q).json().get(p.key))
                            .as("%s alone, %s, filter %s", path, q, f).isEqualTo(expected.get(p.key));
                }
            }
        }
        return history.get("reportedUpTo").asLong();
    }

    static JsonNode withoutHistory(JsonNode report) {
        ObjectNode copy = (ObjectNode) report.deepCopy();
        copy.remove("history");
        return copy;
    }

    static String withoutHistoryTable(String csv) {
        return csv.replaceAll("# history\r\n[^\r]*\r\n[^\r]*\r\n", "");
    }

    static Set<Report.Part> all() {
        return EnumSet.allOf(Report.Part.class);
    }
}
