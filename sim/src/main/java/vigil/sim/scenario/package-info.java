/** Reading and checking scenario files (contracts/scenario.md) into commands for the engine. */
package vigil.sim.scenario;
