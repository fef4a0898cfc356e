package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * Audit 6: {@code GET /actuator/health/a%2Fb}, which anyone may send without logging in, was a 500 and a stack trace in
 * the server's log each time: the actuator's path mapping throws on an encoded slash, which the server passes through
 * for ids (ADR 117). Anyone could fill the log at will. It is a 404 problem now, as any other address the actuator does
 * not have, and the health group itself still answers.
 */
class AnAddressTheActuatorCannotNameIsNotFound {

    @Test
    void anEncodedSlashUnderTheActuatorIsAnAddressThatIsNotThere(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null)) {
            for (String path : new String[] {"/actuator/health/a%2Fb", "/actuator/health/%2F..%2Fprometheus",
                    "/actuator/health/liveness%2f"}) {
                TestServer.Response r = server.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                        .GET());

                assertThat(r.status()).as(path).isEqualTo(404);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.json().get("type").asString()).isEqualTo("/problems/not-found");
                assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            }
            assertThat(server.health().status()).isEqualTo(200);
        }
    }
}
