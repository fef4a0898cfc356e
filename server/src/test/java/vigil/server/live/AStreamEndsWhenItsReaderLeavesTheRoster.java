package vigil.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.ADMIN;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.SseClient;
import vigil.server.testing.TestServer;

/**
 * A live stream is read as someone on the roster: removed ({@code DELETE /api/staff/{id}}, {@code RemoveStaff}), they
 * get nothing more on a stream they opened before, as their next request is refused 401 and a page's session stops.
 * An OIC removed while following the stream kept receiving every event, a victim's name and contact details included,
 * for as long as the connection lasted (audit 3, finding 9).
 */
class AStreamEndsWhenItsReaderLeavesTheRoster {

    @Test
    void aRemovedOfficersOpenStreamEndsBeforeTheNextVictimDetails(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null)) {
            server.addStaff("oic1", "OIC", "SE").addStaff("oic2", "OIC", "SE");
            String leaving = "OIC oic2 SE";
            try (SseClient stream = SseClient.open(server, "/api/events/stream", leaving)) {
                // Given oic2 follows the stream, and is removed from the roster.
                TestServer.Response removed = server.send(server.login().as(HttpRequest.newBuilder(
                        server.base().resolve("/api/staff/oic2")).DELETE(), ADMIN));
                assertThat(removed.status()).as(removed.body()).isEqualTo(200);

                // When another OIC records a victim's details.
                assertThat(server.command("OIC oic1 SE", "{\"do\":\"RequestScheme\",\"schemeId\":\"S1\","
                        + "\"victimName\":\"Jane Doe\",\"preferredContact\":{\"method\":\"PHONE\"}}").status())
                        .isEqualTo(200);

                // Then oic2's stream ends without them: at most the removal itself reached it.
                SseClient.Frame f = stream.nextEvent(Duration.ofSeconds(30));
                if (!f.isEnd()) {
                    assertThat(f.event()).isEqualTo("StaffRemoved");
                    f = stream.nextEvent(Duration.ofSeconds(30));
                }
                assertThat(f.isEnd()).as("the stream ended, not %s", f).isTrue();
            }
            assertThat(server.get(leaving, "/api/events").status()).isEqualTo(401);
        }
    }
}
