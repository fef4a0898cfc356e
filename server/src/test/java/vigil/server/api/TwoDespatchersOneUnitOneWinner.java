package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.testing.Commands.ADMIN;
import static vigil.server.testing.Commands.CALL_HANDLER;
import static vigil.server.testing.Commands.DESPATCHER;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.Commands;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * Two despatchers see the same free unit and send it, each to their own incident, at the same moment, a hundred times
 * over: each time exactly one wins; the other is answered 409 problem+json with reason {@code UNIT_COMMITTED} and the
 * seq of its recorded refusal, and the unit is committed once.
 */
class TwoDespatchersOneUnitOneWinner {
    private static final String OTHER_DESPATCHER = "DESPATCHER dsp2 SE";
    private static final int ROUNDS = 100;

    @Test
    void exactlyOneWinsAndTheOtherIsToldTheUnitIsCommitted(@TempDir Path data) throws Exception {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff();
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            ok(server.command(ADMIN, Commands.addStaff("dsp2", "DESPATCHER", "SE")));
            all(clients, ROUNDS, i -> server.command(ADMIN, Commands.addUnit("R" + i, "RC" + i)));
            all(clients, 2 * ROUNDS, i -> server.command(CALL_HANDLER, Commands.recordCall("RACE-" + i)));
            all(clients, 2 * ROUNDS, i -> server.command(CALL_HANDLER,
                    Commands.createIncident("CAD-R" + i, "RACE-" + i, "S")));

            for (int round = 0; round < ROUNDS; round++) {
                String unit = "R" + round;
                String mineTo = "CAD-R" + (2 * round);
                String theirsTo = "CAD-R" + (2 * round + 1);
                CountDownLatch go = new CountDownLatch(1);
                Future<TestServer.Response> mine = clients.submit(() -> {
                    go.await();
                    return server.command(DESPATCHER, assign(mineTo, unit));
                });
                Future<TestServer.Response> theirs = clients.submit(() -> {
                    go.await();
                    return server.command(OTHER_DESPATCHER, assign(theirsTo, unit));
                });
                go.countDown();
                List<TestServer.Response> answers = List.of(mine.get(), theirs.get());

                assertThat(answers).as("round %d: one winner", round).filteredOn(r -> r.status() == 200).hasSize(1);
                TestServer.Response loser = answers.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
                assertThat(loser.status()).as(loser.body()).isEqualTo(409);
                assertThat(loser.contentType()).startsWith("application/problem+json");
                assertThat(loser.json().get("reason").asString()).isEqualTo("UNIT_COMMITTED");
                assertThat(loser.json().get("detail").asString()).contains(unit);
                assertThat(loser.json().get("seq").asLong()).isPositive();
            }

            List<JsonNode> log = server.events();
            for (int round = 0; round < ROUNDS; round++) {
                String unit = "R" + round;
                assertThat(log).as("%s committed once", unit).filteredOn(e -> e.get("type").asString()
                        .equals("UnitAssigned") && e.get("unitId").asString().equals(unit)).hasSize(1);
            }
            assertThat(log).filteredOn(e -> e.get("type").asString().equals("CommandRejected")
                    && e.get("reason").asString().equals("UNIT_COMMITTED")).hasSize(ROUNDS);
        }
    }

    private static String assign(String incident, String unit) {
        return "{\"do\":\"AssignUnit\",\"incidentId\":\"" + incident + "\",\"unitId\":\"" + unit + "\"}";
    }

    /** Sends {@code n} commands, 16 at a time, each answered 200. */
    private static void all(ExecutorService clients, int n, Function<Integer, TestServer.Response> send)
            throws Exception {
        List<Future<TestServer.Response>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            sent.add(clients.submit(() -> send.apply(k)));
            if (sent.size() == 16 || i == n - 1) {
                for (Future<TestServer.Response> f : sent) {
                    ok(f.get());
                }
                sent.clear();
            }
        }
    }

    private static void ok(TestServer.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
