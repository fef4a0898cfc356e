package vigil.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.Commands;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.SseClient;
import vigil.server.testing.TestServer;

/**
 * The server holds a bounded number of live streams ({@code VIGIL_LIVE_MAX_SUBSCRIBERS}, 5,000 by default), and each
 * page keeps one open. Audit 6: a call handler's login opened streams until there were no more, and every other
 * page in the room (the despatchers' boards) was refused its stream and went stale. One reader may now hold only so
 * many at once ({@code VIGIL_LIVE_MAX_PER_READER}, 32 by default: a person's tabs, a unit's terminal), and the rest
 * stay for everyone else.
 */
class OneLoginCannotTakeEveryLiveStream {

    @Test
    void aCallHandlerOpeningStreamsWithoutEndLeavesTheDespatchersTheirs(@TempDir Path data) {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        Map<String, Object> settings = new LinkedHashMap<>(db.settings());
        settings.put("vigil.live.max-subscribers", 10);
        settings.put("vigil.live.max-per-reader", 4);
        try (TestServer server = TestServer.start(settings, data, null)) {
            server.awaitUp();
            server.withStaff();
            List<HttpResponse<InputStream>> opened = new ArrayList<>();
            try {
                HttpResponse<InputStream> refused = null;
                for (int i = 0; i < 10 && refused == null; i++) {
                    HttpResponse<InputStream> r = SseClient.connect(server, "/api/events/stream",
                            Commands.CALL_HANDLER, Map.of());
                    if (r.statusCode() == 200) {
                        opened.add(r);
                    } else {
                        refused = r;
                    }
                }

                assertThat(opened).as("the call handler's streams").hasSize(4);
                assertThat(refused).isNotNull();
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(body(refused)).contains("ch1 has its maximum of 4 live streams open");

                HttpResponse<InputStream> despatcher = SseClient.connect(server, "/api/events/stream",
                        Commands.DESPATCHER, Map.of());
                opened.add(despatcher);
                assertThat(despatcher.statusCode()).as("the despatcher's board still gets its stream").isEqualTo(200);
            } finally {
                opened.forEach(r -> close(r.body()));
            }
        }
    }

    private static String body(HttpResponse<InputStream> r) {
        try (InputStream in = r.body()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException ignored) {
            // the stream is being given up: nothing to tell
        }
    }
}
