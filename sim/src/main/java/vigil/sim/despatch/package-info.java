/**
 * The simulated control-room staff and crews: a call handler who records each call and creates its incident, a
 * despatcher who assigns units by the model's rule and keeps the queue of calls waiting, a controller and an inspector
 * who run the divert protocol (or, in the 2018 way, ignore it), and crews who acknowledge, travel, work and clear.
 * Everything they do goes to the engine as a command by a real roster member, so the engine's checks apply.
 * Usable on its own, e.g. by the server for a live demo shift: it needs only a {@link vigil.sim.despatch.ControlRoom}
 * to send commands to and a {@link vigil.sim.despatch.Scheduler} to wake it later. Uses the core engine's commands,
 * events and queries, {@code vigil.sim.model} and {@code vigil.sim.generate}.
 */
package vigil.sim.despatch;
