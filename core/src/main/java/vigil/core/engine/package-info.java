/**
 * The engine: a single-writer, deterministic state machine. {@link vigil.core.engine.Engine} is the public face
 * (submit a command at an instant, advance the clock, rebuild from events); {@link vigil.core.engine.Queries}
 * answers questions about live state. Everything else is package-private: the state ({@code Room}, where every
 * change is applied), the deadline queue, and one handler per area — {@code CallHandling}, {@code Despatch},
 * {@code DivertProtocol}, {@code Schemes}. Uses only {@link vigil.core} and libphonenumber.
 */
package vigil.core.engine;
