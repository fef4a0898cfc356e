package vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.createIncident;
import static vigil.server.testing.Commands.recordCall;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * Time does not stop when the server does: an Immediate incident created just before a stop is unresourced after two
 * minutes, warned at 75% of its 15-minute target and breached at 15. Restarted an hour later, the server fires each
 * of those once, stamped with when it fell due, not when the server came back; a second restart fires none again.
 */
class DeadlinesDueWhileDownFireOnceOnRestart {
    private static final Instant T0 = Instant.parse("2026-03-01T22:00:00Z");

    @Test
    void eachDeadlineFiresOnceWithItsDueTime(@TempDir Path data) {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        SettableClock clock = new SettableClock(T0);
        try (TestServer server = TestServer.startUp(db, data, clock).withStaff()) {
            assertThat(server.command(CALL_HANDLER, recordCall("C1")).status()).isEqualTo(200);
            assertThat(server.command(CALL_HANDLER, createIncident("CAD-1", "C1", "I")).status()).isEqualTo(200);
        }

        clock.set(T0.plus(Duration.ofHours(1)));
        try (TestServer server = TestServer.startUp(db, data, clock)) {
            Map<String, List<String>> due = deadlines(server.events());
            assertThat(due).containsEntry("IncidentUnresourced", List.of("2026-03-01T22:02:00Z"))
                    .containsEntry("AttendanceWarning", List.of("2026-03-01T22:11:15Z"))
                    .containsEntry("AttendanceBreached", List.of("2026-03-01T22:15:00Z"));
        }

        clock.advance(Duration.ofMinutes(5));
        try (TestServer server = TestServer.startUp(db, data, clock)) {
            assertThat(deadlines(server.events())).allSatisfy((type, ats) -> assertThat(ats).as(type).hasSize(1));
        }
    }

    @Test
    void aRunningServerFiresDeadlinesAsTheClockPassesThem(@TempDir Path data) {
        SettableClock clock = new SettableClock(T0);
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, clock).withStaff()) {
            assertThat(server.command(CALL_HANDLER, recordCall("C1")).status()).isEqualTo(200);
            assertThat(server.command(CALL_HANDLER, createIncident("CAD-1", "C1", "I")).status()).isEqualTo(200);

            clock.advance(Duration.ofMinutes(3)); // no command comes: the writer's own tick fires it
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> deadlines(server.events()).containsKey("IncidentUnresourced"));
            assertThat(deadlines(server.events()).get("IncidentUnresourced")).containsExactly("2026-03-01T22:02:00Z");
        }
    }

    /** Events the engine fired itself (no actor), by type, with the instants they carry. */
    private static Map<String, List<String>> deadlines(List<JsonNode> log) {
        return log.stream().filter(e -> !e.has("by")).collect(Collectors.groupingBy(e -> e.get("type").asString(),
                Collectors.mapping(e -> e.get("at").asString(), Collectors.toList())));
    }
}
