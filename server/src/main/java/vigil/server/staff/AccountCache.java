package vigil.server.staff;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The account rows as last read, so that a login does not cost a round trip to the database on every request
 * (docs/adr/054), kept only while a connection of its own LISTENs on {@code staff_account_changed}: a trigger on
 * {@code staff_account} (migration {@code R__staff_account_changed}) names each row changed, by this server, another or
 * anyone with SQL, and the row is forgotten when its notice arrives. This server forgets a row it changes itself
 * before the change returns. While the listening connection is down nothing is kept, and every login reads the table
 * as before; when it is back, everything is forgotten (what changed meanwhile was not heard).
 */
@Component
class AccountCache implements SmartLifecycle {
    static final String CHANNEL = "staff_account_changed";
    /** A notice naming every row: the table was truncated. */
    static final String EVERY_ROW = "*";
    /** Unknown usernames are kept too (a failed login reads nothing twice); past this many rows, nothing more is. */
    private static final int MAX_ROWS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(AccountCache.class);

    private final DataSource dataSource;
    private final Map<String, Optional<StaffAccounts.Stored>> rows = new ConcurrentHashMap<>();
    /** Bumped by every forgetting, so a read that raced a change never keeps what it read (guarded by this). */
    private long generation;
    /** Whether a connection listens now: only then are rows kept. */
    private volatile boolean listening;
    private volatile boolean running;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    AccountCache(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The row for {@code username}: kept, or read with {@code read} (and kept, if nothing changed meanwhile). */
    Optional<StaffAccounts.Stored> get(String username, Function<String, Optional<StaffAccounts.Stored>> read) {
        if (!listening) {
            return read.apply(username);
        }
        Optional<StaffAccounts.Stored> kept = rows.get(username);
        if (kept != null) {
            return kept;
        }
        long before;
        synchronized (this) {
            before = generation;
        }
        Optional<StaffAccounts.Stored> now = read.apply(username);
        synchronized (this) {
            if (listening && generation == before && rows.size() < MAX_ROWS) {
                rows.put(username, now);
            }
        }
        return now;
    }

    /** Forgets one row (or all, for {@link #EVERY_ROW}). */
    synchronized void forget(String username) {
        generation++;
        if (EVERY_ROW.equals(username)) {
            rows.clear();
        } else {
            rows.remove(username);
        }
    }

    private synchronized void forgetAll(boolean nowListening) {
        generation++;
        rows.clear();
        listening = nowListening;
    }

    // --- the listening connection -------------------------------------------------------------------------------

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("vigil-account-changes").daemon(true).start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        stopped.countDown();
        forgetAll(false);
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean warned = false;
        while (running) {
            // A pooled connection held for as long as it listens (the pool never hands it to anyone else meanwhile).
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("listen " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                forgetAll(true);
                warned = false;
                while (running) {
                    PGNotification[] notices = pg.getNotifications(5_000);
                    if (notices != null && notices.length > 0) {
                        for (PGNotification n : notices) {
                            forget(n.getParameter());
                        }
                    } else if (!c.isValid(2)) {
                        throw new SQLException("the connection listening for account changes is gone");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                forgetAll(false);
                if (running && !warned) {
                    log.warn("account changes cannot be heard ({}): every login reads the accounts until they can",
                            e.getMessage());
                    warned = true;
                }
            }
            try {
                if (stopped.await(1, TimeUnit.SECONDS)) { // a second between tries; at once when stopping
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
