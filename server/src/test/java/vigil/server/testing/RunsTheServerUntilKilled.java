package vigil.server.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vigil.server.VigilServer;
import vigil.server.log.Writer;

/**
 * The server in a process of its own, as {@code ./vigil serve} runs it (settings from the environment), for tests that
 * kill it. It says {@code started} on stdout and then obeys lines on stdin: {@code describe FILE} writes the engine's
 * state (as the writer holds it) to FILE and says {@code described}; {@code stop} (or the end of stdin) stops it.
 */
public final class RunsTheServerUntilKilled {
    private RunsTheServerUntilKilled() {}

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(VigilServer.class)
                .properties(Map.of("logging.level.root", "warn")).run(args);
        System.out.println("started");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("describe ")) {
                String state = ctx.getBean(Writer.class).ask(q -> q.describe()).join();
                Files.writeString(Path.of(line.substring("describe ".length())), state, StandardCharsets.UTF_8);
                System.out.println("described");
                System.out.flush();
            } else if (line.equals("stop")) {
                break;
            }
        }
        ctx.close();
        System.exit(0);
    }
}
