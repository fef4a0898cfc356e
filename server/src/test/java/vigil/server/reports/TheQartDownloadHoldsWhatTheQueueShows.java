package vigil.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.TestServer;

/**
 * A QA reviewer who downloads the QART queue ({@code format=csv}) gets what the queue shows: every field of each row,
 * in the JSON's order, as the report CSVs write them (an absent value an empty field). The download used to keep 8 of
 * the 14, leaving out the review, the challenge, the reallocation and the audit outcome itself (audit 3, finding 2).
 */
class TheQartDownloadHoldsWhatTheQueueShows {

    @Test
    void eachRowOfTheDownloadIsTheQueuesRowFieldForField(@TempDir Path data) throws Exception {
        try (TestServer server = QaWorksTheDivertListFromTheQueue.roomWithADivertAndAQaReviewer(data)) {
            assertThat(server.command(Staff.QA, "{\"do\":\"RecordDivertAudit\",\"incidentId\":\"CAD-2\","
                    + "\"outcome\":\"INAPPROPRIATE\",\"note\":\"the S call lost its only unit\"}").status())
                    .isEqualTo(200);
            ScenarioThroughTheApi.awaitCaughtUp(server);

            JsonNode queue = server.get(Staff.READER, "/api/reports/qart").json().get("queue");
            String csv = server.get(Staff.READER, "/api/reports/qart?format=csv").body();

            List<String> lines = Arrays.asList(csv.substring(csv.indexOf("# qart\r\n")).split("\r\n"));
            assertThat(queue.size()).isGreaterThan(1);
            assertThat(lines).hasSize(2 + queue.size());
            List<String> fields = new ArrayList<>(queue.get(0).propertyNames());
            assertThat(lines.get(1)).isEqualTo(String.join(",", fields));
            for (int i = 0; i < queue.size(); i++) {
                JsonNode row = queue.get(i);
                List<String> expected = fields.stream()
                        .map(f -> row.get(f).isNull() ? "" : row.get(f).asString()).toList();
                assertThat(lines.get(2 + i)).isEqualTo(String.join(",", expected));
            }
            assertThat(lines).anySatisfy(l -> assertThat(l).contains(",INAPPROPRIATE,"));
        }
    }
}
