/**
 * The simulation model file (contracts/simulate.md): reading and checking it, and the values it holds (zones, units,
 * call mix, service times, travel, dispatch and divert rules). Uses {@code vigil.sim.json} for checked field access
 * and the core's {@code Policy}; knows nothing of how a run goes.
 */
package vigil.sim.model;
