package vigil.server.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A form as a page shows it again: the values typed, a message at each field that was refused, the form's own message
 * for a refusal no field shown can carry, and a note of what was done when it was accepted.
 */
final class Form {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private String done;

    static Form empty() {
        return new Form();
    }

    Form value(String field, String value) {
        if (value != null) {
            values.put(field, value);
        }
        return this;
    }

    /** The answer's messages: those about a field in {@code shown} at it, any other as the form's own. */
    Form refused(PageCommands.Answer answer, Set<String> shown) {
        answer.errors().forEach((field, message) -> {
            String at = shown.contains(field) ? field : "";
            errors.merge(at, message, (a, b) -> a + " " + b);
        });
        return this;
    }

    Form error(String field, String message) {
        errors.merge(field, message, (a, b) -> a + " " + b);
        return this;
    }

    /**
     * The refusal of a form no longer on its list (another person acted first, the list moved on): said with the id it
     * was about, above the list, since the form that would carry it is gone.
     */
    static String missed(String id, Form form) {
        return "Not done for " + id + ": " + String.join(" ", form.errors.values())
                + " It is no longer on this list.";
    }

    Form done(String note) {
        this.done = note;
        return this;
    }

    public String get(String field) {
        return values.getOrDefault(field, "");
    }

    public boolean is(String field, String value) {
        return value.equals(values.get(field));
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public String formError() {
        return errors.get("");
    }

    public boolean refused() {
        return !errors.isEmpty();
    }

    public String done() {
        return done;
    }

    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("cli", "Number"),
            Map.entry("address", "Address"), Map.entry("location", "Place"), Map.entry("caller", "Who is calling"),
            Map.entry("narrative", "What the caller says"), Map.entry("grade", "Grade"), Map.entry("type", "Type"),
            Map.entry("reason", "Reason"), Map.entry("unitId", "Unit"), Map.entry("incidentId", "Incident"),
            Map.entry("toIncidentId", "Incident"), Map.entry("note", "Note"), Map.entry("decision", "Decision"),
            Map.entry("disposition", "Disposition"));

    /** A field's name as the error summary says it. */
    public String label(String field) {
        return LABELS.getOrDefault(field, field);
    }

    /** The fields in error, in order, for the summary at the top of the form (each links to its field). */
    public Map<String, String> fieldErrors() {
        Map<String, String> out = new LinkedHashMap<>(errors);
        out.remove("");
        return out;
    }
}
