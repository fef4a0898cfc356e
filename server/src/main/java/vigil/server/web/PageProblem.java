package vigil.server.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import vigil.server.api.Problem;

/**
 * A page that cannot be shown, said in words: rendered as the problem page with its status (never a stack trace) to a
 * browser, and answered as the API's problem, in the same words, to a client that did not ask for a page
 * (docs/adr/110).
 */
final class PageProblem extends ErrorResponseException {
    private final HttpStatus status;

    PageProblem(HttpStatus status, String title, String detail) {
        super(status, body(status, title, detail), null);
        this.status = status;
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        }
    }

    private static ProblemDetail body(HttpStatus status, String title, String detail) {
        ProblemDetail p = Problem.detail(status, switch (status) { // the API's names for the same refusals
            case UNAUTHORIZED -> "unauthenticated";
            case SERVICE_UNAVAILABLE -> "unavailable";
            default -> Problem.slug(status);
        }, title, detail);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            p.setProperty("retryable", true);
        }
        return p;
    }

    static PageProblem notFound(String what, String id) {
        return new PageProblem(HttpStatus.NOT_FOUND, "No such " + what, "There is no " + what + " " + id + ".");
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return getBody().getTitle();
    }

    String detail() {
        return getBody().getDetail();
    }
}
