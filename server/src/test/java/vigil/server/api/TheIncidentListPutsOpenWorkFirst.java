package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.DESPATCHER;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.Commands;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * {@code GET /api/incidents} without {@code open=true} lists the incidents still held, closed ones too; "most urgent
 * first" puts the open ones first (grade, then oldest), then the closed ones in the same order: a closed Immediate
 * call is no longer anyone's most urgent work (audit 3, finding 3). {@code open=false} is the same list, not the
 * closed ones alone.
 */
class TheIncidentListPutsOpenWorkFirst {

    @Test
    void aClosedImmediateIncidentComesAfterTheOpenOnes(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            // Given an I incident closed, and an S and an E incident still open.
            for (String[] i : new String[][] {{"CAD-1", "I"}, {"CAD-2", "E"}, {"CAD-3", "S"}}) {
                server.command(CALL_HANDLER, Commands.recordCall("C" + i[0]));
                assertThat(server.command(CALL_HANDLER, Commands.createIncident(i[0], "C" + i[0], i[1])).status())
                        .isEqualTo(200);
            }
            assertThat(server.command(DESPATCHER, "{\"do\":\"CloseIncident\",\"incidentId\":\"CAD-1\","
                    + "\"disposition\":\"NO_TRACE\"}").status()).isEqualTo(200);

            // When the whole list is read, and the open list.
            List<String> all = ids(server.get(DESPATCHER, "/api/incidents").json());
            List<String> open = ids(server.get(DESPATCHER, "/api/incidents?open=true").json());

            // Then the open work comes first, most urgent first, and the closed incident after it.
            assertThat(open).containsExactly("CAD-3", "CAD-2");
            assertThat(all).containsExactly("CAD-3", "CAD-2", "CAD-1");
            assertThat(ids(server.get(DESPATCHER, "/api/incidents?open=false").json())).isEqualTo(all);
        }
    }

    private static List<String> ids(JsonNode list) {
        return list.valueStream().map(i -> i.get("id").asString()).toList();
    }
}
