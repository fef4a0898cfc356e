/**
 * The simulated control-room staff and crews: a call handler who records each call and creates its incident, a
 * despatcher who assigns units by the model's rule and keeps the queue of calls waiting, a controller and an inspector
 * who run the divert protocol (or, in the 2018 way, ignore it), and crews who acknowledge, travel, work and clear.
 * Everything they do goes to the engine as a command by a real roster member, so the engine's checks apply.
 * It needs only a {@link vigil.sim.despatch.ControlRoom} to send commands to and a
 * {@link vigil.sim.despatch.Scheduler} to wake it later, but it assumes it is the only one acting (any refusal stops
 * the run, ADR 007). Its choice of unit, {@link vigil.sim.despatch.DespatchRule}, asks only the engine's queries and
 * keeps no state: the server's demo shift, where people act too, asks it against the room as it stands. Uses the
 * core engine's commands, events and queries, {@code vigil.sim.model} and {@code vigil.sim.generate}.
 */
package vigil.sim.despatch;
