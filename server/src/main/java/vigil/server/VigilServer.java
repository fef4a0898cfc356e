package vigil.server;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import vigil.server.db.Database;

/** {@code ./vigil serve}: the control room for real (contracts/api.md). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VigilServer {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(VigilServer.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.addListeners(new StartupMessage(new PrintStream(System.out, true, StandardCharsets.UTF_8)));
        ConfigurableApplicationContext ignored = app.run(args);
    }

    /** Says where the server listens and where its data is, once the port is known. */
    record StartupMessage(PrintStream out) implements ApplicationListener<WebServerInitializedEvent> {
        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            var ctx = event.getApplicationContext();
            if (!(ctx instanceof ConfigurableApplicationContext) || ctx.getParent() != null) {
                return;
            }
            VigilProperties p = ctx.getBean(VigilProperties.class);
            Database db = ctx.getBean(Database.class);
            out.println("Vigil is listening on http://localhost:" + event.getWebServer().getPort()
                    + "  (health: /actuator/health, commands: POST /api/commands)");
            out.println("  data:     " + p.dataDir().toAbsolutePath().normalize());
            out.println("  database: " + db.describe());
        }
    }
}
