package vigil.core.engine;

/**
 * {@link Engine#restore} cannot use these bytes: another format version, another policy, or bytes that are cut
 * short or damaged. Nothing is lost: rebuild the engine from the event log instead ({@link Engine#rebuild}).
 */
public final class SnapshotRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SnapshotRefused(String message) {
        super(message);
    }

    SnapshotRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
