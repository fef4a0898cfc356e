package vigil.sim.json;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading an input file's JSON, with one-line {@link InvalidInput} errors for a missing file or bad JSON. */
public final class JsonFiles {
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private JsonFiles() {}

    public static String read(Path file) {
        if (Files.isDirectory(file)) {
            throw InvalidInput.ofFile(file, "is a folder, not a file");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw InvalidInput.ofFile(file, "no such file");
        } catch (AccessDeniedException e) {
            throw InvalidInput.ofFile(file, "cannot be read (permission denied)");
        } catch (CharacterCodingException e) {
            throw InvalidInput.ofFile(file, "is not UTF-8 text");
        } catch (IOException e) {
            throw InvalidInput.ofFile(file, "cannot be read (" + e.getMessage() + ")");
        } catch (OutOfMemoryError e) {
            throw InvalidInput.ofFile(file, "is too large to read into memory");
        }
        // A byte-order mark some editors write is not part of the JSON.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The JSON tree of {@code text}; never null or missing. Duplicate keys are an error. */
    public static JsonNode parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new InvalidInput("not valid JSON: nested too deeply, or a value too long" + where(e));
        } catch (JacksonException e) {
            throw new InvalidInput("not valid JSON: " + plain(e) + where(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInput("not valid JSON: the file is empty");
        }
        return root;
    }

    static String where(JacksonException e) {
        var l = e.getLocation();
        return l == null || l.getLineNr() < 0 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    /**
     * The parser's complaint without its advice to programmers: "Unexpected character ('/' (code 47)): maybe a
     * (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)" reads
     * "Unexpected character '/'".
     */
    static String plain(JacksonException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().replaceAll("\\s+", " ").trim();
        if (m.contains("trailing token") || m.contains("FAIL_ON_TRAILING_TOKENS")) {
            return "more than one JSON value in the file";
        }
        m = m.replaceAll("\\('(.+?)' \\(code \\d+( / 0x[0-9a-fA-F]+)?\\)\\)", "'$1'");
        if (m.startsWith("Unexpected end-of-input")) {
            // "expected close marker for Object (start marker at [Source: REDACTED ...])": the file stops too soon.
            return "the file ends before its JSON does (cut short?)";
        }
        for (String advice : new String[] {": maybe", " (not recognized", "; enable", ": enable", " (for ", ": expected"}) {
            int k = m.indexOf(advice);
            if (k > 0 && !(advice.equals(": expected") && m.startsWith("Unexpected end"))) {
                m = m.substring(0, k);
            }
        }
        return m.isEmpty() ? "cannot be parsed" : m;
    }
}
