package vigil.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every 4xx and 5xx on every path is {@code application/problem+json} (RFC 9457): Spring MVC's own errors, ours, and
 * whatever else escapes (what the container answers itself: {@link ContainerProblems}). No stack trace, class name or
 * SQL ever reaches a client; the log has them.
 */
@RestControllerAdvice
class Problems extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected failure answering {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(Problem.detail(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the server could not answer this request; nothing was recorded by it"));
    }

    /**
     * Spring's own problems (405, 406, 404 for no handler, ...: no type, or {@code about:blank}) get our type names and
     * plain details; ours (a {@link Problem}, or a page's problem answered to a client that did not ask for a page)
     * are answered as they are.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (ex instanceof ErrorResponse r && r.getBody().getType() != null
                && !ABOUT_BLANK.equals(r.getBody().getType())) {
            return super.handleExceptionInternal(ex, body, headers, statusCode, request);
        }
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        ProblemDetail p = Problem.detail(status == null ? HttpStatus.BAD_REQUEST : status, Problem.slug(statusCode),
                status == null ? "Error" : status.getReasonPhrase(), plainDetail(statusCode));
        return super.handleExceptionInternal(ex, p, headers, statusCode, request);
    }

    private static String plainDetail(HttpStatusCode status) {
        return switch (status.value()) {
            case 403 -> "this request is not allowed";
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            case 406 -> "this resource answers application/json or application/problem+json";
            case 415 -> "unsupported Content-Type";
            default -> "the request could not be understood";
        };
    }

    static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
