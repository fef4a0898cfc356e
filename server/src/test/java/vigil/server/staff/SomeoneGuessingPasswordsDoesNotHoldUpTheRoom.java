package vigil.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * Anyone who can reach the port may send wrong passwords, with no login, and each costs a bcrypt check (about 100 ms
 * of CPU). Audit 6: eight such clients at once held a despatcher's read of the units (whose login was long checked and
 * remembered) for 19 to 60 s when it came on a new connection, until the guessing stopped: the checks filled every
 * carrier thread of the server's virtual threads, so nothing else ran. Now at most half the cores check passwords at
 * once; the room's work goes on.
 */
class SomeoneGuessingPasswordsDoesNotHoldUpTheRoom {
    private static final int GUESSERS = 16;
    private static final int GUESSES_EACH = 25;
    private static final int READS = 10;

    @Test
    void aDespatchersReadsAreAnsweredWhileWrongPasswordsPourIn(@TempDir Path data) throws Exception {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null)) {
            server.addStaff("dsp9", "DESPATCHER", "SE");
            assertThat(server.get("dsp9", "/api/units").status()).as("logged in once, so remembered").isEqualTo(200);

            AtomicBoolean despatcherDone = new AtomicBoolean();
            AtomicInteger guessed = new AtomicInteger();
            List<Future<List<Integer>>> guessers = new ArrayList<>();
            int readsAnswered = 0;
            int guessedWhenDone;
            try (ExecutorService pool = Executors.newFixedThreadPool(GUESSERS)) {
                for (int g = 0; g < GUESSERS; g++) {
                    int me = g;
                    guessers.add(pool.submit(() -> {
                        List<Integer> statuses = new ArrayList<>();
                        for (int i = 0; i < GUESSES_EACH && !despatcherDone.get(); i++) {
                            statuses.add(server.send(HttpRequest.newBuilder(server.base().resolve("/api/units"))
                                    .header("Authorization", basic("admin", "guess-" + me + "-" + i)).GET()).status());
                            guessed.incrementAndGet();
                        }
                        return statuses;
                    }));
                }
                while (guessed.get() < GUESSERS) { // the guessing is under way (and goes on) before the reads start
                    Thread.onSpinWait();
                }
                for (int i = 0; i < READS; i++) {
                    if (readOnANewConnection(server, "dsp9") == 200) {
                        readsAnswered++;
                    }
                }
                guessedWhenDone = guessed.get();
                despatcherDone.set(true);
                for (Future<List<Integer>> f : guessers) {
                    assertThat(f.get()).as("a guess never gets in: refused, or asked to come back later")
                            .allSatisfy(s -> assertThat(s).isIn(401, 503));
                }
            }

            assertThat(readsAnswered).isEqualTo(READS);
            assertThat(guessedWhenDone).as("the despatcher was answered while the guessing went on, not after it")
                    .isLessThan(GUESSERS * GUESSES_EACH);
        }
    }

    /** {@code GET /api/units} as {@code who} on a connection of its own, as a terminal's first request comes. */
    private static int readOnANewConnection(TestServer server, String who) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest.Builder r = HttpRequest.newBuilder(server.base().resolve("/api/units")).GET();
            return client.send(server.login().as(r, who).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
