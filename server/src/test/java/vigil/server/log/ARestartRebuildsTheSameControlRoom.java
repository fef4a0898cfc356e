package vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.ADMIN;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.DESPATCHER;
import static vigil.server.testing.Commands.addUnit;
import static vigil.server.testing.Commands.createIncident;
import static vigil.server.testing.Commands.recordCall;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.engine.Engine;
import vigil.server.testing.SettableClock;
import vigil.server.testing.TestServer;
import vigil.sim.json.EventJson;

/**
 * The log is the control room: a server started again on it (here, the embedded database in the same data
 * directory) holds every event, and its engine is exactly what a fresh replay of the log gives.
 */
class ARestartRebuildsTheSameControlRoom {

    @Test
    void aRestartedServerKeepsTheLogAndRebuildsTheSameState(@TempDir Path data) {
        SettableClock clock = new SettableClock(Instant.parse("2026-03-01T22:00:00Z"));
        String before;
        List<JsonNode> logBefore;
        try (TestServer server = TestServer.startUp(null, data, clock).withStaff()) {
            assertThat(server.command(ADMIN, addUnit("U1", "MD21")).status()).isEqualTo(200);
            assertThat(server.command(CALL_HANDLER, recordCall("C1")).status()).isEqualTo(200);
            assertThat(server.command(CALL_HANDLER, createIncident("CAD-1", "C1", "E")).status()).isEqualTo(200);
            assertThat(server.command(DESPATCHER, "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-1\",\"unitId\":\"U1\"}")
                    .status()).isEqualTo(200);
            assertThat(server.command(DESPATCHER, "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-1\",\"unitId\":\"U1\"}")
                    .status()).isEqualTo(409);
            before = server.writer().ask(q -> q.describe()).join();
            logBefore = server.events();
        }
        assertThat(data.resolve("pg/PG_VERSION")).exists();

        try (TestServer again = TestServer.startUp(null, data, clock)) {
            assertThat(again.events()).isEqualTo(logBefore);
            String after = again.writer().ask(q -> q.describe()).join();
            assertThat(after).isEqualTo(before);
            assertThat(after).isEqualTo(freshReplay(again.events()).queries().describe());
            assertThat(again.writer().position().lastSeq()).isEqualTo(logBefore.size());
        }
    }

    private static Engine freshReplay(List<JsonNode> log) {
        List<Recorded> events = log.stream().map(n -> EventJson.parse(n.toString())).toList();
        return Engine.rebuild(Policy.metropolitan().withRetainClosedFor(LogConfiguration.RETAIN_CLOSED_FOR), Writer.OPENING_ROSTER, events.getFirst().at(), events);
    }
}
