package vigil.server.testing;

/** Every message down a chain of causes, one a line: what a failed start said, however Spring wrapped it. */
public final class Causes {
    private Causes() {}

    public static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            b.append(c.getMessage()).append('\n');
        }
        return b.toString();
    }
}
