package vigil.sim.despatch;

/** The despatch queue passed its bound: the model's calls outrun its units, and a run would only eat memory. */
public final class Overloaded extends RuntimeException {
    Overloaded(String message) {
        super(message, null, false, false);
    }
}
