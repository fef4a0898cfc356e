package vigil.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a test client says who it is: HTTP Basic as a member of staff, the one place that knows how staff log in. Tests
 * name who they are as {@code "ROLE id [bcu]"} (e.g. {@link Commands#CALL_HANDLER}) or by id alone; only the id counts,
 * the account says the rest.
 *
 * <p>Passwords are an install's (a database, or an embedded database's data directory, however many servers it has):
 * the administrator's and the demo staff's are read from the demo-users.txt of the install's first server; whoever a
 * test adds through {@code /api/staff} is remembered with the password it was given. Someone a test put on the roster
 * with a bare {@code AddStaff} (or a unit acting for itself) has no password yet: the first request as them asks the
 * administrator for one through {@code /api/staff}, as a real administrator would give it.
 */
public final class Login {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Path> DEMO_USERS = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, String>> PASSWORDS = new ConcurrentHashMap<>();
    /** What is sent for someone who has no account: the server answers 401. */
    static final String NO_PASSWORD = "no-such-password";

    private final Path demoUsers;
    private final Map<String, String> passwords;
    private final URI base;

    /**
     * The login to the server at {@code base} of {@code install}, whose first server keeps demo-users.txt in
     * {@code dataDir}.
     */
    public Login(String install, Path dataDir, URI base) {
        this.demoUsers = DEMO_USERS.computeIfAbsent(install, k -> dataDir.resolve("demo-users.txt"));
        this.passwords = PASSWORDS.computeIfAbsent(install, k -> new ConcurrentHashMap<>());
        this.base = base;
    }

    /** An install on a database of its own, by its URL; one on the embedded database, by its data directory. */
    public static String install(Map<String, Object> settings, Path dataDir) {
        Object url = settings.get("vigil.db.url");
        return url != null ? url.toString() : dataDir.toAbsolutePath().normalize().toString();
    }

    /** {@code request}, sent as {@code who}; unchanged when {@code who} is null. */
    public HttpRequest.Builder as(HttpRequest.Builder request, String who) {
        return who == null ? request : request.header("Authorization", authorization(who));
    }

    public String authorization(String who) {
        return basic(id(who), password(who));
    }

    public static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The password of {@code who}: remembered, in demo-users.txt, or given now by the administrator. */
    public String password(String who) {
        String id = id(who);
        String known = passwords.get(id);
        if (known != null) {
            return known;
        }
        String listed = demoUsers().get(id);
        if (listed != null) {
            return listed;
        }
        if (id.equals("admin")) {
            return NO_PASSWORD;
        }
        String given = role(who).equals("UNIT") ? post("{\"role\":\"UNIT\",\"unitId\":\"" + id + "\"}")
                : put("/api/staff/" + id + "/password");
        if (given == null) {
            return NO_PASSWORD;
        }
        passwords.put(id, given);
        return given;
    }

    public void remember(String username, String password) {
        passwords.put(username, password);
    }

    /** The install's demo-users.txt by username (empty until its first server has written it). */
    public Map<String, String> demoUsers() {
        Map<String, String> out = new ConcurrentHashMap<>();
        try {
            if (Files.exists(demoUsers)) {
                for (String line : Files.readAllLines(demoUsers)) {
                    String[] f = line.split(" ");
                    if (f.length == 3) {
                        out.put(f[1], f[2]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public Path demoUsersFile() {
        return demoUsers;
    }

    private String put(String path) {
        return password(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private String post(String body) {
        return password(HttpRequest.newBuilder(base.resolve("/api/staff")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The password the administrator's request answers, or null when it could not (no such member, no writer). */
    private String password(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(as(request, "admin").timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() / 100 == 2 ? JSON.readTree(r.body()).get("password").asString() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The id in {@code "ROLE id [bcu]"}, or {@code who} itself. */
    static String id(String who) {
        String[] parts = who.trim().split("\\s+");
        return parts.length >= 2 ? parts[1] : parts[0];
    }

    private static String role(String who) {
        String[] parts = who.trim().split("\\s+");
        return parts.length >= 2 ? parts[0] : "";
    }
}
