package vigil.server.notice;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server on a socket of its own, small enough to misbehave on demand: while {@link #busy} it answers
 * {@code MAIL FROM} with {@code 451} (a pause about the server, not about anyone's mailbox), and it may greet a
 * connection with something other than {@code 220} and hang up; it always answers
 * {@code RCPT TO} for an address in {@code refused} with {@code 450} (that one mailbox is unavailable). It counts the
 * connections and the {@code MAIL FROM}s it was sent, and keeps the recipients of every mail it took, in order.
 */
final class TinySmtp implements AutoCloseable {
    static final String BUSY = "451 4.3.2 System not accepting network messages, try again later";

    volatile boolean busy = true;
    /** What a connection is greeted with; a greeting other than 220 is followed by hanging up. */
    volatile String greeting = "220 tiny.example ESMTP";
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger mailFroms = new AtomicInteger();
    final List<String> taken = new CopyOnWriteArrayList<>();
    private final Set<String> refused;
    private final ServerSocket socket;
    private final Thread acceptor;

    TinySmtp(Set<String> refused) {
        this.refused = refused;
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = Thread.ofPlatform().name("tiny-smtp").daemon().start(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.incrementAndGet();
                Thread.ofPlatform().daemon().start(() -> talk(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void talk(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream out = s.getOutputStream()) {
            String hello = greeting;
            say(out, hello);
            if (!hello.startsWith("220")) {
                return;
            }
            String to = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO", "HELO" -> say(out, "250 tiny.example");
                    case "MAIL" -> {
                        mailFroms.incrementAndGet();
                        say(out, busy ? BUSY : "250 2.1.0 Ok");
                    }
                    case "RCPT" -> {
                        String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                        boolean no = refused.contains(address);
                        to = no ? to : address;
                        say(out, no ? "450 4.2.1 Mailbox busy, try again later" : "250 2.1.5 Ok");
                    }
                    case "DATA" -> {
                        say(out, "354 End data with <CR><LF>.<CR><LF>");
                        for (String d = in.readLine(); d != null && !d.equals("."); d = in.readLine()) {
                            // the message itself is not kept
                        }
                        taken.add(to);
                        say(out, "250 2.0.0 Ok: queued");
                    }
                    case "QUIT" -> {
                        say(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> say(out, "250 2.0.0 Ok"); // RSET, NOOP
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void say(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
            acceptor.join(5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
