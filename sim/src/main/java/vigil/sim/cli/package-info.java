/** The {@code vigil} command line (picocli): exit 0 on success, 2 with one stderr line for bad input. */
package vigil.sim.cli;
