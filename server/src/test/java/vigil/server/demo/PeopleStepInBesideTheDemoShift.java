package vigil.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.demo.Shift.byWhom;
import static vigil.server.demo.Shift.events;
import static vigil.server.demo.Shift.seq;
import static vigil.server.demo.Shift.text;
import static vigil.server.testing.Commands.ADMIN;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.core.Grade;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;
import vigil.sim.generate.CallGenerator;
import vigil.sim.generate.SyntheticCall;

/**
 * The shift's people act on the room as they find it, so a person logged in as a demo role can act first, or instead:
 * a despatcher who sends the nearest unit to a call before the simulated despatcher gets to it leaves it nothing to do,
 * and the unit's crew answers the person's assignment as it would its own; a simulated despatcher taken off the roster
 * is refused like anyone, once, and the rest of the shift goes on without it.
 */
class PeopleStepInBesideTheDemoShift {
    private static final String DESPATCHER = "despatcher"; // the demo room's own, a person
    private static final Instant T0 = Instant.parse("2026-03-02T20:00:00Z");

    @Test
    void aDespatcherWhoSendsTheNearestUnitFirstLeavesTheSimulatedOneNothingToDoAndTheCrewAnswers(@TempDir Path data) {
        SettableClock clock = new SettableClock(T0); // the room's time stands still until the story moves it
        try (TestServer server = TestServer.start(Shift.settings(SharedPostgres.newDatabase(), 1), data, clock)) {
            server.awaitUp();
            DemoShift shift = server.bean(DemoShift.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> shift.lastLook() != null);
            // The shift's first call that needs a unit: the same seeded calls, so the story knows when it rings. The
            // first of all rang as the shift opened, with the room's clock still at T0; the others keep their spacing.
            DemoModel model = DemoModel.load(null);
            CallGenerator calls = new CallGenerator(model.model(), model.model().seed());
            SyntheticCall first = calls.next();
            await().atMost(Duration.ofSeconds(60)).until(() -> server.events().stream().anyMatch(e ->
                    text(e, "type").equals("CallRecorded") && text(e, "callId").equals(CallHandler.callId(1))
                            && text(e, "at").equals(T0.toString())));
            SyntheticCall call = first;
            while (call.grade() == Grade.R) {
                call = calls.next();
            }
            String incident = CallHandler.incidentId(call.number());

            moveTo(server, clock, T0.plusNanos(call.offsetNanos() - first.offsetNanos()));
            JsonNode waiting = server.get(DESPATCHER, "/api/incidents/" + incident).json();
            assertThat(waiting.get("state").asString()).as("the call has just rung: its incident waits").isEqualTo(
                    "UNRESOURCED");
            String nearest = server.get(DESPATCHER, "/api/incidents/" + incident + "/recommendations").json()
                    .get("units").get(0).get("unitId").asString();
            TestServer.Response sent = server.command(DESPATCHER,
                    "{\"do\":\"AssignUnit\",\"incidentId\":\"" + incident + "\",\"unitId\":\"" + nearest + "\"}");
            assertThat(sent.status()).as(sent.body()).isEqualTo(200);

            for (int minute = 0; minute < 24 * 60 && !closed(server, incident); minute++) {
                moveTo(server, clock, clock.instant().plus(Duration.ofMinutes(1)));
            }

            List<JsonNode> story = server.events().stream().filter(Shift.about(incident)
                    .or(e -> incident.equals(text(e, "toIncidentId")))).toList();
            assertThat(story).extracting(e -> text(e, "type") + " by " + text(e, "by")).containsSubsequence(
                    "UnitAssigned by " + DESPATCHER,
                    "AssignmentAcknowledged by " + nearest,
                    "UnitArrived by " + nearest,
                    "UnitCleared by " + nearest,
                    "IncidentClosed by " + Shift.DESPATCHER);
            assertThat(story).as("the simulated despatcher sent nobody: the person had").noneMatch(e ->
                    byWhom(Shift.DESPATCHER).test(e) && !text(e, "type").equals("IncidentClosed"));
            assertThat(events(server.events(), "CommandRejected")).isEmpty();
        }
    }

    @Test
    void takenOffTheRosterTheSimulatedDespatcherIsRefusedLikeAnyoneOnceAndTheShiftGoesOn(@TempDir Path data) {
        try (TestServer server = TestServer.start(Shift.settings(SharedPostgres.newDatabase(), 1000), data, null)) {
            server.awaitUp();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> events(server.events(), "IncidentClosed", Shift.DESPATCHER).size() >= 2);

            TestServer.Response removed = server.send(server.login().as(HttpRequest.newBuilder(
                    server.base().resolve("/api/staff/" + Shift.DESPATCHER)).DELETE(), ADMIN));
            assertThat(removed.status()).as(removed.body()).isEqualTo(200);

            JsonNode refusal = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> events(server.events(), "CommandRejected", Shift.DESPATCHER).stream().findFirst(),
                            Optional::isPresent).orElseThrow();
            assertThat(text(refusal, "reason")).isEqualTo("NOT_PERMITTED");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                List<JsonNode> log = server.events();
                return events(log, "CallRecorded", Shift.CALL_HANDLER).stream()
                        .filter(e -> seq(e) > seq(refusal)).count() >= 3
                        && events(log, "UnitCleared").stream().anyMatch(e -> seq(e) > seq(refusal));
            });

            // A person despatches now: the crew answers them.
            String[] sent = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> waitingWithAUnitFree(server), Optional::isPresent).orElseThrow();
            TestServer.Response assigned = server.command(DESPATCHER,
                    "{\"do\":\"AssignUnit\",\"incidentId\":\"" + sent[0] + "\",\"unitId\":\"" + sent[1] + "\"}");
            assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    events(server.events(), "AssignmentAcknowledged", sent[1]).stream()
                            .anyMatch(Shift.about(sent[0])));

            List<JsonNode> log = server.events();
            assertThat(log.stream().filter(byWhom(Shift.DESPATCHER)).filter(e -> seq(e) >= seq(refusal)))
                    .as("stood down after one refusal: the log does not fill with them").singleElement();
        }
    }

    /** Sets the room's clock and waits until the shift has done everything due by then. */
    private static void moveTo(TestServer server, SettableClock clock, Instant t) {
        clock.set(t);
        DemoShift shift = server.bean(DemoShift.class);
        server.bean(Nudge.class).poke();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> !shift.lastLook().isBefore(t));
    }

    private static boolean closed(TestServer server, String incident) {
        return server.get(ADMIN, "/api/incidents/" + incident).json().get("state").asString().equals("CLOSED");
    }

    /** An open incident of the shift that needs a unit, and the nearest unit free for it. */
    private static Optional<String[]> waitingWithAUnitFree(TestServer server) {
        for (JsonNode i : server.get(DESPATCHER, "/api/incidents?open=true").json()) {
            String id = i.get("id").asString();
            if (id.startsWith(CallHandler.INCIDENT_PREFIX) && i.get("state").asString().equals("UNRESOURCED")
                    && !i.get("grade").asString().equals("R")) {
                JsonNode units = server.get(DESPATCHER, "/api/incidents/" + id + "/recommendations").json()
                        .get("units");
                if (!units.isEmpty()) {
                    return Optional.of(new String[] {id, units.get(0).get("unitId").asString()});
                }
            }
        }
        return Optional.empty();
    }
}
