package vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.recordCall;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.Causes;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * What is recorded stays recorded: the role the server runs as may add to the log and read it, never change or remove
 * a row; even the owner is stopped by the table's triggers. A server given a role that could rewrite the log refuses
 * to start.
 */
class TheLogIsAppendOnlyForTheServersRole {

    @Test
    void theServersRoleCannotUpdateDeleteOrTruncateTheLog(@TempDir Path data) throws SQLException {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        try (TestServer server = TestServer.startUp(db, data, null).withStaff()) {
            assertThat(server.command(CALL_HANDLER, recordCall("C1")).status()).isEqualTo(200);
            assertThat(server.command(CALL_HANDLER, recordCall("C2"), Map.of("Idempotency-Key", "k1")).status())
                    .isEqualTo(200);
        }
        try (Connection app = db.connectAsApp(); Statement s = app.createStatement()) {
            int before = count(s);
            for (String change : new String[] {"update event set type = 'Nothing' where seq = 1",
                    "delete from event where seq = 1", "truncate event", "update idempotency_key set key = 'k2'",
                    "delete from idempotency_key", "truncate idempotency_key", "drop table event",
                    "alter table event disable trigger all"}) {
                assertThatThrownBy(() -> s.execute(change)).as(change).isInstanceOf(SQLException.class)
                        .hasMessageMatching("(?s).*(permission denied|must be owner).*");
            }
            assertThat(count(s)).isEqualTo(before).isGreaterThanOrEqualTo(2);
        }
        try (Connection owner = db.connectAsOwner(); Statement s = owner.createStatement()) {
            assertThatThrownBy(() -> s.execute("update event set type = 'Nothing' where seq = 1"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("delete from event")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("truncate event, idempotency_key")).hasMessageContaining("append-only");
        }
    }

    /** A snapshot is not the record (the log is): the server adds them and prunes old ones, but never alters one. */
    @Test
    void theServersRoleAddsAndPrunesSnapshotsButNeverAltersOne(@TempDir Path data) throws SQLException {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        TestServer.startUp(db, data, null).close();
        try (Connection app = db.connectAsApp(); Statement s = app.createStatement()) {
            s.execute("insert into snapshot (seq, head_hash, state, taken_at) values (7, sha256('h'::bytea),"
                    + " '\\x00'::bytea, now())");
            for (String change : new String[] {"update snapshot set state = '\\x01'::bytea", "truncate snapshot",
                    "drop table snapshot"}) {
                assertThatThrownBy(() -> s.execute(change)).as(change).isInstanceOf(SQLException.class)
                        .hasMessageMatching("(?s).*(permission denied|must be owner).*");
            }
            assertThat(s.executeUpdate("delete from snapshot where seq = 7")).isEqualTo(1);
        }
    }

    private static int count(Statement s) throws SQLException {
        try (var rs = s.executeQuery("select count(*) from event")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aServerWhoseRoleOwnsTheLogRefusesToStart(@TempDir Path data) {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        Map<String, Object> settings = new java.util.HashMap<>(db.settings());
        settings.put("vigil.db.user", db.owner().user());
        settings.put("vigil.db.password", db.owner().password());

        assertThatThrownBy(() -> TestServer.start(settings, data, null).close())
                .satisfies(e -> assertThat(Causes.messages(e)).contains("owns event"));
    }

    @Test
    void withoutAnOwnerTheSchemaMustAlreadyBeMigrated(@TempDir Path data) {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        Map<String, Object> settings = new java.util.HashMap<>(db.settings());
        settings.remove("vigil.db.owner");
        settings.remove("vigil.db.owner-password");

        assertThatThrownBy(() -> TestServer.start(settings, data, null).close())
                .satisfies(e -> assertThat(Causes.messages(e)).contains("VIGIL_DB_OWNER"));

        TestServer.startUp(db, data, null).close(); // migrated by its owner
        try (TestServer withoutOwner = TestServer.start(settings, data, null)) {
            withoutOwner.awaitUp();
        }
    }
}
