package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.ADMIN;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.DESPATCHER;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.Commands;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * "A unit's arrival answers its assignment" (scenario.md): a unit that arrived without a separate acknowledgement
 * (the crew drove straight there) reads {@code acknowledged: true} in {@code GET /api/units}, as the engine raises no
 * {@code AssignmentUnacknowledged} for it. It used to read {@code AT_SCENE} and not acknowledged at once, a unit a
 * despatcher would call for nothing (audit 3, finding 5).
 */
class AUnitAtTheSceneHasAnsweredItsAssignment {

    @Test
    void aUnitThatArrivedWithoutAcknowledgingReadsAcknowledged(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            assertThat(server.command(ADMIN, Commands.addUnit("U1", "MD21")).status()).isEqualTo(200);
            server.command(CALL_HANDLER, Commands.recordCall("C1"));
            server.command(CALL_HANDLER, Commands.createIncident("CAD-1", "C1", "I"));
            assertThat(server.command(DESPATCHER, "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-1\",\"unitId\":\"U1\"}")
                    .status()).isEqualTo(200);
            assertThat(unit(server).get("acknowledged").asBoolean()).as("assigned, not yet answered").isFalse();

            // When the despatcher records by radio that the unit is at the scene, with no acknowledgement before.
            assertThat(server.command(DESPATCHER, "{\"do\":\"ArriveAtScene\",\"incidentId\":\"CAD-1\","
                    + "\"unitId\":\"U1\"}").status()).isEqualTo(200);

            // Then the unit is at the scene and its assignment answered.
            JsonNode u = unit(server);
            assertThat(u.get("status").asString()).isEqualTo("AT_SCENE");
            assertThat(u.get("acknowledged").asBoolean()).isTrue();
        }
    }

    private static JsonNode unit(TestServer server) {
        return server.get(DESPATCHER, "/api/units").json().valueStream()
                .filter(u -> u.get("id").asString().equals("U1")).findFirst().orElseThrow();
    }
}
