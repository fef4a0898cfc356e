package vigil.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.Commands;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * The follower checks the hash chain as it reads: a log changed behind the server's back (the owner disabling the
 * append-only trigger) is reported, in every report, as verified only up to the event before the change. The read
 * tables are derived: emptied, they are rebuilt from the log.
 */
class AReportSaysPlainlyWhenHistoryIsNotVerified {

    @Test
    void aChangedEventStopsTheVerifiedHistoryBeforeIt(@TempDir Path data) throws Exception {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        SettableClock clock = new SettableClock(Instant.parse("2026-03-01T22:00:00Z"));
        long last;
        try (TestServer server = TestServer.startUp(db, data.resolve("one"), clock).withStaff()) {
            server.command(Commands.CALL_HANDLER, Commands.recordCall("C1"));
            server.command(Commands.CALL_HANDLER, Commands.createIncident("CAD-1", "C1", "I"));
            ScenarioThroughTheApi.awaitCaughtUp(server);
            JsonNode h = server.get(Staff.READER, "/api/reports").json().get("history");
            last = server.writer().position().lastSeq();
            assertThat(h.get("statement").asString()).isEqualTo("history verified up to event " + last);
        }
        try (Connection c = db.connectAsOwner(); Statement s = c.createStatement()) {
            s.execute("alter table event disable trigger event_no_update_or_delete");
            s.execute("update event set actor = 'someone-else' where seq = 2");
            s.execute("alter table event enable trigger event_no_update_or_delete");
            s.execute("delete from report_incident_event; delete from report_call_block;"
                    + " delete from report_incident_block; delete from report_position");
        }
        try (TestServer again = TestServer.startUp(db, data.resolve("two"), clock)) {
            ScenarioThroughTheApi.awaitCaughtUp(again);
            JsonNode report = again.get(Staff.READER, "/api/reports").json();
            JsonNode h = report.get("history");
            assertThat(h.get("verified").asBoolean()).isFalse();
            assertThat(h.get("verifiedUpTo").asLong()).isEqualTo(1);
            assertThat(h.get("reportedUpTo").asLong()).isEqualTo(last);
            assertThat(h.get("statement").asString()).isEqualTo("history NOT verified beyond event 1: event 2 does"
                    + " not match the audit chain: its hash is not the hash of its columns");
            assertThat(report.get("demand").get("calls").asLong()).as("rebuilt from the log").isEqualTo(1);
            assertThat(again.get(Staff.READER, "/api/reports/demand?format=csv").body())
                    .contains("# history\r\nverified,verifiedUpTo,reportedUpTo,statement\r\nfalse,1,");
        }
    }
}
