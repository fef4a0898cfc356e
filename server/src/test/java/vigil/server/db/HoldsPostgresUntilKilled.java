package vigil.server.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Run as its own process by a test: starts the embedded PostgreSQL, writes the probe value given as its second
 * argument (if any), says so, and waits to be killed.
 */
public final class HoldsPostgresUntilKilled {
    private HoldsPostgresUntilKilled() {}

    public static void main(String[] args) throws InterruptedException, SQLException {
        LocalPostgres pg = LocalPostgres.start(Path.of(args[0]));
        if (args.length > 1) {
            try (Connection c = pg.connect(LocalPostgres.SUPERUSER, "postgres"); Statement s = c.createStatement()) {
                s.execute("create table if not exists probe (v text)");
                s.execute("delete from probe");
                s.execute("insert into probe values ('" + args[1].replace("'", "''") + "')");
            }
        }
        System.out.println("ready " + pg.process().pid());
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
