package vigil.sim.json;

import java.nio.file.Path;

/**
 * A file (or request body) that is not what its contract says. The message is one line naming where and which field;
 * {@link #field()} is that field's name when one is to blame, else {@code null}.
 */
public final class InvalidInput extends RuntimeException {
    private final boolean namesFile;
    private final String field;

    public InvalidInput(String message) {
        this(message, false, null);
    }

    public InvalidInput(String message, String field) {
        this(message, false, field);
    }

    private InvalidInput(String message, boolean namesFile, String field) {
        super(message, null, false, false);
        this.namesFile = namesFile;
        this.field = field;
    }

    /** The field to blame, if one is (for an API's problem answer). */
    public String field() {
        return field;
    }

    /** A problem with the file itself ({@code x.json: no such file}); its message already names the file. */
    public static InvalidInput ofFile(Path file, String problem) {
        return new InvalidInput(file + ": " + problem, true, null);
    }

    /** The same problem, said of {@code file}: {@code x.json: step 3 (AssignUnit): field "unitId" is missing}. */
    public InvalidInput in(Path file) {
        return namesFile ? this : new InvalidInput(file + ": " + getMessage(), true, field);
    }
}
