package vigil.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * A browser that once answered the API's Basic challenge sends those credentials with every later request to the
 * server, whichever site's page made it (audit 6, finding 10). A form on another site cannot send JSON, but it can post
 * to a command that takes no body, such as marking a notice read. The browser says where a request came from
 * ({@code Sec-Fetch-Site}); the API refuses anything that would change something when another site's page asked for
 * it, before the login is even looked at. API clients send no such header and are untouched.
 */
class AnotherSitesPageCannotActOnARememberedLogin {
    private static final String CALL = "{\"do\":\"RecordCall\",\"callId\":\"X1\"}";

    @Test
    void aCommandFromAnotherSitesPageIsRefusedAndChangesNothing(@TempDir Path data) throws Exception {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null)) {
            server.addStaff("ch9", "CALL_HANDLER", "SE");
            int before = server.events().size();

            for (String site : new String[] {"cross-site", "same-site"}) {
                TestServer.Response r = server.command("ch9", CALL, Map.of("Sec-Fetch-Site", site));
                assertThat(r.status()).as("%s: %s", site, r.body()).isEqualTo(403);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.json().get("detail").asString()).contains("another site");
            }
            TestServer.Response read = server.send(server.login().as(HttpRequest.newBuilder(
                    server.base().resolve("/api/notices/1/read")).header("Sec-Fetch-Site", "cross-site")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.noBody()), "ch9"));
            assertThat(read.status()).as("a form's bodyless post: %s", read.body()).isEqualTo(403);
            assertThat(server.events()).as("nothing reached the log").hasSize(before);

            TestServer.Response own = server.command("ch9", CALL, Map.of("Sec-Fetch-Site", "same-origin"));
            assertThat(own.status()).as("Vigil's own pages: %s", own.body()).isEqualTo(200);
            TestServer.Response client = server.command("ch9",
                    "{\"do\":\"RecordCall\",\"callId\":\"X2\"}");
            assertThat(client.status()).as("an API client, no such header: %s", client.body()).isEqualTo(200);
            assertThat(server.get("ch9", "/api/units").status()).as("reads are not changes").isEqualTo(200);
            TestServer.Response look = server.send(server.login().as(HttpRequest.newBuilder(
                    server.base().resolve("/api/units")).header("Sec-Fetch-Site", "cross-site").GET(), "ch9"));
            assertThat(look.status()).as("a link from another site to a read").isEqualTo(200);
        }
    }
}
