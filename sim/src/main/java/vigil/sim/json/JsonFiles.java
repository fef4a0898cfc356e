package vigil.sim.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading an input file's JSON, with one-line {@link InvalidInput} errors for a missing file or bad JSON. */
public final class JsonFiles {
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private JsonFiles() {}

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInput(file + ": no such file");
        } catch (IOException e) {
            throw new InvalidInput(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The JSON tree of {@code text}; never null or missing. Duplicate keys are an error. */
    public static JsonNode parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            var l = e.getLocation();
            String where = l == null || l.getLineNr() < 0 ? "" : " (line " + l.getLineNr() + ", column "
                    + l.getColumnNr() + ")";
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().replaceAll("\\s+", " ").trim();
            throw new InvalidInput("not valid JSON: " + message + where);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInput("not valid JSON: the file is empty");
        }
        return root;
    }
}
