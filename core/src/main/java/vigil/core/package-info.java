/**
 * The control room's vocabulary: commands (imperative, each with its {@link vigil.core.Actor}), events (past
 * tense, the record), the force's {@link vigil.core.Policy}, grades, roles and reasons for refusal.
 * Depends on nothing but the JDK. The engine that decides commands lives in {@link vigil.core.engine}.
 */
package vigil.core;
