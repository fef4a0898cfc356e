/** Checked JSON input (one-line errors naming place and field) and the JSON-lines form of events. */
package vigil.sim.json;
