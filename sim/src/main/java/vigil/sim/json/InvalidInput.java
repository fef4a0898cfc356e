package vigil.sim.json;

import java.nio.file.Path;

/** A file that is not what its contract says. The message is one line naming where and which field. */
public final class InvalidInput extends RuntimeException {
    private final boolean namesFile;

    public InvalidInput(String message) {
        this(message, false);
    }

    private InvalidInput(String message, boolean namesFile) {
        super(message, null, false, false);
        this.namesFile = namesFile;
    }

    /** A problem with the file itself ({@code x.json: no such file}); its message already names the file. */
    public static InvalidInput ofFile(Path file, String problem) {
        return new InvalidInput(file + ": " + problem, true);
    }

    /** The same problem, said of {@code file}: {@code x.json: step 3 (AssignUnit): field "unitId" is missing}. */
    public InvalidInput in(Path file) {
        return namesFile ? this : new InvalidInput(file + ": " + getMessage(), true);
    }
}
