package vigil.server.db;

import java.nio.file.Path;

/** Run as its own process by a test: starts the embedded PostgreSQL, says so, and waits to be killed. */
public final class HoldsPostgresUntilKilled {
    private HoldsPostgresUntilKilled() {}

    public static void main(String[] args) throws InterruptedException {
        LocalPostgres pg = LocalPostgres.start(Path.of(args[0]));
        System.out.println("ready " + pg.process().pid());
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
