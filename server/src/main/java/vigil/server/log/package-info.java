/**
 * The durable event log: the {@code event} table (append-only, SHA-256 chained), idempotency keys, and the
 * {@link vigil.server.log.Writer}, the one thread that owns the engine, decides commands in batches and commits each
 * batch in one transaction before answering. The only module that touches {@link vigil.core.engine.Engine}. Uses the
 * database module and the clock (as a {@link java.time.InstantSource}); exposes {@code Writer},
 * {@link vigil.server.log.EventLog} for reads of the committed log, {@link vigil.server.log.Chain} and the answer
 * types.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Event log", allowedDependencies = {"db", "config"})
package vigil.server.log;
