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
        StringBuilder steps = new StringBuilder();
        for (String id : ids) {
            String json = JsonNodeFactory.instance.stringNode(id).toString();
            steps.append("{ \"at\": \"").append(at("10:00")).append("\", \"by\": \"ch1\", \"do\": \"RecordCall\", ")
                    .append("\"callId\": ").append(json).append(" },\n");
            steps.append("{ \"at\": \"").append(at("10:00")).append("\", \"by\": \"ch1\", \"do\": \"CreateIncident\", ")
                    .append("\"incidentId\": ").append(json).append(", \"callId\": ").append(json)
                    .append(", \"grade\": \"I\", \"bcu\": ").append(json).append(" },\n");
        }
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

    @Test
    void aFieldIsQuotedOnlyWhenItMustBe() {
        assertThat(ReportCsv.field("CAD-1")).isEqualTo("CAD-1");
        assertThat(ReportCsv.field("")).isEqualTo("");
        assertThat(ReportCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(ReportCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ReportCsv.field("#1")).isEqualTo("\"#1\"");
        assertThat(ReportCsv.field("a\r\nb")).isEqualTo("\"a\r\nb\"");
    }
}
