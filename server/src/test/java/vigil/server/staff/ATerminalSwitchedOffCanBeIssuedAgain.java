package vigil.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.ADMIN;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.Commands;
import vigil.server.testing.Login;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * A unit's terminal switched off ({@code DELETE /api/staff/{unitId}}: a lost or stolen handset) is switched on again
 * by issuing it anew ({@code POST /api/staff {role: UNIT, unitId}}), with a new password, while its unit is on the
 * roster: the unit keeps its id for ever, so without this its crew could never log in again (audit 3, finding 1).
 * The old password stays dead; a retired unit's terminal is not issued again.
 */
class ATerminalSwitchedOffCanBeIssuedAgain {

    @Test
    void aSwitchedOffTerminalIsIssuedAgainWithANewPasswordWhileItsUnitServes(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            assertThat(server.command(ADMIN, Commands.addUnit("U1", "MD21")).status()).isEqualTo(200);
            TestServer.Response first = issue(server, "U1");
            assertThat(first.status()).as(first.body()).isEqualTo(201);
            String lost = first.json().get("password").asString();

            // Given the handset is lost: its terminal is switched off, and its password no longer logs in.
            TestServer.Response off = server.send(server.login().as(HttpRequest.newBuilder(
                    server.base().resolve("/api/staff/U1")).DELETE(), ADMIN));
            assertThat(off.status()).as(off.body()).isEqualTo(200);
            assertThat(off.json().get("enabled").asBoolean()).isFalse();
            assertThat(asTerminal(server, lost).status()).isEqualTo(401);

            // When the administrator issues the terminal again.
            TestServer.Response again = issue(server, "U1");

            // Then it is on with a new password, and the lost one stays dead.
            assertThat(again.status()).as(again.body()).isEqualTo(201);
            assertThat(again.json().get("account").get("enabled").asBoolean()).isTrue();
            String fresh = again.json().get("password").asString();
            assertThat(fresh).isNotEqualTo(lost);
            assertThat(asTerminal(server, fresh).status()).isEqualTo(200);
            assertThat(asTerminal(server, lost).status()).isEqualTo(401);

            // An enabled terminal is not issued twice: its password is set instead.
            TestServer.Response twice = issue(server, "U1");
            assertThat(twice.status()).as(twice.body()).isEqualTo(409);
            assertThat(twice.json().get("reason").asString()).isEqualTo("DUPLICATE_ID");

            // A retired unit's terminal is off for good.
            assertThat(server.command(ADMIN, "{\"do\":\"RetireUnit\",\"unitId\":\"U1\"}").status()).isEqualTo(200);
            assertThat(issue(server, "U1").status()).isEqualTo(404);
            assertThat(asTerminal(server, fresh).status()).isEqualTo(401);
        }
    }

    private static TestServer.Response issue(TestServer server, String unitId) {
        String body = "{\"role\":\"UNIT\",\"unitId\":\"" + unitId + "\"}";
        return server.send(server.login().as(HttpRequest.newBuilder(server.base().resolve("/api/staff"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), ADMIN));
    }

    private static TestServer.Response asTerminal(TestServer server, String password) {
        return server.send(HttpRequest.newBuilder(server.base().resolve("/api/units"))
                .header("Authorization", Login.basic("U1", password)).GET());
    }
}
