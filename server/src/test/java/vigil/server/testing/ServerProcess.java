package vigil.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A Vigil server run as its own process on the embedded database of {@code dataDir}, to be killed and restarted. */
public final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path dataDir;
    private final java.util.concurrent.BlockingQueue<String> said = new java.util.concurrent.LinkedBlockingQueue<>();
    private final PrintStream in;
    private final URI base;

    private ServerProcess(Process process, Path dataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        // Its stdout is drained all along (a full pipe would stall the server); "described" lines are handed over.
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon(true).name("server-process-out").start(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    System.out.println("[server " + port + "] " + line);
                    if (line.equals("described")) {
                        said.add(line);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            said.add("ended");
        });
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts it and waits until it accepts commands.  */
    public static ServerProcess start(Path dataDir, int port) {
        return start(dataDir, port, java.util.Map.of());
    }

    /** As {@link #start(Path, int)}, with more {@code VIGIL_*} settings in its environment. */
    public static ServerProcess start(Path dataDir, int port, java.util.Map<String, String> environment) {
        try {
            ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-ea:vigil...", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    RunsTheServerUntilKilled.class.getName());
            b.environment().put("VIGIL_DATA_DIR", dataDir.toString());
            b.environment().put("VIGIL_PORT", Integer.toString(port));
            b.environment().put("VIGIL_DEMO", "false"); // tests add whom they need
            b.environment().putAll(environment);
            b.redirectErrorStream(true);
            ServerProcess s = new ServerProcess(b.start(), dataDir, port);
            s.awaitUp();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI base() {
        return base;
    }

    /** How clients log in to it (the install is its data directory). */
    public Login login() {
        return new Login(Login.install(java.util.Map.of(), dataDir), dataDir, base);
    }

    private void awaitUp() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the server process exited " + process.exitValue());
            }
            try {
                return HTTP.send(HttpRequest.newBuilder(base.resolve("/actuator/health")).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** The engine's state as the server's writer holds it ({@code Queries.describe}). */
    public String describe() throws IOException {
        Path file = Files.createTempFile(dataDir.getParent(), "state", ".txt");
        in.println("describe " + file);
        String line;
        try {
            line = said.poll(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!"described".equals(line)) {
            throw new AssertionError("the server process ended before describing its state");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The pid of its embedded PostgreSQL (the postmaster). */
    public long postgresPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).getFirst().trim());
    }

    /** SIGKILL: no shutdown of any kind; its PostgreSQL is left running. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A clean stop (interrupted, it kills the process rather than leave it running). */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                in.println("stop");
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
