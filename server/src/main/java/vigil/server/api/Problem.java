package vigil.server.api;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An RFC 9457 answer that ends a request: a type, a title, the HTTP status, a detail in plain words, and {@code field}
 * or {@code reason} where they apply. Thrown from handlers; {@link Problems} writes it. The pages' problems take their
 * body from {@link #detail}, so a client that did not ask for a page gets the same problem.
 */
public final class Problem extends ErrorResponseException {
    private Problem(HttpStatus status, ProblemDetail detail) {
        super(status, detail, null);
    }

    static Problem of(HttpStatus status, String type, String title, String detail) {
        return new Problem(status, detail(status, type, title, detail));
    }

    /** A status's problem type when nothing names it better: its name in lower case ({@code method-not-allowed}). */
    public static String slug(HttpStatusCode status) {
        HttpStatus s = HttpStatus.resolve(status.value());
        return s == null ? "error" : s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The body of a problem: {@code type} is its name under {@code /problems/}. */
    public static ProblemDetail detail(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("/problems/" + type));
        p.setTitle(title);
        return p;
    }

    Problem field(String field) {
        if (field != null) {
            getBody().setProperty("field", field);
        }
        return this;
    }

    Problem reason(String reason) {
        getBody().setProperty("reason", reason);
        return this;
    }

    static Problem notACommand(String detail, String field) {
        return of(HttpStatus.BAD_REQUEST, "not-a-command", "Not a command", detail).field(field);
    }

    static Problem badRequest(String detail, String field) {
        return of(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", detail).field(field);
    }

    /** Nothing was done; the same request may be sent again (the writer is starting, standing by or recovering). */
    static Problem unavailable(String why) {
        Problem p = of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Not answering now", why);
        p.getBody().setProperty("retryable", true);
        p.getHeaders().set(org.springframework.http.HttpHeaders.RETRY_AFTER, "1");
        return p;
    }

    static Problem unauthenticated() {
        return of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Not logged in",
                "log in as a member of staff to use the API");
    }
}
