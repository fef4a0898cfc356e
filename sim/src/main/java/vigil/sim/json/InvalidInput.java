package vigil.sim.json;

/** A file that is not what its contract says. The message is one line naming where and which field. */
public final class InvalidInput extends RuntimeException {
    public InvalidInput(String message) {
        super(message, null, false, false);
    }
}
