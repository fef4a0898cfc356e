/**
 * Running a model (contracts/simulate.md): the virtual clock and its event queue, the real engine, the simulated
 * staff fed by the call generator, the figures they produce and the JSON summary. Uses {@code vigil.sim.model},
 * {@code vigil.sim.generate}, {@code vigil.sim.despatch} and the core engine.
 */
package vigil.sim.simulate;
