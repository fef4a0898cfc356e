package vigil.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.demo.Shift.events;
import static vigil.server.demo.Shift.text;
import static vigil.server.testing.Commands.ADMIN;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * {@code ./vigil serve --demo --speed 1000} on a first start: the room opens as any first start opens it (the demo
 * room and its people), then the shift joins the roster through the log, once, and runs: calls are recorded and made
 * incidents by its call handler, units sent by its despatcher, acknowledged, driven, worked and cleared by their
 * crews, and incidents closed, every one a command in the log under its own actor. Left to itself, nothing it does is
 * refused. (What is checked is the log, not how long anything took.)
 */
class ADemoShiftRunsTheControlRoomThroughTheLog {

    @Test
    void callsBecomeIncidentsThatAreAttendedAndClosedEachStepACommandInTheLog(@TempDir Path data) {
        try (TestServer server = TestServer.start(Shift.settings(SharedPostgres.newDatabase(), 1000), data, null)) {
            server.awaitUp();

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
                List<JsonNode> log = server.events();
                return events(log, "IncidentClosed", Shift.DESPATCHER).stream()
                        .anyMatch(e -> text(e, "disposition").equals("RESOLVED"));
            });
            List<JsonNode> log = server.events();

            assertThat(events(log, "CallRecorded", Shift.CALL_HANDLER)).isNotEmpty()
                    .allSatisfy(e -> assertThat(text(e, "callId")).startsWith("DEMO-CALL-"));
            assertThat(events(log, "IncidentCreated", Shift.CALL_HANDLER)).isNotEmpty()
                    .allSatisfy(e -> assertThat(text(e, "incidentId")).startsWith("DEMO-"));
            JsonNode closed = events(log, "IncidentClosed", Shift.DESPATCHER).stream()
                    .filter(e -> text(e, "disposition").equals("RESOLVED")).findFirst().orElseThrow();
            String incident = text(closed, "incidentId");
            List<JsonNode> story = log.stream().filter(Shift.about(incident)).toList();
            assertThat(story).extracting(e -> text(e, "type")).as("the life of %s in the log", incident)
                    .containsSubsequence("IncidentCreated", "UnitAssigned", "AssignmentAcknowledged", "UnitArrived",
                            "UnitCleared", "IncidentClosed");
            JsonNode assigned = events(story, "UnitAssigned").getFirst();
            String unit = text(assigned, "unitId");
            assertThat(text(assigned, "by")).isEqualTo(Shift.DESPATCHER);
            assertThat(events(story, "AssignmentAcknowledged").getFirst().get("by").asString())
                    .as("the crew acknowledges as its unit").isEqualTo(unit);
            assertThat(events(story, "UnitArrived").getFirst().get("by").asString()).isEqualTo(unit);
            assertThat(events(story, "UnitCleared").getFirst().get("by").asString()).isEqualTo(unit);

            assertThat(events(log, "CommandRejected")).as("nothing the shift does alone is refused").isEmpty();
        }
    }

    @Test
    void theShiftJoinsTheRosterOnceBesideTheDemoRoomAndItsPeopleHaveAccounts(@TempDir Path data) {
        try (TestServer server = TestServer.start(Shift.settings(SharedPostgres.newDatabase(), 1000), data, null)) {
            server.awaitUp();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !events(server.events(), "CallRecorded", Shift.CALL_HANDLER).isEmpty());
            List<JsonNode> log = server.events();

            Set<String> model = DemoModel.load(null).units().stream().map(DemoModel.Unit::id)
                    .collect(Collectors.toSet());
            List<String> unitsAdded = events(log, "UnitAdded").stream().map(e -> text(e, "unitId")).toList();
            assertThat(unitsAdded).as("each unit of the model once, the demo room's among them")
                    .doesNotHaveDuplicates().containsAll(model).contains("SE-1", "CE-1");
            List<String> staffAdded = events(log, "StaffAdded").stream().map(e -> text(e, "staffId")).toList();
            assertThat(staffAdded).doesNotHaveDuplicates().containsAll(Shift.PEOPLE)
                    .as("the demo room's people are there to step in").contains("despatcher", "controller");
            assertThat(events(log, "StaffAdded").stream().filter(e -> Shift.PEOPLE.contains(text(e, "staffId"))))
                    .allSatisfy(e -> assertThat(text(e, "by")).isEqualTo("admin"));

            JsonNode accounts = server.get(ADMIN, "/api/staff").json();
            assertThat(accounts.valueStream().filter(a -> Shift.PEOPLE.contains(a.get("staffId").asString())))
                    .as("an account each, as an AddStaff gives, with no password: nobody logs in as them")
                    .hasSize(4).allSatisfy(a -> assertThat(a.get("hasPassword").asBoolean()).isFalse());
        }
    }
}
