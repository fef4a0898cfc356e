package vigil.server;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import vigil.server.audit.VerifyAudit;
import vigil.server.config.VigilProperties;
import vigil.server.db.Database;
import vigil.server.demo.DemoSettings;
import vigil.server.log.Writer;
import vigil.sim.json.Fields;
import vigil.sim.json.InvalidInput;
import vigil.sim.json.JsonFiles;
import vigil.sim.scenario.PolicyReader;

/** {@code ./vigil serve}: the control room for real (contracts/api.md). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VigilServer {
    /** Exit code for a setting that is not valid (as for any bad input to the launcher). */
    static final int INVALID_INPUT = 2;

    public static void main(String[] args) {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (args.length > 0 && args[0].equals("verify-audit")) {
            System.exit(verifyAudit(args, err));
        }
        String setting = settingsProblem();
        if (setting != null) {
            err.println("vigil: " + setting);
            System.exit(INVALID_INPUT);
        }
        String policy = System.getenv("VIGIL_POLICY");
        if (policy != null && !policy.isBlank()) {
            try { // read here first, so a bad policy file is one line, not a failed start-up
                PolicyReader.read(new Fields(JsonFiles.parse(JsonFiles.read(Path.of(policy))), "VIGIL_POLICY"));
            } catch (InvalidInput e) {
                err.println("vigil: " + e.getMessage());
                System.exit(INVALID_INPUT);
            }
        }
        String demo = demoProblem();
        if (demo != null) {
            err.println("vigil: " + demo);
            System.exit(INVALID_INPUT);
        }
        SpringApplication app = new SpringApplication(VigilServer.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.addListeners(new StartupMessage(new PrintStream(System.out, true, StandardCharsets.UTF_8)));
        try {
            app.run(args);
        } catch (RuntimeException e) {
            err.println("vigil: cannot start: " + reason(e));
            System.exit(1);
        }
    }

    /**
     * What is wrong with a setting, or null: every setting README names is bound into {@link VigilProperties} here, as
     * the server binds it, so that a value that is none is one line naming it, not a failed start-up in Spring's words
     * (audit 7).
     */
    static String settingsProblem() {
        VigilProperties p;
        try {
            p = VigilProperties.fromEnvironment();
        } catch (BindException e) {
            String value = e.getProperty() == null ? "" : "'" + e.getProperty().getValue() + "' is not ";
            return variable(e.getName().toString()) + " is not valid: " + value
                    + words(e.getTarget().getType().resolve(Object.class));
        }
        if (p.port() < 0 || p.port() > 65_535) {
            return "VIGIL_PORT must be a number from 0 to 65535, not " + p.port();
        }
        if (p.pageIdle().compareTo(Duration.ofMinutes(1)) < 0) {
            return "VIGIL_PAGE_IDLE must be at least a minute (e.g. 30m or PT12H), not " + p.pageIdle();
        }
        if (Files.exists(p.dataDir()) && !Files.isDirectory(p.dataDir())) {
            return "VIGIL_DATA_DIR is not a directory: " + p.dataDir().toAbsolutePath().normalize();
        }
        if (p.checkpointDir() != null && Files.exists(p.checkpointDir()) && !Files.isDirectory(p.checkpointDir())) {
            return "VIGIL_CHECKPOINT_DIR is not a directory: " + p.checkpointDir().toAbsolutePath().normalize();
        }
        return null;
    }

    /** {@code vigil.smtp.port} as the environment variable an operator sets: {@code VIGIL_SMTP_PORT}. */
    private static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_");
    }

    private static String words(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration (e.g. 10s or PT10S)";
        }
        return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** What is wrong with the demo shift's settings, when {@code VIGIL_DEMO_SHIFT} asks for one, or null. */
    static String demoProblem() {
        String asked = System.getenv("VIGIL_DEMO_SHIFT");
        if (asked == null || asked.isBlank()) {
            return null;
        }
        try {
            return DemoSettings.problem(VigilProperties.fromEnvironment());
        } catch (org.springframework.boot.context.properties.bind.BindException e) { // e.g. a speed that is no number
            String variable = e.getName().toString().toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_");
            return variable + " is not valid: " + reason(e);
        } catch (RuntimeException e) {
            return "a setting is not valid: " + reason(e);
        }
    }

    /** {@code ./vigil verify-audit}: the settings of {@code serve}, no options; its one line is all it prints. */
    static int verifyAudit(String[] args, PrintStream err) {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.OFF);
        if (args.length > 1) {
            err.println("vigil: verify-audit takes no arguments (it reads VIGIL_DATA_DIR, VIGIL_CHECKPOINT_DIR and"
                    + " VIGIL_DB_*), not '" + args[1] + "'");
            return INVALID_INPUT;
        }
        VigilProperties p;
        try {
            p = VigilProperties.fromEnvironment();
        } catch (RuntimeException e) {
            err.println("vigil: verify-audit: a setting is not valid: " + reason(e));
            return INVALID_INPUT;
        }
        return VerifyAudit.run(p, new PrintStream(System.out, true, StandardCharsets.UTF_8), err);
    }

    /**
     * What went wrong, without the frames that carried it: Vigil's own words where it said something (the outermost
     * failure thrown by Vigil's code), else the deepest message (a port in use, a refused connection).
     */
    static String reason(Throwable e) {
        String deepest = String.valueOf(e.getMessage());
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof PortInUseException p) { // its own words name no port ("Address already in use")
                return "port " + p.getPort() + " is in use by another program: stop it, or give this server another"
                        + " port (--port N or VIGIL_PORT)";
            }
            StackTraceElement[] at = c.getStackTrace();
            if (c.getMessage() != null && at.length > 0 && at[0].getClassName().startsWith("vigil.")) {
                return c.getMessage();
            }
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                deepest = c.getMessage();
            }
        }
        return deepest.lines().findFirst().orElse(deepest);
    }

    /**
     * Says where the server listens and where its data is, once the port is known, and whether it stands by: a second
     * server on one database waits for the writer role (audit 7, finding 9). The writer asks for the role as it
     * starts, before the port is open; should it not have had its answer within {@link #ELECTION_WAIT} (a slow
     * database), the standby's line follows the block when it has.
     */
    record StartupMessage(PrintStream out) implements ApplicationListener<WebServerInitializedEvent> {
        static final Duration ELECTION_WAIT = Duration.ofSeconds(5);

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            var ctx = event.getApplicationContext();
            if (!(ctx instanceof ConfigurableApplicationContext) || ctx.getParent() != null) {
                return;
            }
            VigilProperties p = ctx.getBean(VigilProperties.class);
            Database db = ctx.getBean(Database.class);
            Writer writer = ctx.getBean(Writer.class);
            Boolean writes = writer.elected().completeOnTimeout(null, ELECTION_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .join();
            int port = event.getWebServer().getPort();
            if (Boolean.FALSE.equals(writes)) {
                out.println("Vigil is standing by on http://localhost:" + port + "  (health: /actuator/health says"
                        + " OUT_OF_SERVICE, commands are answered 503, until it writes)");
                out.println("  standby:  " + standby(writer));
            } else {
                out.println("Vigil is listening on http://localhost:" + port
                        + "  (health: /actuator/health, commands: POST /api/commands)");
            }
            out.println("  log in:   as a member of staff: HTTP Basic on /api (curl -u USERNAME:PASSWORD ...), the form at"
                    + " /login for pages");
            out.println("  accounts: " + p.dataDir().resolve("demo-users.txt").toAbsolutePath().normalize()
                    + " (the first start's: ROLE username password a line, readable by its owner only)");
            out.println("  data:     " + p.dataDir().toAbsolutePath().normalize());
            out.println("  database: " + db.describe());
            out.println("  notices:  " + ctx.getBean(vigil.server.notice.Notices.class).describe());
            String demo = DemoSettings.describe(p);
            if (demo != null) {
                out.println("  demo:     " + demo);
            }
            if (writes == null) {
                writer.elected().thenAccept(w -> {
                    if (!w) {
                        out.println("Vigil is standing by on http://localhost:" + port + ": " + standby(writer));
                    }
                });
            }
        }

        private static String standby(Writer writer) {
            String why = writer.state().why().replaceFirst("^standby: ", "");
            return why + "; this server takes over when that one stops";
        }
    }
}
