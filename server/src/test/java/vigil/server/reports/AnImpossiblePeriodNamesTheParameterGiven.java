package vigil.server.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.CALL_HANDLER;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.Commands;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * A report's period that ends before it starts is a 400 naming the parameter the client gave: {@code to} alone,
 * before the first event the tables hold, is {@code to}'s fault, not that of a {@code from} never sent (the answer
 * named {@code from}, audit 3, finding 8).
 */
class AnImpossiblePeriodNamesTheParameterGiven {

    @Test
    void aToBeforeTheFirstEventIsRefusedNamingTo(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff()) {
            assertThat(server.command(CALL_HANDLER, Commands.recordCall("C1")).status()).isEqualTo(200);
            for (String part : new String[] {"", "/demand", "/qart"}) {
                String path = "/api/reports" + part;
                TestServer.Response early = server.get(CALL_HANDLER, path + "?to=2020-01-01T00:00:00Z");
                assertThat(early.status()).as(early.body()).isEqualTo(400);
                assertThat(early.json().get("field").asString()).isEqualTo("to");

                TestServer.Response late = server.get(CALL_HANDLER, path + "?from=2190-01-01T00:00:00Z");
                assertThat(late.status()).as(late.body()).isEqualTo(400);
                assertThat(late.json().get("field").asString()).isEqualTo("from");
            }
        }
    }
}
