package vigil.server.notice;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notice texts, kept as templates in {@code resources/notices/KIND.txt}: the first line is the subject, then a
 * blank line, then the body. {@code ${name}} is replaced by a value; {@code ${name:fallback}} gives a fallback when the
 * value is absent. One pass, values inserted as they are: a note that happens to contain {@code ${…}} is not read as a
 * placeholder (Spring's placeholder helper resolves placeholders inside values, which is why it is not used here). A
 * placeholder with no value and no fallback is a fault in the template, refused loudly.
 */
final class Templates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9.]*)(?::([^}]*))?}");
    private static final String BUILT_IN = "/notices/";
    private final Map<String, Template> loaded = new ConcurrentHashMap<>();
    /** Where a kind's template is looked for before the built-in ones ({@code vigil.notices.templates}). */
    private final String folder;

    Templates() {
        this(BUILT_IN);
    }

    /** Templates read from the class path folder {@code folder} first, then from the built-in ones. */
    Templates(String folder) {
        this.folder = folder.endsWith("/") ? folder : folder + "/";
    }

    /** A subject and a body. */
    record Text(String subject, String body) {}

    private record Template(String subject, String body) {}

    /** The template of {@code kind}; false when there is none. */
    boolean has(String kind) {
        return Templates.class.getResource(folder + kind + ".txt") != null
                || Templates.class.getResource(BUILT_IN + kind + ".txt") != null;
    }

    Text render(String kind, Map<String, String> values) {
        Template t = loaded.computeIfAbsent(kind, this::load);
        return new Text(fill(kind, t.subject(), values).strip(), fill(kind, t.body(), values).strip() + "\n");
    }

    /**
     * The plain text of a notice whose template cannot be filled: what it is about and where to look, so that the
     * recipient is still told (docs/adr/135).
     */
    static Text plain(String type, long seq, String link) {
        return new Text(type + " (event " + seq + ")", "Vigil has a notice for you about event " + seq + " (" + type
                + ") of the log, but could not write its usual text. See " + link + ".\n");
    }

    private Template load(String kind) {
        InputStream found = Templates.class.getResourceAsStream(folder + kind + ".txt");
        try (InputStream in = found != null ? found : Templates.class.getResourceAsStream(BUILT_IN + kind + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("no notice template " + kind);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            int end = text.indexOf("\n\n");
            if (end < 0) {
                throw new IllegalStateException("notice template " + kind + " has no blank line after its subject");
            }
            return new Template(text.substring(0, end), text.substring(end + 2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fill(String kind, String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 128);
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null || v.isEmpty()) {
                v = m.group(2);
            }
            if (v == null) {
                throw new IllegalStateException("notice template " + kind + ": no value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
