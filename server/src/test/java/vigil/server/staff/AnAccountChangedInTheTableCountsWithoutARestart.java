package vigil.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import vigil.server.testing.Login;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * A server keeps the account rows it has read (a login then costs no round trip to the database), but not past a
 * change: an account disabled, enabled again or given another password in the table itself (by another server on the
 * same database, or by hand) counts there within moments, with no restart.
 */
class AnAccountChangedInTheTableCountsWithoutARestart {

    @Test
    void disablingEnablingAndANewPasswordByHandCountAtOnce(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        try (TestServer server = TestServer.startUp(db, data, null).withStaff()) {
            String password = server.login().password("ch1");
            assertThat(units(server, password)).isEqualTo(200);
            assertThat(units(server, password)).as("read once, kept").isEqualTo(200);

            owner(db, "update staff_account set enabled = false where username = 'ch1'");
            await().atMost(Duration.ofSeconds(10)).until(() -> units(server, password) == 401);

            owner(db, "update staff_account set enabled = true where username = 'ch1'");
            await().atMost(Duration.ofSeconds(10)).until(() -> units(server, password) == 200);

            String other = "another password entirely";
            owner(db, "update staff_account set password_hash = '" + new BCryptPasswordEncoder().encode(other)
                    + "' where username = 'ch1'");
            await().atMost(Duration.ofSeconds(10)).until(() -> units(server, password) == 401);
            assertThat(units(server, other)).isEqualTo(200);
        }
    }

    private static int units(TestServer server, String password) {
        return server.send(HttpRequest.newBuilder(server.base().resolve("/api/units"))
                .header("Authorization", Login.basic("ch1", password)).GET()).status();
    }

    private static void owner(SharedPostgres.Db db, String sql) throws Exception {
        try (Connection c = db.connectAsOwner(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
