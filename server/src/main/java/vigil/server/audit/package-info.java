/**
 * The audit of the event log: signed checkpoints of the chain's head, written every hour and at shutdown
 * ({@link vigil.server.audit.Checkpointer}, each handed to every {@link vigil.server.audit.CheckpointListener}), and
 * {@code ./vigil verify-audit} ({@link vigil.server.audit.VerifyAudit}), which checks the whole chain and every
 * checkpoint, so a log rewritten with recomputed hashes is still caught (ADR 050). Uses the log (its chain and the
 * writer's position), the database and the configuration.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit", allowedDependencies = {"log", "db", "config"})
package vigil.server.audit;
