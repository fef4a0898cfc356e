package vigil.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vigil.server.testing.Commands.CALL_HANDLER;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.testing.Commands;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.SseClient;
import vigil.server.testing.TestServer;

/**
 * An operator's Prometheus scrapes {@code /actuator/prometheus}: commands decided (a counter, for commands/s), commands
 * per batch, commit latency, the writer's queue and the live stream's subscribers, and how far behind the log the
 * notifier, the reports' read tables and the mail are (a follower that stopped is seen there).
 */
class TheServerIsMeasuredForPrometheus {

    @Test
    void commandsBatchesCommitsQueueAndSubscribersAreScraped(@TempDir Path data) {
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data, null).withStaff();
             SseClient stream = SseClient.open(server, "/api/events/stream", CALL_HANDLER)) {
            double before = value(scrape(server), "vigil_commands_total");
            for (int i = 0; i < 5; i++) {
                assertThat(server.command(CALL_HANDLER, Commands.recordCall("M" + i)).status()).isEqualTo(200);
            }

            String text = scrape(server);
            assertThat(value(text, "vigil_commands_total")).isEqualTo(before + 5);
            assertThat(value(text, "vigil_batch_commands_count")).isGreaterThanOrEqualTo(1);
            assertThat(value(text, "vigil_batch_commands_sum")).isGreaterThanOrEqualTo(before + 5);
            assertThat(text).contains("vigil_batch_commands_bucket{");
            assertThat(value(text, "vigil_commit_seconds_count")).isGreaterThanOrEqualTo(1);
            assertThat(text).contains("vigil_commit_seconds_bucket{");
            assertThat(value(text, "vigil_writer_queue")).isGreaterThanOrEqualTo(0);
            assertThat(value(text, "vigil_live_subscribers")).as("the open %s", stream.contentType()).isEqualTo(1);
            assertThat(value(text, "vigil_live_dropped_total")).isEqualTo(0);

            TestServer.Response notAdmin = server.get(Commands.CALL_HANDLER, "/actuator/prometheus");
            assertThat(notAdmin.status()).as("how busy the room is, only for the administrator").isEqualTo(403);
            assertThat(notAdmin.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void followersThatStopAreSeenFallingBehindAndCatchingUp(@TempDir Path data) {
        Map<String, Object> settings = new LinkedHashMap<>(SharedPostgres.newDatabase().settings());
        settings.put("vigil.notices.follow", false); // the notifier and the reports' follower are not running
        settings.put("vigil.reports.follow", false);
        try (TestServer server = TestServer.start(settings, data, null)) {
            server.awaitUp();
            server.withStaff();
            for (int i = 0; i < 5; i++) {
                assertThat(server.command(CALL_HANDLER, Commands.recordCall("B" + i)).status()).isEqualTo(200);
            }

            String text = scrape(server);
            assertThat(value(text, "vigil_notices_behind")).isGreaterThanOrEqualTo(5);
            assertThat(value(text, "vigil_reports_behind")).isGreaterThanOrEqualTo(5);
            assertThat(value(text, "vigil_mail_pending")).as("no SMTP, no mail").isZero();
        }
        try (TestServer server = TestServer.startUp(SharedPostgres.newDatabase(), data.resolve("following"), null)
                .withStaff()) {
            assertThat(server.command(CALL_HANDLER, Commands.recordCall("C1")).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String text = scrape(server);
                assertThat(value(text, "vigil_notices_behind")).isZero();
                assertThat(value(text, "vigil_reports_behind")).isZero();
            });
        }
    }

    private static String scrape(TestServer server) {
        TestServer.Response r = server.get(Commands.ADMIN, "/actuator/prometheus");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        return r.body();
    }

    /** The sample {@code name} (without labels, or the first with them). */
    private static double value(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? (\\S+)$").matcher(text);
        assertThat(m.find()).as("%s in%n%s", name, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

}
