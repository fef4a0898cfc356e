package vigil.server.api;

import java.util.function.UnaryOperator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;
import vigil.core.Event;
import vigil.core.Reason;
import vigil.core.Recorded;
import vigil.server.log.Outcome;
import vigil.server.log.Receipt;

/** How the writer's answer to a command reads over HTTP (api.md "Commands"). */
final class Answers {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Answers() {}

    /** {@code lines} turns the answer's JSON (its event lines) into what the caller may see. */
    static ResponseEntity<?> of(Outcome outcome, UnaryOperator<String> lines) {
        return switch (outcome) {
            case Outcome.Decided d -> decided(d.receipt(), d.repeated(), lines);
            case Outcome.KeyReused k -> ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problem.detail(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                            "Idempotency-Key already used", "the Idempotency-Key \"" + k.key()
                                    + "\" was first sent with another command; nothing was recorded"));
            case Outcome.Unavailable u -> {
                ProblemDetail p = Problem.detail(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                        "Not accepting commands now", u.why());
                p.setProperty("retryable", true);
                yield ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
            }
            case Outcome.Unstorable u -> {
                // Not 503: the same command would be refused again, and each retry would cost the room a rebuild.
                ProblemDetail p = Problem.detail(HttpStatus.UNPROCESSABLE_CONTENT, "unstorable-command",
                        "Command cannot be recorded", "the command holds a value the event log cannot store;"
                                + " nothing of it was recorded, and sent again unchanged it will be refused again");
                p.setProperty("retryable", false);
                yield ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
            }
        };
    }

    private static ResponseEntity<?> decided(Receipt receipt, boolean repeated, UnaryOperator<String> lines) {
        ResponseEntity.BodyBuilder answer;
        Object body;
        var rejection = receipt.rejection();
        if (rejection.isPresent()) {
            Recorded r = rejection.get();
            Event.CommandRejected e = (Event.CommandRejected) r.event();
            HttpStatus status = status(e.reason());
            ProblemDetail p = Problem.detail(status, "command-refused", "Command refused",
                    e.detail() == null ? e.command() + " refused: " + e.reason() : e.detail());
            p.setProperty("reason", e.reason().name());
            p.setProperty("seq", r.seq());
            p.setProperty("command", e.command());
            p.setProperty("events", JSON.readTree(lines.apply(receipt.json())).get("events"));
            answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
            body = p;
        } else {
            answer = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
            body = lines.apply(receipt.json());
        }
        if (repeated) {
            answer.header("Idempotency-Replayed", "true");
        }
        return answer.body(body);
    }

    /**
     * api.md: 403 for NOT_PERMITTED; 404 for the four unknown ids it names; 409 for every other reason, Vigil's own
     * {@code UNKNOWN_GUIDANCE} among them (a client written to api.md alone reads it as a refusal).
     */
    static HttpStatus status(Reason reason) {
        return switch (reason) {
            case NOT_PERMITTED -> HttpStatus.FORBIDDEN;
            case UNKNOWN_INCIDENT, UNKNOWN_UNIT, UNKNOWN_CALL, UNKNOWN_SCHEME -> HttpStatus.NOT_FOUND;
            default -> HttpStatus.CONFLICT;
        };
    }
}
