/** Replaying a scenario through the engine under a virtual clock. */
package vigil.sim.replay;
