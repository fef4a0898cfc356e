/**
 * The engine: a single-writer, deterministic state machine. {@link vigil.core.engine.Engine} is the public face
 * (submit a command at an instant, advance the clock, rebuild from events); {@link vigil.core.engine.Queries}
 * answers questions about live state. Everything else is package-private (ADR 011 says why it is one package):
 * the state ({@code Room} and the {@code ...State} classes, changed only in {@code Room.apply}, which hands each
 * event to {@code IncidentChanges} or {@code SchemeChanges}); the deadline rules ({@code Deadlines}); one handler per
 * area of commands ({@code CallHandling}, {@code Despatch}, {@code DivertProtocol}, {@code SchemeLifecycle},
 * {@code Administration}); the indexes kept beside the room ({@code UnitFinder}, {@code SchemeMatching},
 * {@code CallerHistory}). Uses only {@link vigil.core} and libphonenumber.
 */
package vigil.core.engine;
