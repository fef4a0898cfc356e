/**
 * Synthetic calls: when they arrive (a Poisson process per zone, shaped by the hour of day), where (uniform in the
 * zone's disc), what grade and how long they will keep a unit. Usable on its own, e.g. to drive a live demo shift.
 * Uses {@code vigil.sim.model}; knows nothing of the engine or of despatch.
 */
package vigil.sim.generate;
