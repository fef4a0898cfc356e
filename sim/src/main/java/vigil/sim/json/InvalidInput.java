package vigil.sim.json;

/**
 * A file (or request body) that is not what its contract says. The message is one line naming where and which field;
 * {@link #field()} is that field's name when one is to blame, else {@code null}.
 */
public final class InvalidInput extends RuntimeException {
    private final String field;

    public InvalidInput(String message) {
        this(message, null);
    }

    public InvalidInput(String message, String field) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
