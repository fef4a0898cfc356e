package vigil.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.sim.replay.CliRun;

/**
 * "Invalid file: exit 2 and one clear line on stderr, as for replay", and so for a bad argument: an instant that is
 * not ISO-8601 with an offset, a period that ends before it starts or after the scenario does, an unknown format or
 * grade. Nothing on stdout. Good arguments in any offset are taken and printed in UTC.
 */
class AReportWithABadArgumentIsRefusedWithOneLine {
    private static final String FILE = CliRun.resourceDir("scenarios").resolve("2018-divert-unhandled.json").toString();

    private static void refused(List<String> mustSay, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun.of(all).assertRefusedWithOneLine(String.join(" ", args), mustSay);
    }

    @Test
    void anInstantThatIsNotOneNamesTheOption() {
        refused(List.of("--from", "yesterday"), FILE, "--from", "yesterday");
        refused(List.of("--to", "2018-06-01T00:30:00"), FILE, "--to", "2018-06-01T00:30:00");
        refused(List.of("--from", "1800"), FILE, "--from", "1800-01-01T00:00:00Z");
    }

    @Test
    void aPeriodBackwardsOrBeyondTheScenarioIsRefused() {
        refused(List.of("--from", "--to"), FILE, "--from", "2018-06-01T00:00:00Z", "--to", "2018-05-31T23:30:00Z");
        refused(List.of("--from", "until"), FILE, "--from", "2018-06-02T00:00:00Z");
        refused(List.of("--to", "until"), FILE, "--to", "2018-06-02T00:00:00Z");
    }

    @Test
    void anUnknownFormatOrGradeIsRefused() {
        refused(List.of("--format", "xml"), FILE, "--format", "xml");
        refused(List.of("--grade", "X"), FILE, "--grade", "X");
    }

    @Test
    void aBadFileIsRefusedAsReplayRefusesIt(@TempDir Path dir) {
        refused(List.of("no-such.json"), dir.resolve("no-such.json").toString());
        refused(List.of("JSON"), CliRun.resourceDir("malformed").resolve("not-json.json").toString());
        refused(List.of("step 2", "AssignUnits"), CliRun.resourceDir("malformed").resolve("unknown-command.json")
                .toString());
        refused(List.of("FILE"));
    }

    @Test
    void goodArgumentsInAnyOffsetAreTakenAndPrintedInUtc() {
        CliRun run = CliRun.of("report", FILE, "--from", "2018-05-31T23:50:00+01:00", "--to",
                "2018-06-01T01:00:00+01:00", "--grade", "S", "--bcu", "-", "--format", "json");
        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode report = ExpectReport.parse(run.out());
        Reports.assertMeets(report, """
                { "from": "2018-05-31T22:50:00Z", "to": "2018-06-01T00:00:00Z",
                  "filter": { "bcu": ["-"], "grade": ["S"] },
                  "responseTimes": { "byGrade": { "S": { "incidents": 1, "breached": 1 } } },
                  "delayedAttendance": [ { "incidentId": "CAD-1", "lateByMinutes": 5.0 } ],
                  "diverts": [ { "incidentId": "CAD-1" } ],
                  "demand": { "calls": 1, "incidents": 1 } }
                """);
        assertThat(report.at("/responseTimes/byGrade").propertyNames()).containsExactly("S");
    }
}
