package vigil.server.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TempDirs;
import vigil.server.testing.TestServer;
import vigil.server.web.browser.Browser;

/**
 * A demo control room for browser stories: a real server on its own database with the demo roster (one login per role,
 * named after it: {@code call-handler}, {@code despatcher}, {@code controller}, ...; units {@code SE-1}... and
 * {@code CE-1}...), and the API beside the pages for what a story sets up or checks.
 */
final class WebRoom implements AutoCloseable {
    private final TestServer server;
    private final Path data;

    private WebRoom(TestServer server, Path data) {
        this.server = server;
        this.data = data;
    }

    static WebRoom open(Map<String, Object> extra) {
        try {
            Path data = Files.createTempDirectory("vigil-web");
            Map<String, Object> settings = new LinkedHashMap<>(SharedPostgres.newDatabase().settings());
            settings.put("vigil.demo", true);
            settings.putAll(extra);
            TestServer server = TestServer.start(settings, data, null);
            server.awaitUp();
            return new WebRoom(server, data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    TestServer server() {
        return server;
    }

    String password(String username) {
        return server.login().password(username);
    }

    /** A browser logged in as {@code username} (a demo login), reaching the server directly. */
    Browser browser(String username) {
        return browser(username, server.base());
    }

    /** A browser logged in as {@code username}, reaching the server through {@code base} (e.g. a cuttable link). */
    Browser browser(String username, java.net.URI base) {
        Browser b = Browser.open(base, username);
        try {
            return b.logIn(username, password(username));
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
    }

    /** A command through the API as {@code username}; fails the story unless it is accepted. */
    JsonNode command(String username, String body) {
        TestServer.Response r = server.command(username, body);
        if (r.status() != 200) {
            throw new AssertionError(body + " as " + username + ": " + r.status() + " " + r.body());
        }
        return r.json();
    }

    JsonNode get(String username, String path) {
        TestServer.Response r = server.get(username, path);
        if (r.status() != 200) {
            throw new AssertionError("GET " + path + " as " + username + ": " + r.status() + " " + r.body());
        }
        return r.json();
    }

    long lastSeq() {
        return server.writer().position().lastSeq();
    }

    /** A call and its incident, recorded by the call handler. */
    void incident(String id, String grade, String address) {
        command("call-handler", "{\"do\":\"RecordCall\",\"callId\":\"C-" + id + "\",\"address\":\"" + address
                + "\",\"location\":{\"lat\":51.50,\"lon\":-0.09}}");
        command("call-handler", "{\"do\":\"CreateIncident\",\"incidentId\":\"" + id + "\",\"callId\":\"C-" + id
                + "\",\"grade\":\"" + grade + "\",\"type\":\"Test\"}");
    }

    @Override
    public void close() {
        server.close();
        TempDirs.delete(data);
    }
}
