/**
 * Benchmarks: plain harnesses that drive the engine (and later the simulator and schemes) and print figures.
 * They use {@code vigil.core} and {@code vigil.sim} through their public API only, and assert nothing: a benchmark
 * is not a test.
 */
package vigil.bench;
