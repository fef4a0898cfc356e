package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.ADMIN;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.DESPATCHER;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * {@code GET /api/incidents/{id}/recommendations} ranks the available units by travel time to the scene; an available
 * unit whose place is not known (added without a location, no AVL report yet) cannot be ranked, but when fewer than
 * five can, it is offered after them without km or ETA rather than left out: a despatcher reading the list must not
 * conclude that no other unit is free (audit 3, finding 7).
 */
class AFreeUnitWithNoKnownPlaceIsStillRecommended {

    @Test
    void anAvailableUnitWithoutALocationComesAfterTheRankedOnes(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            // Given a unit with no known place added first, then one a kilometre or so from the scene.
            ok(server.command(ADMIN, "{\"do\":\"AddUnit\",\"unitId\":\"U1\",\"callSign\":\"MD21\"}"));
            ok(server.command(ADMIN, "{\"do\":\"AddUnit\",\"unitId\":\"U2\",\"callSign\":\"MD22\","
                    + "\"location\":{\"lat\":51.51,\"lon\":-0.09}}"));
            ok(server.command(CALL_HANDLER, "{\"do\":\"RecordCall\",\"callId\":\"C1\","
                    + "\"location\":{\"lat\":51.5,\"lon\":-0.09}}"));
            ok(server.command(CALL_HANDLER, "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-1\",\"callId\":\"C1\","
                    + "\"grade\":\"I\"}"));

            // When the despatcher asks whom to send.
            JsonNode units = server.get(DESPATCHER, "/api/incidents/CAD-1/recommendations").json().get("units");

            // Then the ranked unit comes first with its ETA, and the free unit of unknown place after it, without.
            assertThat(units.valueStream().map(u -> u.get("unitId").asString()).toList())
                    .isEqualTo(List.of("U2", "U1"));
            assertThat(units.get(0).get("etaSeconds").isNull()).isFalse();
            assertThat(units.get(1).get("eta").isNull()).isTrue();
            assertThat(units.get(1).get("km").isNull()).isTrue();
            assertThat(units.get(1).get("location").isNull()).isTrue();

            // And a unit no longer free is not offered at all.
            ok(server.command(DESPATCHER, "{\"do\":\"SetUnitStatus\",\"unitId\":\"U1\",\"status\":\"UNAVAILABLE\"}"));
            assertThat(server.get(DESPATCHER, "/api/incidents/CAD-1/recommendations").json().get("units")
                    .valueStream().map(u -> u.get("unitId").asString()).toList()).isEqualTo(List.of("U2"));
        }
    }

    private static void ok(TestServer.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
