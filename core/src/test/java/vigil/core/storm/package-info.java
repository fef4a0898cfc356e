/**
 * Random command storms (VOPR-style) with a ledger that checks the engine's promises after every step. A storm is
 * fixed by its seed; a failure prints the seed ({@code -Dvigil.storm.seed=...} replays it) and the storm shrunk to
 * the steps that matter. {@code -Dvigil.storm.count=N} throws more storms.
 */
package vigil.core.storm;
