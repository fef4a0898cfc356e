package vigil.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client as the WHATWG spec reads a stream: {@code id:}, {@code event:}, {@code data:} fields,
 * comment lines, a blank line ends an event. It keeps everything it reads, comments included, so a test can see the
 * wire. It never reconnects by itself: a test reconnects when its story says so.
 */
public final class SseClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** What was read: an event (id may be null), a comment, or the end of the stream. */
    public record Frame(String id, String event, String data, String comment) {
        public boolean isComment() {
            return comment != null;
        }

        public boolean isEnd() {
            return id == null && event == null && data == null && comment == null;
        }

        public long seq() {
            return Long.parseLong(id);
        }
    }

    private static final Frame END = new Frame(null, null, null, null);

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().name("sse-client").start(this::read);
    }

    /** Opens {@code path} as {@code who} (through {@link Login}), with these extra headers; fails unless 200. */
    public static SseClient open(TestServer server, String path, String who, Map<String, String> headers) {
        HttpResponse<InputStream> r = connect(server, path, who, headers);
        if (r.statusCode() != 200) {
            String body;
            try (InputStream in = r.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = e.toString();
            }
            throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + body);
        }
        return new SseClient(r);
    }

    public static SseClient open(TestServer server, String path, String who) {
        return open(server, path, who, Map.of());
    }

    /** The response to a stream request, whatever its status (for refusals). */
    public static HttpResponse<InputStream> connect(TestServer server, String path, String who,
                                                     Map<String, String> headers) {
        HttpRequest.Builder b = server.login().as(HttpRequest.newBuilder(server.base().resolve(path)).GET()
                .header("Accept", "text/event-stream"), who);
        headers.forEach(b::header);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        frames.add(new Frame(id, event == null ? "message" : event, data.toString(), null));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    frames.add(new Frame(null, null, null, line.substring(1).strip()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { } // retry and unknown fields: ignored, as the spec says
                    }
                }
            }
        } catch (IOException e) {
            // closed by us or the server: the end
        } finally {
            frames.add(END);
        }
    }

    /** The next frame (comments included), or {@code null} if none came within {@code wait}. */
    public Frame next(Duration wait) {
        try {
            return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The next event, skipping comments and the subscriber's own {@code notice} frames (asides without an id, not
     * events of the log: docs/adr/081); {@link Frame#isEnd()} when the stream ended; fails after {@code wait}.
     */
    public Frame nextEvent(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        while (true) {
            Frame f = next(Duration.ofNanos(Math.max(0, until - System.nanoTime())));
            if (f == null) {
                throw new AssertionError("no event within " + wait);
            }
            if (!f.isComment() && !(f.id() == null && "notice".equals(f.event()))) {
                return f;
            }
        }
    }

    /** Drops the connection, as a client that goes away does. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // gone already
        }
        reader.interrupt();
    }
}
