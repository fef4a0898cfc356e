package vigil.server.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;
import vigil.sim.replay.Replay;
import vigil.sim.report.Daris;
import vigil.sim.scenario.Scenario;
import vigil.sim.scenario.ScenarioReader;

/**
 * A worked scenario sent to a real server as a client would send it: the administrator puts its staff and units on
 * the roster, then each step is posted at its instant (the server's clock set to it), and the clock goes on to the
 * scenario's end so every deadline fires. Alongside, the same scenario replayed into the CLI's projection.
 */
final class ScenarioThroughTheApi {
    static final JsonMapper JSON = JsonMapper.builder().build();

    final Scenario scenario;
    final JsonNode raw;
    final Map<String, String> actors = new HashMap<>();

    ScenarioThroughTheApi(Path file) throws IOException {
        String text = Files.readString(file);
        this.scenario = ScenarioReader.parse(text);
        this.raw = JSON.readTree(text);
        for (JsonNode s : raw.get("staff")) {
            actors.put(s.get("id").asString(), Staff.actor(s.get("role").asString(), s.get("id").asString(),
                    s.has("bcu") ? s.get("bcu").asString() : null));
        }
        for (JsonNode u : raw.get("units")) {
            actors.put(u.get("id").asString(), Staff.actor("UNIT", u.get("id").asString(), null));
        }
    }

    /** The CLI's projection over the scenario's replay. */
    Daris cli() {
        Daris d = new Daris(scenario.policy());
        Replay.run(scenario, d::accept);
        return d;
    }

    /** Server settings for this scenario: its policy, when it has one, as VIGIL_POLICY. */
    Map<String, Object> settings(SharedPostgres.Db db, Path dir) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>(db.settings());
        if (raw.has("policy")) {
            Path policy = dir.resolve("policy.json");
            Files.writeString(policy, raw.get("policy").toString());
            s.put("vigil.policy", policy.toString());
        }
        return s;
    }

    /** Sends the roster and every step, then runs the clock to the end and waits for the reports to catch up. */
    void sendTo(TestServer server, SettableClock clock) {
        clock.set(scenario.start());
        for (JsonNode s : raw.get("staff")) {
            ObjectNode c = JSON.createObjectNode().put("do", "AddStaff").put("staffId", s.get("id").asString())
                    .put("role", s.get("role").asString());
            if (s.has("bcu")) {
                c.put("bcu", s.get("bcu").asString());
            }
            ok(server.command(Staff.ADMIN, c.toString()));
        }
        for (JsonNode u : raw.get("units")) {
            ObjectNode c = ((ObjectNode) u.deepCopy()).put("do", "AddUnit");
            c.remove("id");
            c.put("unitId", u.get("id").asString());
            ok(server.command(Staff.ADMIN, c.toString()));
        }
        for (JsonNode step : raw.get("steps")) {
            if (!step.has("do")) {
                continue;
            }
            clock.set(OffsetDateTime.parse(step.get("at").asString()).toInstant());
            ObjectNode c = (ObjectNode) step.deepCopy();
            c.remove("at");
            String by = c.remove("by").asString();
            TestServer.Response r = server.command(actors.getOrDefault(by, Staff.actor("CALL_HANDLER", by, null)),
                    c.toString());
            assertThat(r.status()).as("step %s: %s", step, r.body()).isLessThan(500);
        }
        clock.set(scenario.until());
        awaitCaughtUp(server);
    }

    /** Waits for the writer to fire what the clock made due, and for the follower to save all of it. */
    static void awaitCaughtUp(TestServer server) {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1_200)).until(() -> {
            long seq = server.writer().position().lastSeq();
            boolean settled = seq == last[0] && server.bean(ReportFollower.class).projectedUpTo() == seq;
            last[0] = seq;
            return settled;
        });
    }

    private static void ok(TestServer.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    static Instant at(String text) {
        return Instant.parse(text);
    }
}
