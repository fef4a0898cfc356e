package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.ADMIN;
import static vigil.server.testing.Commands.DESPATCHER;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * A client asking {@code OPTIONS} what an address takes reads {@code Allow}, and (RFC 5789 §3.1) any
 * {@code Accept-Patch} as "PATCH is allowed here". No address takes PATCH, yet every answer to OPTIONS carried an
 * empty {@code Accept-Patch:} (audit 3 finding 16, audit 8 finding 5).
 */
class OptionsClaimsNoPatch {

    @Test
    void optionsNamesTheMethodsAndClaimsNoPatch(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            TestServer.Response units = options(server, "/api/units", DESPATCHER);
            TestServer.Response staff = options(server, "/api/staff", ADMIN);

            assertThat(units.status()).isEqualTo(200);
            assertThat(units.header("Allow")).contains("GET").doesNotContain("PATCH");
            assertThat(units.headers().keySet()).as("headers of OPTIONS /api/units")
                    .noneMatch(h -> h.equalsIgnoreCase("Accept-Patch"));
            assertThat(staff.header("Allow")).contains("POST").doesNotContain("PATCH");
            assertThat(staff.headers().keySet()).as("headers of OPTIONS /api/staff")
                    .noneMatch(h -> h.equalsIgnoreCase("Accept-Patch"));
        }
    }

    private static TestServer.Response options(TestServer server, String path, String who) {
        return server.send(server.login().as(HttpRequest.newBuilder(server.base().resolve(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()), who));
    }
}
