package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.SseClient;
import vigil.server.testing.TestServer;

/**
 * Every answer that gives an OIC a victim's details is recorded in {@code victim_detail_read} as "METHOD path", the
 * live stream's too: an investigator asking who read them by {@code GET} finds the stream's reads with the others
 * (they were recorded as a bare path, audit 3, finding 6).
 */
class EachVictimDetailReadNamesItsRequest {

    @Test
    void theStreamsReadIsRecordedAsAGetLikeEveryOtherRead(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        try (TestServer server = TestServer.startUp(db, data, null)) {
            server.addStaff("oic1", "OIC", "SE");
            String oic = "OIC oic1 SE";
            assertThat(server.command(oic, "{\"do\":\"RequestScheme\",\"schemeId\":\"S1\",\"victimName\":\"Jane Doe\","
                    + "\"preferredContact\":{\"method\":\"PHONE\",\"detail\":\"07700 900999\"}}").status())
                    .isEqualTo(200);

            // When the OIC reads the log and follows the stream, both showing the request.
            assertThat(server.get(oic, "/api/events?after=0").body()).contains("Jane Doe");
            try (SseClient stream = SseClient.open(server, "/api/events/stream?after=0", oic)) {
                SseClient.Frame f;
                do {
                    f = stream.nextEvent(Duration.ofSeconds(10));
                    assertThat(f).as("the stream carries the request").isNotNull();
                } while (!"SchemeRequested".equals(f.event()));
                assertThat(f.data()).contains("Jane Doe");
            }

            // Then each read is recorded with its method and path.
            List<String> paths = new ArrayList<>();
            try (Connection c = db.connectAsOwner(); PreparedStatement s = c.prepareStatement(
                    "select path from victim_detail_read where staff_id = 'oic1' order by id");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    paths.add(rs.getString(1));
                }
            }
            assertThat(paths).containsExactly("POST /api/commands", "GET /api/events", "GET /api/events/stream");
        }
    }
}
