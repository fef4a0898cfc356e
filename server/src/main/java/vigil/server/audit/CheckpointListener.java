package vigil.server.audit;

/**
 * Told of each checkpoint once it is in {@code checkpoints.log} (e.g. to mail it off the machine, so that someone
 * holding the data directory and its key still cannot rewrite history unnoticed). Called on the checkpoint thread; a
 * listener that fails is logged and does not stop the next checkpoint.
 */
@FunctionalInterface
public interface CheckpointListener {
    void written(Checkpoint checkpoint);
}
