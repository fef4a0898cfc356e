package vigil.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.demo.Shift.events;
import static vigil.server.demo.Shift.seq;
import static vigil.server.demo.Shift.text;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.server.log.Writer;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * A demo server stopped and started again carries on the same shift from its log: nobody and no unit is added twice,
 * the calls go on from the one after the last the log holds (no id is used twice), and the incidents left open at the
 * stop are worked and closed by the shift that comes back.
 */
class ARestartedDemoShiftCarriesOn {

    @Test
    void theShiftGoesOnFromTheLogWithNoIdUsedTwiceAndFinishesWhatWasOpen(@TempDir Path data) {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        Map<String, Object> settings = Shift.settings(db, 1000);
        Writer writer;
        try (TestServer server = TestServer.start(settings, data, null)) {
            server.awaitUp();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    events(server.events(), "CallRecorded", Shift.CALL_HANDLER).size() >= 8
                            && !openOfTheShift(server.events()).isEmpty());
            writer = server.writer();
        }
        long stoppedAt = writer.position().lastSeq(); // where the stopped server's log ends

        try (TestServer again = TestServer.start(settings, data, null)) {
            again.awaitUp();
            List<JsonNode> before = again.events().stream().filter(e -> seq(e) <= stoppedAt).toList();
            Set<String> leftOpen = openOfTheShift(before);
            List<String> callsBefore = ids(events(before, "CallRecorded", Shift.CALL_HANDLER), "callId");
            long lastBefore = Long.parseLong(callsBefore.getLast().substring(CallHandler.CALL_PREFIX.length()));
            assertThat(leftOpen).as("the stop left work open").isNotEmpty();

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
                List<JsonNode> log = again.events();
                Set<String> closedAfter = new HashSet<>(ids(events(log, "IncidentClosed").stream()
                        .filter(e -> seq(e) > stoppedAt).toList(), "incidentId"));
                return closedAfter.containsAll(leftOpen) && events(log, "CallRecorded", Shift.CALL_HANDLER).stream()
                        .filter(e -> seq(e) > stoppedAt).count() >= 5;
            });
            List<JsonNode> log = again.events();

            List<String> callsAfter = ids(events(log, "CallRecorded", Shift.CALL_HANDLER).stream()
                    .filter(e -> seq(e) > stoppedAt).toList(), "callId");
            assertThat(callsAfter.getFirst()).as("the next call after the last the log held")
                    .isEqualTo(CallHandler.callId(lastBefore + 1));
            assertThat(ids(events(log, "CallRecorded"), "callId")).doesNotHaveDuplicates();
            assertThat(ids(events(log, "IncidentCreated"), "incidentId")).doesNotHaveDuplicates();
            assertThat(ids(events(log, "StaffAdded"), "staffId")).doesNotHaveDuplicates().containsAll(Shift.PEOPLE);
            assertThat(ids(events(log, "UnitAdded"), "unitId")).doesNotHaveDuplicates();
            assertThat(events(log, "CommandRejected")).as("nothing re-added, nothing refused").isEmpty();
        }
    }

    /** The shift's incidents open at the end of {@code log} (created, not closed). */
    private static Set<String> openOfTheShift(List<JsonNode> log) {
        Set<String> open = new HashSet<>(ids(events(log, "IncidentCreated", Shift.CALL_HANDLER), "incidentId"));
        open.removeAll(ids(events(log, "IncidentClosed"), "incidentId"));
        return open;
    }

    private static List<String> ids(List<JsonNode> events, String field) {
        return events.stream().map(e -> text(e, field)).toList();
    }
}
