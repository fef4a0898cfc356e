package vigil.server.web.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link between a browser and the server (on the loopback address) that the test can cut: {@link #cut()} drops
 * every open connection and holds each new one unanswered, as a dead network does; {@link #restore()} lets the held
 * ones through and passes everything again. A browser that reaches the server through it can be cut off alone.
 */
public final class CuttableLink implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Socket> held = new ArrayList<>();
    private volatile boolean cut;
    private volatile boolean closed;

    private CuttableLink(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
        Thread.ofVirtual().name("cuttable-link").start(this::accept);
    }

    /** A link to {@code server} (its host and port) on a free loopback port. */
    public static CuttableLink to(URI server) {
        try {
            ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new CuttableLink(s, new InetSocketAddress(server.getHost(), server.getPort()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Where a browser goes to reach the server through this link. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    public synchronized void cut() {
        cut = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    public synchronized void restore() {
        cut = false;
        for (Socket s : held) {
            pass(s);
        }
        held.clear();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                synchronized (this) {
                    if (cut) {
                        held.add(client); // accepted, never answered: the browser waits, as on a dead network
                    } else {
                        pass(client);
                    }
                }
            } catch (IOException e) {
                if (!closed) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
    }

    private void pass(Socket client) {
        Thread.ofVirtual().start(() -> {
            try (Socket upstream = new Socket()) {
                upstream.connect(target, 5_000);
                open.add(client);
                open.add(upstream);
                Thread back = Thread.ofVirtual().start(() -> pump(upstream, client));
                pump(client, upstream);
                back.join();
            } catch (IOException e) {
                // the server went away: the browser sees its connection end
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                open.remove(client);
                closeQuietly(client);
            }
        });
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed or was cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(listener);
        cut();
        held.forEach(CuttableLink::closeQuietly);
        held.clear();
    }

    private static void closeQuietly(ServerSocket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
