package vigil.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.recordCall;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * A demo shift writes synthetic calls into the record, so it runs only where the record is its own: a new install (its
 * roster, the demo room's included), or one where a shift ran before. Asked to run in an install whose log holds a
 * control room's work, it does not start, says why, and the log gets nothing from it.
 */
class ADemoShiftRunsOnlyInARoomOfItsOwn {

    @Test
    void aLogWithAControlRoomsOwnWorkGetsNoShift(@TempDir Path data) {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        try (TestServer room = TestServer.startUp(db, data, null).withStaff()) {
            assertThat(room.command(CALL_HANDLER, recordCall("C1")).status()).isEqualTo(200);
        }

        try (TestServer withDemo = TestServer.start(Shift.settings(db, 1000), data, null)) {
            withDemo.awaitUp();
            DemoShift shift = withDemo.bean(DemoShift.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> shift.standing().startsWith("not started"));

            assertThat(shift.standing()).contains("CallRecorded").contains("of its own");
            List<JsonNode> log = withDemo.events();
            assertThat(log).noneMatch(e -> Shift.isOneOfItsPeople(Shift.text(e, "by"))
                    || Shift.isOneOfItsPeople(Shift.text(e, "staffId")));
            assertThat(Shift.events(log, "CallRecorded")).singleElement();
        }
    }
}
