package vigil.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.Commands;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * A client that opens its connections at once sends its first requests together, each with the same credentials.
 * bcrypt is checked once for all of them (about 100 ms of CPU each would otherwise be paid sixteen times), every one of
 * them gets in, and the check is counted for the operator ({@code vigil_logins_checked_total}, by outcome).
 */
class RequestsArrivingTogetherCheckAPasswordOnce {
    private static final int TOGETHER = 16;

    @Test
    void sixteenFirstRequestsOneCheck(@TempDir Path data) throws Exception {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null)) {
            server.addStaff("ch9", "CALL_HANDLER", "SE");
            double before = checked(server, "right");

            List<Integer> statuses = together(server, "ch9");

            assertThat(statuses).as("every one gets in").hasSize(TOGETHER).containsOnly(200);
            assertThat(checked(server, "right") - before).as("one bcrypt check for all of them").isEqualTo(1);
        }
    }

    @Test
    void aWrongPasswordIsCountedAsWrongAndLetsNoOneIn(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null)) {
            server.addStaff("ch9", "CALL_HANDLER", "SE");
            double before = checked(server, "wrong");
            server.login().remember("ch9", "not-the-password");

            TestServer.Response r = server.get("ch9", "/api/units");

            assertThat(r.status()).isEqualTo(401);
            assertThat(checked(server, "wrong") - before).isEqualTo(1);
        }
    }

    /** {@code GET /api/units} as {@code who}, {@link #TOGETHER} times at once: the statuses. */
    private static List<Integer> together(TestServer server, String who) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(TOGETHER)) {
            for (int i = 0; i < TOGETHER; i++) {
                answers.add(clients.submit(() -> {
                    go.await();
                    return server.get(who, "/api/units").status();
                }));
            }
            go.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> a : answers) {
                out.add(a.get());
            }
            return out;
        }
    }

    /** The scraped count of password checks with {@code outcome}. */
    private static double checked(TestServer server, String outcome) {
        TestServer.Response r = server.get(Commands.ADMIN, "/actuator/prometheus");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Matcher m = Pattern.compile("(?m)^vigil_logins_checked_total\\{outcome=\"" + outcome + "\"} (\\S+)$")
                .matcher(r.body());
        assertThat(m.find()).as("vigil_logins_checked_total in%n%s", r.body()).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
