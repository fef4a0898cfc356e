package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.DESPATCHER;
import static vigil.server.testing.Commands.createIncident;
import static vigil.server.testing.Commands.recordCall;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.reports.ReportFollower;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * Forces write their references with a slash and a space ({@code CAD 1234/31MAY18}); the engine takes any id, and each
 * read addressed by one must find it, its slash sent as {@code %2F} as a client encodes a path segment. Tomcat and
 * Spring Security's firewall refused every such address 400 "malformed": an incident created under the force's own
 * reference could never be read, nor its page opened (ADR 117).
 */
class AnIdWrittenAsAForceWritesItIsReadBackByIt {

    @Test
    void anIncidentAndACallWhoseIdsHoldASlashAreReadByThoseIds(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            ok(server.command(CALL_HANDLER, recordCall("1234/31MAY18")));
            TestServer.Response created = server.command(CALL_HANDLER,
                    createIncident("CAD 1234/31MAY18", "1234/31MAY18", "S"));
            ok(created);

            TestServer.Response incident = server.get(DESPATCHER, "/api/incidents/CAD%201234%2F31MAY18");
            TestServer.Response recommended = server.get(DESPATCHER,
                    "/api/incidents/CAD%201234%2F31MAY18/recommendations");
            TestServer.Response call = server.get(DESPATCHER, "/api/calls/1234%2F31MAY18");

            ok(incident);
            assertThat(incident.json().get("id").asString()).isEqualTo("CAD 1234/31MAY18");
            ok(recommended);
            ok(call);
            assertThat(call.json().get("incidentId").asString()).isEqualTo("CAD 1234/31MAY18");
            assertThat(server.bean(ReportFollower.class).awaitProjected(created.json().get("lastSeq").asLong(),
                    Duration.ofSeconds(30))).isTrue();
            TestServer.Response timeline = server.get(DESPATCHER,
                    "/api/reports/incidents/CAD%201234%2F31MAY18/timeline");
            ok(timeline);
            assertThat(timeline.body()).contains("IncidentCreated");

            // The slash is the id's: the same characters unencoded are another path, which is nothing.
            assertThat(server.get(DESPATCHER, "/api/incidents/CAD%201234/31MAY18").status()).isEqualTo(404);
        }
    }

    private static void ok(TestServer.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
