package vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.server.log.Writer;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * Two servers on one database (audit 7, finding 9): the one that writes says it is listening; the second, whose
 * writer role another server holds, says in its start-up block that it stands by, whose server writes, and that it
 * takes over when that one stops, not the writer's words.
 */
class AStandbyServerSaysSoAsItStarts {

    @Test
    void theSecondServersStartupBlockSaysItStandsBy(@TempDir Path one, @TempDir Path two) {
        SharedPostgres.Db db = SharedPostgres.newDatabase();
        ByteArrayOutputStream firstSaid = new ByteArrayOutputStream();
        ByteArrayOutputStream secondSaid = new ByteArrayOutputStream();
        try (TestServer first = start(db, one, firstSaid)) {
            first.awaitUp();
            try (TestServer second = start(db, two, secondSaid)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> second.writer().state().phase()
                        == Writer.Phase.STANDBY);
                String writer = firstSaid.toString(StandardCharsets.UTF_8);
                String standby = secondSaid.toString(StandardCharsets.UTF_8);
                assertThat(writer).startsWith("Vigil is listening on http://localhost:").doesNotContain("standing by");
                assertThat(standby).as(standby).startsWith("Vigil is standing by on http://localhost:")
                        .doesNotContain("Vigil is listening")
                        .contains("  standby:  another Vigil server holds the writer role on this database (")
                        .contains("this server takes over when that one stops");
            }
        }
    }

    private static TestServer start(SharedPostgres.Db db, Path dataDir, ByteArrayOutputStream said) {
        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put("startupMessage", new VigilServer.StartupMessage(new PrintStream(said, true,
                StandardCharsets.UTF_8)));
        return TestServer.start(db.settings(), dataDir, null, beans);
    }
}
