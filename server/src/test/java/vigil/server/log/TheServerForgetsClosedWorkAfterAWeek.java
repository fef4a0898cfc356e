package vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.core.Span;
import vigil.server.config.VigilProperties;

/** Live state stays bounded in a server that runs for years: closed work leaves it after P7D unless told otherwise. */
class TheServerForgetsClosedWorkAfterAWeek {

    private static VigilProperties withPolicy(Path policy) {
        return new VigilProperties(0, Path.of("data"), policy, new VigilProperties.Db(null, null, null, null, null),
                null, false);
    }

    @Test
    void withoutAPolicyClosedIncidentsStayInLiveStateSevenDays() {
        assertThat(LogConfiguration.readPolicy(withPolicy(null)).retainClosedFor()).isEqualTo(Span.parse("P7D"));
    }

    @Test
    void aPolicyThatSaysOtherwiseIsFollowed(@TempDir Path dir) throws Exception {
        Path shortly = Files.writeString(dir.resolve("p.json"), "{\"retainClosedFor\":\"PT2H\"}");
        Path silent = Files.writeString(dir.resolve("q.json"), "{\"ackWithin\":\"PT3M\"}");

        assertThat(LogConfiguration.readPolicy(withPolicy(shortly)).retainClosedFor()).isEqualTo(Span.parse("PT2H"));
        assertThat(LogConfiguration.readPolicy(withPolicy(silent)).retainClosedFor()).isEqualTo(Span.parse("P7D"));
    }
}
