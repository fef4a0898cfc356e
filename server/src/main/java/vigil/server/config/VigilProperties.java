package vigil.server.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything a control room configures, from {@code VIGIL_*} environment variables (laptop defaults):
 * {@code VIGIL_PORT}, {@code VIGIL_DATA_DIR}, {@code VIGIL_POLICY}, {@code VIGIL_DB_URL}, {@code VIGIL_DB_USER},
 * {@code VIGIL_DB_PASSWORD}, {@code VIGIL_DB_OWNER}, {@code VIGIL_DB_OWNER_PASSWORD}, {@code VIGIL_CHECKPOINT_DIR},
 * {@code VIGIL_DEMO}, {@code VIGIL_SMTP_*}, {@code VIGIL_AUDIT_EMAIL}, {@code VIGIL_DEMO_SHIFT}, {@code VIGIL_DEMO_SPEED},
 * {@code VIGIL_DEMO_MODEL}, {@code VIGIL_SNAPSHOT_EVERY}, {@code VIGIL_LIVE_*}, {@code VIGIL_PAGE_IDLE}.
 *
 * @param port     the HTTP port
 * @param dataDir  where the embedded PostgreSQL, demo users and keys live
 * @param policy   a JSON file holding a scenario {@code policy} object; absent, the Metropolitan defaults
 * @param db       an external PostgreSQL instead of the embedded one
 * @param checkpointDir where {@code checkpoints.log} is written (another disk, ideally); absent, the data directory
 * @param demo     whether the first start of an empty install adds the demo roster (the administrator's account is
 *                 created either way)
 * @param smtp     where notices are mailed; without a host, the mailbox alone serves (docs/adr/080)
 * @param auditEmail where each signed checkpoint is mailed too (with SMTP), so a copy lives outside the database
 * @param demoShift whether a synthetic shift runs in the room ({@code ./vigil serve --demo}, docs/adr/100)
 * @param demoSpeed how many times faster than real time the shift's calls, travel and work go, 0.1 to 1000
 *                  ({@code --speed N}; the engine's deadlines stay on the real clock, docs/adr/101)
 * @param demoModel a simulation model (contracts/simulate.md) for the shift; absent, the built-in London shift
 * @param snapshotEvery events between engine snapshots (docs/adr/052)
 * @param live     the live stream's bounds and heartbeat (docs/adr/070)
 * @param pageIdle how long a page's login lasts with nothing sent from it ({@code VIGIL_PAGE_IDLE}, at least a minute;
 *                 a page showing the board sends nothing while it only watches)
 */
@ConfigurationProperties("vigil")
public record VigilProperties(
        @DefaultValue("8080") int port,
        @DefaultValue("./data") Path dataDir,
        Path policy,
        @DefaultValue Db db,
        Path checkpointDir,
        @DefaultValue("true") boolean demo,
        @DefaultValue Smtp smtp,
        String auditEmail,
        @DefaultValue("false") boolean demoShift,
        @DefaultValue("1") double demoSpeed,
        Path demoModel,
        @DefaultValue(SNAPSHOT_EVERY) long snapshotEvery,
        @DefaultValue Live live,
        @DefaultValue(PAGE_IDLE) Duration pageIdle) {
    /** Events between engine snapshots unless {@code VIGIL_SNAPSHOT_EVERY} says otherwise (ADR 052). */
    public static final String SNAPSHOT_EVERY = "100000";
    /** How long a page's login lasts idle unless {@code VIGIL_PAGE_IDLE} says otherwise: Spring's own default. */
    public static final String PAGE_IDLE = "PT30M";

    /** The settings bound from the environment (the record's own components). */
    @ConstructorBinding
    public VigilProperties {
        smtp = smtp == null ? new Smtp(null, 587, null, null, null, true) : smtp;
        live = live == null ? Live.DEFAULTS : live;
        pageIdle = pageIdle == null ? Duration.parse(PAGE_IDLE) : pageIdle;
    }

    /** The settings without mail (no SMTP, no audit address) and without a demo shift, as a tool or a test gives them. */
    public VigilProperties(int port, Path dataDir, Path policy, Db db, Path checkpointDir, boolean demo) {
        this(port, dataDir, policy, db, checkpointDir, demo, null, null, false, 1, null, Long.parseLong(SNAPSHOT_EVERY),
                null, null);
    }

    /** The signed checkpoints of the log's chain head (ADR 050). */
    public Path checkpointsLog() {
        return (checkpointDir != null ? checkpointDir : dataDir).resolve("checkpoints.log");
    }

    /**
     * The settings as a command line tool sees them: the {@code VIGIL_*} environment variables (and {@code vigil.*}
     * system properties), bound exactly as the server binds them.
     */
    public static VigilProperties fromEnvironment() {
        return org.springframework.boot.context.properties.bind.Binder.get(
                new org.springframework.core.env.StandardEnvironment()).bindOrCreate("vigil", VigilProperties.class);
    }

    /**
     * The SMTP server notices are mailed through ({@code VIGIL_SMTP_HOST}, {@code _PORT}, {@code _USER},
     * {@code _PASSWORD}, {@code _FROM}, {@code _STARTTLS}). STARTTLS, by default, is required: a server that does not
     * offer it gets no mail rather than mail in the clear.
     */
    public record Smtp(String host, @DefaultValue("587") int port, String user, String password, String from,
                       @DefaultValue("true") boolean starttls) {
        public boolean configured() {
            return host != null && !host.isBlank();
        }

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", user=" + user + ", from=" + from + ", starttls="
                    + starttls + "]"; // never the password
        }
    }

    /**
     * The live stream ({@code VIGIL_LIVE_HEARTBEAT}, {@code _BUFFER}, {@code _MAX_SUBSCRIBERS}, {@code _MAX_CATCH_UP},
     * {@code _MAX_PER_READER}); the defaults serve a control room (docs/adr/070).
     */
    public record Live(@DefaultValue("PT10S") Duration heartbeat, @DefaultValue("10000") int buffer,
                       @DefaultValue("5000") int maxSubscribers, @DefaultValue("100000") int maxCatchUp,
                       @DefaultValue("32") int maxPerReader) {
        static final Live DEFAULTS = new Live(Duration.ofSeconds(10), 10_000, 5_000, 100_000, 32);
    }

    /**
     * An external PostgreSQL. {@code user} is the role the server runs as: it must be allowed to INSERT and SELECT the
     * log and nothing more (docs/operations.md). {@code owner} owns the schema; given, migrations run as it at start.
     */
    public record Db(String url, String user, String password, String owner, String ownerPassword) {
        public boolean external() {
            return url != null && !url.isBlank();
        }

        @Override
        public String toString() {
            return "Db[url=" + url + ", user=" + user + ", owner=" + owner + "]"; // never the passwords
        }
    }
}
