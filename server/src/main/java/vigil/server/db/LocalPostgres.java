package vigil.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 (zonky's binaries) whose cluster lives in {@code DATA_DIR/pg} and survives restarts. Vigil runs
 * the binaries itself rather than through zonky's launcher, because PostgreSQL refuses to run as root and these
 * machines (and CI) are root: as root, {@code initdb} and {@code postgres} run under {@code unshare -U}, where they are
 * an unprivileged user that owns the data directory (ADR 030). As anyone else they run as they are.
 *
 * <p>While it runs, a lock on {@code DATA_DIR/pg.lock} says this process owns the cluster; a second server on the same
 * data directory is refused. A PostgreSQL left behind by a server that was killed is stopped, and a stale
 * {@code postmaster.pid} removed, before the next start. It listens on 127.0.0.1 only, on a free port, with
 * scram-sha-256 passwords kept in {@code DATA_DIR/pg-passwords} (mode 600) for three roles: the superuser
 * {@code postgres}, {@code vigil_owner} (owns the schema, runs migrations) and {@code vigil_app} (what the server
 * uses: INSERT and SELECT on the log).
 */
public final class LocalPostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

    public static final String DATABASE = "vigil";
    public static final String OWNER = "vigil_owner";
    public static final String APP = "vigil_app";
    static final String SUPERUSER = "postgres";

    /** A role and its password. */
    public record Login(String user, String password) {
        @Override
        public String toString() {
            return user; // never the password
        }
    }

    private final Path dataDir;
    private final Path pgdata;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final Map<String, String> passwords;
    private final Launcher launcher;
    private volatile Process process;
    private final int port;
    private boolean closed;
    /** Times PostgreSQL died under the server and was started again. */
    private int restarts;

    private LocalPostgres(Path dataDir, FileChannel lockFile, FileLock lock, Map<String, String> passwords,
                          Launcher launcher, Process process, int port) {
        this.launcher = launcher;
        this.dataDir = dataDir;
        this.pgdata = dataDir.resolve("pg");
        this.lockFile = lockFile;
        this.lock = lock;
        this.passwords = passwords;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts (creating on first use) the cluster under {@code dataDir}; returns once it accepts connections. The caller
     * closes it (the server does after its last connection is closed; a JVM shutdown hook would race with that).
     */
    public static LocalPostgres start(Path dataDir) {
        long t0 = System.nanoTime();
        Path dir = dataDir.toAbsolutePath().normalize();
        FileChannel lockFile = null;
        try {
            Files.createDirectories(dir);
            lockFile = FileChannel.open(dir.resolve("pg.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockFile.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null; // held by this very process
            }
            if (lock == null) {
                throw new IllegalStateException("another Vigil server is running on the data directory " + dir
                        + " (its embedded PostgreSQL is in use); stop it, or give this one another VIGIL_DATA_DIR,"
                        + " or point both at one external PostgreSQL with VIGIL_DB_URL");
            }
            Path binaries = PostgresBinaries.unpacked();
            Launcher launcher = Launcher.forThisUser(binaries);
            Map<String, String> passwords = passwords(dir);
            Path pgdata = dir.resolve("pg");
            boolean created = false;
            if (!Files.exists(pgdata.resolve("PG_VERSION"))) {
                initdb(launcher, dir, pgdata, passwords.get(SUPERUSER));
                created = true;
            }
            clearStalePostmaster(pgdata);
            int port = freePort();
            Process p = postgres(launcher, dir, port);
            LocalPostgres pg = new LocalPostgres(dir, lockFile, lock, passwords, launcher, p, port);
            try {
                pg.awaitReady(p);
                pg.ensureRolesAndDatabase();
                pg.watch(p);
            } catch (RuntimeException e) {
                pg.close();
                throw e;
            }
            log.info("embedded PostgreSQL {} on 127.0.0.1:{}, data in {} ({}{} ms)", PostgresBinaries.VERSION, port,
                    pgdata, created ? "created, " : "", (System.nanoTime() - t0) / 1_000_000);
            return pg;
        } catch (IOException e) {
            closeQuietly(lockFile);
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(lockFile);
            throw e;
        }
    }

    private static Process postgres(Launcher launcher, Path dir, int port) throws IOException {
        return launcher.start(dir.resolve("postgres.log"), "postgres", "-D", dir.resolve("pg").toString(),
                "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=");
    }

    /**
     * PostgreSQL is part of the server: if it dies under us (killed, crashed), it is started again on the same port,
     * so the writer and the pool reconnect to the same URL; its WAL recovery brings back everything committed.
     */
    private void watch(Process p) {
        p.onExit().thenRunAsync(this::restart, r -> Thread.ofPlatform().name("vigil-postgres-watch").daemon(true)
                .start(r));
    }

    private void restart() {
        boolean said = false;
        while (true) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (!said) {
                    log.warn("embedded PostgreSQL (pid {}) stopped unexpectedly (exit {}); starting it again on port {}",
                            process.pid(), process.exitValue(), port);
                    said = true;
                }
                Process p = null;
                try {
                    clearStalePostmaster(pgdata);
                    p = postgres(launcher, dataDir, port);
                    process = p;
                    awaitReady(p);
                    restarts++;
                    log.warn("embedded PostgreSQL is back (pid {}, restart {})", p.pid(), restarts);
                    watch(p);
                    return;
                } catch (IOException | RuntimeException e) {
                    // its old processes may still hold the shared memory for a moment: try again shortly
                    if (p != null && p.isAlive()) {
                        p.destroyForcibly();
                    }
                    log.debug("restarting PostgreSQL: {}", e.getMessage());
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /**
     * The embedded database of {@code dataDir}, for a tool that reads it ({@code ./vigil verify-audit}) whether or not
     * a server is running: the running server's PostgreSQL (its port is in {@code postmaster.pid}), or else one
     * started for the purpose and stopped again when the answer is closed.
     */
    public static Opened open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path pgdata = dir.resolve("pg");
        if (!Files.exists(pgdata.resolve("PG_VERSION"))) {
            throw new IllegalStateException("no Vigil database in " + dir + " (VIGIL_DATA_DIR): nothing to read");
        }
        if (!inUse(dir)) {
            LocalPostgres pg = start(dir);
            return new Opened(pg.url(DATABASE), pg.app(), pg.superuser(), pg);
        }
        try {
            Map<String, String> passwords = passwords(dir);
            List<String> pid = Files.readAllLines(pgdata.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            int port = Integer.parseInt(pid.get(3).trim()); // postmaster.pid: pid, data directory, start time, port
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
            return new Opened(url, new Login(APP, passwords.get(APP)), new Login(SUPERUSER, passwords.get(SUPERUSER)),
                    null);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("a Vigil server holds " + dir + " but its PostgreSQL cannot be found ("
                    + e.getMessage() + "); try again once it is up", e);
        }
    }

    /** Whether a live process holds the data directory's lock (a server, or a tool that started its database). */
    private static boolean inUse(Path dir) {
        try (FileChannel ch = FileChannel.open(dir.resolve("pg.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true; // held by this very process
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lock of " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A way into an embedded database: its URL and roles, and the PostgreSQL started for it, if one was. */
    public record Opened(String url, Login app, Login superuser, LocalPostgres started) implements AutoCloseable {
        @Override
        public void close() {
            if (started != null) {
                started.close();
            }
        }
    }

    public int port() {
        return port;
    }

    /** The cluster's data directory ({@code DATA_DIR/pg}). */
    public Path dataDirectory() {
        return pgdata;
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Login owner() {
        return new Login(OWNER, passwords.get(OWNER));
    }

    public Login app() {
        return new Login(APP, passwords.get(APP));
    }

    public Login superuser() {
        return new Login(SUPERUSER, passwords.get(SUPERUSER));
    }

    /** The PostgreSQL server process (the postmaster). */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** Stops PostgreSQL (fast shutdown: a clean checkpoint) and releases the data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process.isAlive()) {
            signal(process.pid(), "INT");
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    log.warn("PostgreSQL did not stop within 30 s; killing it (it recovers from its WAL on start)");
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            lock.release();
        } catch (IOException | RuntimeException e) {
            // the channel is closed next either way
        }
        closeQuietly(lockFile);
    }

    // --- starting ---------------------------------------------------------------------------------------------------

    private static Map<String, String> passwords(Path dir) throws IOException {
        Path file = dir.resolve("pg-passwords");
        Map<String, String> out = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] kv = line.trim().split("\\s+");
                if (kv.length == 2) {
                    out.put(kv[0], kv[1]);
                }
            }
            for (String role : List.of(SUPERUSER, OWNER, APP)) {
                if (!out.containsKey(role)) {
                    throw new IllegalStateException(file + " has no password for " + role);
                }
            }
            return out;
        }
        if (Files.exists(dir.resolve("pg/PG_VERSION"))) {
            throw new IllegalStateException(file + " is missing, so the embedded PostgreSQL in " + dir.resolve("pg")
                    + " cannot be opened");
        }
        SecureRandom random = new SecureRandom();
        StringBuilder text = new StringBuilder();
        for (String role : List.of(SUPERUSER, OWNER, APP)) {
            byte[] b = new byte[24];
            random.nextBytes(b);
            out.put(role, HexFormat.of().formatHex(b));
            text.append(role).append(' ').append(out.get(role)).append('\n');
        }
        writePrivate(file, text.toString());
        return out;
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** initdb into a side folder, moved into place when complete: a crash part-way leaves no half cluster. */
    private static void initdb(Launcher launcher, Path dir, Path pgdata, String superuserPassword) throws IOException {
        Path side = dir.resolve("pg.initdb");
        PostgresBinaries.deleteTree(side);
        Path pwfile = dir.resolve("pg.initdb-password");
        writePrivate(pwfile, superuserPassword + "\n");
        try {
            Path out = dir.resolve("initdb.log");
            Process p = launcher.start(out, "initdb", "-D", side.toString(), "-U", SUPERUSER, "--pwfile=" + pwfile,
                    "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions");
            int code = p.waitFor();
            if (code != 0) {
                throw new IllegalStateException("initdb failed (exit " + code + "): " + tail(out) + launcher.hint());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the database cluster");
        } finally {
            Files.deleteIfExists(pwfile);
        }
        PostgresBinaries.deleteTree(pgdata);
        Files.move(side, pgdata, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * A server killed without stopping its PostgreSQL leaves it running (or leaves its {@code postmaster.pid}). We hold
     * the data directory's lock, so no live Vigil owns that PostgreSQL: stop it, then remove the stale file.
     */
    static void clearStalePostmaster(Path pgdata) throws IOException {
        Path pidFile = pgdata.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException e) {
            Files.deleteIfExists(pidFile);
            return;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent() && h.get().isAlive() && !zombie(pid) && isPostgresOn(h.get(), pgdata)) {
            log.warn("stopping PostgreSQL (pid {}) left running on {} by a server that did not shut down", pid, pgdata);
            List<ProcessHandle> family = new ArrayList<>(h.get().descendants().toList());
            family.add(h.get());
            h.get().destroy(); // SIGTERM: its clients died with their server, so it stops at once
            awaitExit(family, 30);
            if (family.stream().anyMatch(p -> p.isAlive() && !zombie(p.pid()))) {
                family.forEach(ProcessHandle::destroyForcibly);
                awaitExit(family, 10);
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static void awaitExit(List<ProcessHandle> processes, int seconds) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (ProcessHandle p : processes) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                if (zombie(p.pid())) {
                    continue; // exited; only waiting for its parent to reap it
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean isPostgresOn(ProcessHandle h, Path pgdata) {
        ProcessHandle.Info info = h.info();
        String command = info.command().orElse("");
        String args = String.join(" ", info.arguments().orElse(new String[0]));
        return command.endsWith("/postgres") && args.contains(pgdata.toString());
    }

    /** True when Linux says the process has exited and waits to be reaped (its pid still looks alive). */
    private static boolean zombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = Files.readString(stat);
            int k = s.lastIndexOf(')');
            return k > 0 && k + 2 < s.length() && s.charAt(k + 2) == 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady(Process process) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL stopped while starting (exit " + process.exitValue()
                        + "): " + tail(dataDir.resolve("postgres.log")));
            }
            try {
                connect(SUPERUSER, "postgres").close();
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS); // a pause that ends early if it dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for PostgreSQL");
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within 60 s: "
                + (last == null ? "" : last.getMessage()) + "; " + tail(dataDir.resolve("postgres.log")));
    }

    Connection connect(String role, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", role);
        p.setProperty("password", passwords.get(role));
        p.setProperty("connectTimeout", "2");
        return DriverManager.getConnection(url(database), p);
    }

    private void ensureRolesAndDatabase() {
        try (Connection c = connect(SUPERUSER, "postgres"); Statement s = c.createStatement()) {
            for (String role : List.of(OWNER, APP)) {
                try (var rs = s.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")) {
                    if (!rs.next()) {
                        // Passwords are hex: nothing in them needs quoting.
                        s.execute("create role " + role + " login password '" + passwords.get(role) + "'");
                    }
                }
            }
            try (var rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("create database " + DATABASE + " owner " + OWNER + " encoding 'UTF8'");
                    s.execute("revoke all on database " + DATABASE + " from public");
                    s.execute("grant connect, temporary on database " + DATABASE + " to " + APP);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the embedded database: " + e.getMessage(), e);
        }
    }

    /** Creates another database owned by {@code vigil_owner} that {@code vigil_app} may connect to (tests). */
    public void createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = connect(SUPERUSER, "postgres"); Statement s = c.createStatement()) {
            s.execute("create database " + name + " owner " + OWNER + " encoding 'UTF8'");
            s.execute("revoke all on database " + name + " from public");
            s.execute("grant connect, temporary on database " + name + " to " + APP);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // no kill(1): fall back to SIGTERM, PostgreSQL's smart shutdown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    /** How the binaries are run: directly, or (as root) inside a user namespace. */
    private record Launcher(Path binaries, List<String> prefix, boolean root) {
        static Launcher forThisUser(Path binaries) {
            List<String> prefix = new ArrayList<>();
            // Its own session, so a Ctrl-C at the terminal reaches the server, which then stops PostgreSQL in order.
            findOnPath("setsid").ifPresent(p -> prefix.add(p.toString()));
            boolean root = isRoot();
            if (root) {
                Path unshare = findOnPath("unshare").orElseThrow(() -> new IllegalStateException(
                        "PostgreSQL refuses to run as root and unshare(1) is missing: install util-linux, run Vigil"
                                + " as an ordinary user, or use an external PostgreSQL (VIGIL_DB_URL)"));
                prefix.add(unshare.toString());
                prefix.add("-U");
            }
            return new Launcher(binaries, List.copyOf(prefix), root);
        }

        Process start(Path output, String program, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(prefix);
            cmd.add(binaries.resolve("bin").resolve(program).toString());
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().put("LC_ALL", "C");
            return pb.start();
        }

        String hint() {
            return root ? " (running as root: PostgreSQL runs under 'unshare -U'; if user namespaces are disabled here,"
                    + " run Vigil as an ordinary user or use an external PostgreSQL with VIGIL_DB_URL)" : "";
        }

        private static boolean isRoot() {
            try {
                return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return "root".equals(System.getProperty("user.name"));
            }
        }

        private static Optional<Path> findOnPath(String name) {
            String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
            List<String> dirs = new ArrayList<>(List.of(path.split(java.io.File.pathSeparator)));
            dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
            for (String d : dirs) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }
}
