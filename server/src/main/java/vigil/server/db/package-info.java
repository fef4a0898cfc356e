/**
 * The database: the embedded PostgreSQL (zonky's binaries, run as root under {@code unshare -U}) or an external one,
 * the Flyway migrations that own the schema, and the check that the server's role may only INSERT and SELECT the log.
 * Exposes {@link vigil.server.db.Database} (a read pool and the writer's dedicated connections) and
 * {@link vigil.server.db.LocalPostgres}. Uses only the configuration; knows nothing of events or HTTP.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database", allowedDependencies = "config")
package vigil.server.db;
