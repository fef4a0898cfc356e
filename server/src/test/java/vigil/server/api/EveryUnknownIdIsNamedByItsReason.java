package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.ADMIN;
import static vigil.server.testing.Commands.DESPATCHER;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * A client that tells one 404 from another by {@code reason} (api.md: problems carry {@code reason} where it applies)
 * finds one for every id the server does not know: an incident, call, scheme, guidance or notice, and an account
 * the administrator names ({@code UNKNOWN_STAFF}), which alone came without one (audit 3 finding 15, audit 8 finding 3).
 */
class EveryUnknownIdIsNamedByItsReason {

    @Test
    void eachUnknownIdIs404WithItsReason(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            assertReason(server.get(DESPATCHER, "/api/incidents/NONE"), "UNKNOWN_INCIDENT");
            assertReason(server.get(DESPATCHER, "/api/calls/NONE"), "UNKNOWN_CALL");
            assertReason(server.get(DESPATCHER, "/api/schemes/NONE"), "UNKNOWN_SCHEME");
            assertReason(server.get(DESPATCHER, "/api/guidance/NONE"), "UNKNOWN_GUIDANCE");
            assertReason(server.send(server.login().as(HttpRequest.newBuilder(server.base().resolve(
                    "/api/notices/99/read")).POST(HttpRequest.BodyPublishers.noBody()), DESPATCHER)), "UNKNOWN_NOTICE");

            TestServer.Response password = put(server, "/api/staff/nobody/password", "{}");
            TestServer.Response email = put(server, "/api/staff/nobody/email", "{\"email\":null}");

            JsonNode p = assertReason(password, "UNKNOWN_STAFF");
            assertThat(p.get("type").asString()).isEqualTo("/problems/unknown-staff");
            assertThat(p.get("detail").asString()).contains("nobody");
            assertReason(email, "UNKNOWN_STAFF");
        }
    }

    private static TestServer.Response put(TestServer server, String path, String body) {
        return server.send(server.login().as(HttpRequest.newBuilder(server.base().resolve(path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)), ADMIN));
    }

    private static JsonNode assertReason(TestServer.Response r, String reason) {
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.path("reason").asString("")).as(r.body()).isEqualTo(reason);
        return p;
    }
}
