package vigil.server.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Actor;
import vigil.server.api.CommandIntake;

/**
 * A page's command, sent exactly as {@code POST /api/commands} sends it ({@link CommandIntake}: the same parsing, the
 * same writer, the same answers), and its answer read back for the form: accepted, or refused with each message put
 * at the field it is about. A refusal's {@code field} names the field of a malformed command; an engine's refusal names
 * a {@code reason}, which is put at the field holding the id it is about.
 */
@Component
class PageCommands {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    // "command: field ...", "command (AddUnit): field ...", "command: location: field ..." (a field of an object),
    // "staff: field ..." (the staff accounts' intake).
    private static final Pattern FIELD_MESSAGE = Pattern.compile(
            "^[a-z]+(?: \\([^)]*\\))?(?:: [A-Za-z]+)*: field \"([^\"]+)\" (.*)$");
    /** Where an engine's refusal belongs: the fields that may hold the id it names, in order of likelihood. */
    private static final Map<String, List<String>> REASON_FIELDS = Map.of(
            "UNKNOWN_INCIDENT", List.of("incidentId", "toIncidentId"),
            "UNKNOWN_UNIT", List.of("unitId"),
            "UNIT_COMMITTED", List.of("unitId"),
            "UNIT_NOT_AVAILABLE", List.of("unitId"),
            "UNKNOWN_CALL", List.of("callId"),
            "UNKNOWN_SCHEME", List.of("schemeId"),
            "UNKNOWN_GUIDANCE", List.of("guidanceId"),
            "DUPLICATE_ID", List.of("incidentId", "callId", "schemeId", "staffId", "unitId", "guidanceId"),
            "INVALID_STATE", List.of("unitId", "callId", "toIncidentId", "grade"));

    /**
     * What became of a page's command: its events (accepted), or messages by field ({@code ""}: the form's own) and
     * the HTTP status the API answered the refusal with ({@code status}: 0 when accepted or not answered).
     */
    record Answer(boolean accepted, long lastSeq, JsonNode events, Map<String, String> errors, JsonNode body,
                  int status) {
        String error(String field) {
            return errors.get(field);
        }

        /** Refused as the API refuses someone whose role may not do it (403, {@code NOT_PERMITTED}). */
        boolean forbidden() {
            return status == 403;
        }
    }

    private final CommandIntake intake;

    PageCommands(CommandIntake intake) {
        this.intake = intake;
    }

    /** A command to fill in: {@code do} set, then only the fields given a value (blank text is left out). */
    static Command command(String name) {
        return new Command(name);
    }

    /** A request's fields with no {@code do}, for another of the API's intakes ({@link #answer}). */
    static Command fields() {
        return new Command(null);
    }

    static final class Command {
        final ObjectNode node = JSON.createObjectNode();

        Command(String name) {
            if (name != null) {
                node.put("do", name);
            }
        }

        Command text(String field, String value) {
            if (value != null && !value.isBlank()) {
                node.put(field, value.trim());
            }
            return this;
        }

        Command flag(String field, Boolean value) {
            if (value != null) {
                node.put(field, value);
            }
            return this;
        }

        Command list(String field, List<String> values) {
            if (values != null && !values.isEmpty()) {
                var a = node.putArray(field);
                values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).forEach(a::add);
            }
            return this;
        }

        Command object(String field, JsonNode value) {
            if (value != null) {
                node.set(field, value);
            }
            return this;
        }

        String value(String field) {
            JsonNode v = node.get(field);
            return v == null ? null : v.asString("");
        }
    }

    Answer send(Actor actor, Command command) {
        return answer(() -> intake.take(actor, command.node, null), command);
    }

    /**
     * {@code command}'s fields sent through another of the API's intakes ({@code call}, e.g. the staff accounts'),
     * whose answers read as {@link CommandIntake}'s do: the answer read back for the form.
     */
    static Answer answer(Supplier<ResponseEntity<?>> call, Command command) {
        ProblemDetail problem;
        try {
            ResponseEntity<?> r = call.get();
            if (r.getStatusCode().is2xxSuccessful() && r.getBody() instanceof String json) {
                JsonNode answer = JSON.readTree(json);
                return new Answer(true, answer.path("lastSeq").asLong(), answer.path("events"), Map.of(), answer, 0);
            }
            problem = r.getBody() instanceof ProblemDetail p ? p : null;
        } catch (ErrorResponseException e) {
            problem = e.getBody();
        }
        return new Answer(false, 0, null, errors(problem, command), null, problem == null ? 0 : problem.getStatus());
    }

    private static Map<String, String> errors(ProblemDetail p, Command command) {
        Map<String, String> out = new LinkedHashMap<>();
        if (p == null) {
            out.put("", "The command could not be sent. Nothing was recorded; try again.");
            return out;
        }
        String detail = p.getDetail() == null ? "" : p.getDetail();
        Map<String, Object> props = p.getProperties() == null ? Map.of() : p.getProperties();
        Object field = props.get("field");
        Object reason = props.get("reason");
        if (p.getStatus() == 503) {
            out.put("", "The control room is not answering now; nothing was recorded. Try again in a moment.");
        } else if ("NOT_PERMITTED".equals(reason)) {
            // The engine's words name a role and a command ("CALL_HANDLER x may not AssignUnit"): not a person's.
            out.put("", "Your role may not do this, so nothing was recorded. It is another desk's work.");
        } else if (field != null) {
            Matcher m = FIELD_MESSAGE.matcher(detail);
            // "staffId must be ..." at the field staffId reads "Must be ...": the field is named by its label.
            String own = detail.startsWith(field + " ") ? detail.substring(field.toString().length() + 1) : detail;
            out.put(field.toString(), m.matches() ? sentence(m.group(2)) : sentence(own));
        } else if (reason != null) {
            out.put(fieldFor(reason.toString(), detail, command), sentence(detail));
        } else {
            out.put("", sentence(detail));
        }
        return out;
    }

    /** The field holding the id the refusal names; {@code ""} (the form) when it names none of them. */
    static String fieldFor(String reason, String detail, Command command) {
        List<String> candidates = REASON_FIELDS.getOrDefault(reason, List.of());
        // Not Set.of: a refusal's words repeat ("missing the OIC; the CRIS reference"), which Set.of refuses.
        Set<String> words = new java.util.HashSet<>(List.of(detail.split("[\\s:,;]+")));
        for (String f : candidates) {
            String v = command.value(f);
            if (v != null && words.contains(v)) {
                return f;
            }
        }
        return reason.equals("INVALID_STATE") ? "" : candidates.stream().filter(f -> command.value(f) != null)
                .findFirst().orElse("");
    }

    /** A message as a sentence: {@code is missing} reads "Required", anything else starts with a capital. */
    static String sentence(String text) {
        String t = text.strip();
        if (t.equals("is missing") || t.equals("must not be empty")) {
            return "Required: fill this in.";
        }
        if (t.isEmpty()) {
            return "Refused.";
        }
        return t.substring(0, 1).toUpperCase(Locale.ROOT) + t.substring(1) + (t.endsWith(".") ? "" : ".");
    }
}
