package vigil.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.testing.Commands.ADMIN;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Role;
import vigil.server.log.Outcome;
import vigil.server.testing.Commands;
import vigil.server.testing.Login;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * The log is the record and an account follows it: whatever a crash between a commit and its account row left (a
 * member added with no account, a member removed whose account is still open, the administrator's account missing),
 * the next start puts right; an install where no administrator can log in (one from before accounts existed) gives
 * the administrator a new password, in demo-users.txt.
 */
class ARestartBringsAccountsInStepWithTheRoster {

    @Test
    void eachRosterChangeWithoutItsAccountIsPutRightOnTheNextStart(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        String chPassword;
        try (TestServer server = TestServer.startUp(db, data, null).withStaff()) {
            chPassword = server.login().password("ch1");
            assertThat(server.command(ADMIN, Commands.addStaff("ctl1", "CONTROLLER", "SE")).status()).isEqualTo(200);
            TestServer.Response removed = server.send(server.login().as(HttpRequest.newBuilder(
                    server.base().resolve("/api/staff/dsp1")).DELETE(), ADMIN));
            assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        }
        // As if each commit had not been followed by its account row: done by the database's owner.
        try (Connection c = db.connectAsOwner(); Statement s = c.createStatement()) {
            s.execute("delete from staff_account where username in ('admin', 'ctl1')");
            s.execute("update staff_account set enabled = true where username = 'dsp1'");
        }
        List<String> before = Files.readAllLines(data.resolve("demo-users.txt"));

        try (TestServer again = TestServer.startUp(db, data, null)) {
            assertThat(Files.readAllLines(data.resolve("demo-users.txt"))).as("the file still says it").isEqualTo(before);
            String adminPassword = before.getFirst().split(" ")[2];
            TestServer.Response accounts = again.send(HttpRequest.newBuilder(again.base().resolve("/api/staff"))
                    .header("Authorization", Login.basic("admin", adminPassword)).GET());
            assertThat(accounts.status()).as("the administrator's account, back with the file's password")
                    .isEqualTo(200);
            assertThat(account(accounts.json(), "ctl1").get("hasPassword").asBoolean()).isFalse();
            assertThat(account(accounts.json(), "ctl1").get("enabled").asBoolean()).isTrue();
            assertThat(account(accounts.json(), "dsp1").get("enabled").asBoolean()).isFalse();
            assertThat(again.send(HttpRequest.newBuilder(again.base().resolve("/api/units"))
                    .header("Authorization", Login.basic("ch1", chPassword)).GET()).status()).isEqualTo(200);
        }

        // An install from before accounts: no file, and no administrator with a password.
        Files.delete(data.resolve("demo-users.txt"));
        try (Connection c = db.connectAsOwner(); Statement s = c.createStatement()) {
            s.execute("update staff_account set password_hash = null where username = 'admin'");
        }
        try (TestServer again = TestServer.startUp(db, data, null)) {
            List<String> after = Files.readAllLines(data.resolve("demo-users.txt"));
            assertThat(after).hasSize(1);
            assertThat(after.getFirst()).startsWith("ADMIN admin ").isNotEqualTo(before.getFirst());
            assertThat(again.send(HttpRequest.newBuilder(again.base().resolve("/api/staff"))
                    .header("Authorization", Login.basic("admin", after.getFirst().split(" ")[2])).GET()).status())
                    .isEqualTo(200);
        }
    }

    /**
     * Before ADR 119, {@code POST /api/commands} recorded an {@code AddStaff} whose id cannot be a username. The log
     * keeps it for ever; the next start tried to open its account, the table refused it, and the server stayed
     * OUT_OF_SERVICE, its health answering the refusal's SQL to anyone.
     */
    @Test
    void aMemberOnTheRosterWhoseIdCannotBeAUsernameDoesNotStopTheNextStart(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        String chPassword;
        try (TestServer server = TestServer.startUp(db, data, null).withStaff()) {
            chPassword = server.login().password("ch1");
            // As an older server recorded it: straight to the writer, past today's check at the API.
            Outcome added = server.writer().submit(new Command.AddStaff(new Actor("admin", Role.ADMIN, null),
                    "a b/c", Role.OIC, "SE"), null).join();
            assertThat(added).isInstanceOf(Outcome.Decided.class);
        }

        try (TestServer again = TestServer.start(db, data, null)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> again.health().status() == 200
                    || again.health().body().contains("cannot open"));
            TestServer.Response health = again.health();
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            assertThat(again.send(HttpRequest.newBuilder(again.base().resolve("/api/units"))
                    .header("Authorization", Login.basic("ch1", chPassword)).GET()).status()).isEqualTo(200);
            assertThat(again.get(ADMIN, "/api/staff").json().valueStream().map(a -> a.get("staffId").asString()))
                    .contains("ch1").doesNotContain("a b/c");
        }
    }

    @Test
    void accountsThatCannotBeOpenedKeepTheServerOutOfServiceAndItsHealthSaysSoWithoutTheDatabasesWords(
            @TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        try (TestServer server = TestServer.startUp(db, data, null).withStaff()) {
            assertThat(server.health().status()).isEqualTo(200);
        }
        // A member whose account row is missing, and a table that refuses every new row.
        try (Connection c = db.connectAsOwner(); Statement s = c.createStatement()) {
            s.execute("delete from staff_account where username = 'ch1'");
            s.execute("create function refuse_accounts() returns trigger language plpgsql as $$ begin"
                    + " raise exception 'no accounts today'; end $$");
            s.execute("create trigger refuse_accounts before insert on staff_account for each row"
                    + " execute function refuse_accounts()");
        }

        try (TestServer again = TestServer.start(db, data, null)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> again.health().body().contains("cannot open"));
            TestServer.Response health = again.health();
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body()).contains("the server's log says why")
                    .doesNotContain("SQL", "insert", "staff_account", "ERROR", "no accounts today");
        }
    }

    private static JsonNode account(JsonNode accounts, String id) {
        return accounts.valueStream().filter(a -> a.get("staffId").asString().equals(id)).findFirst().orElseThrow();
    }
}
