package vigil.server.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every 4xx and 5xx on every path is {@code application/problem+json} (RFC 9457): Spring MVC's own errors, ours, and
 * whatever else escapes. No stack trace, class name or SQL ever reaches a client; the log has them.
 */
@RestControllerAdvice
class Problems extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected failure answering {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(Problem.detail(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the server could not answer this request; nothing was recorded by it"));
    }

    /** Spring's own problems (405, 406, 404 for no handler, ...) get our type names and plain details. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (ex instanceof Problem) {
            return super.handleExceptionInternal(ex, body, headers, statusCode, request);
        }
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        ProblemDetail p = Problem.detail(status == null ? HttpStatus.BAD_REQUEST : status, slug(statusCode),
                status == null ? "Error" : status.getReasonPhrase(), plainDetail(statusCode));
        return super.handleExceptionInternal(ex, p, headers, statusCode, request);
    }

    private static String plainDetail(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            case 406 -> "this resource answers application/json or application/problem+json";
            case 415 -> "unsupported Content-Type";
            default -> "the request could not be understood";
        };
    }

    static String slug(HttpStatusCode status) {
        HttpStatus s = HttpStatus.resolve(status.value());
        return s == null ? "error" : s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /** What the servlet container answers itself (before MVC, or after a failure in a filter). */
    @RestController
    static class ContainerErrors implements ErrorController {
        @RequestMapping("/error")
        ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            HttpStatus status = code == null ? HttpStatus.NOT_FOUND // /error asked for directly
                    : code instanceof Integer i && HttpStatus.resolve(i) != null && HttpStatus.resolve(i).isError()
                            ? HttpStatus.resolve(i) : HttpStatus.INTERNAL_SERVER_ERROR;
            return problem(Problem.detail(status, slug(status), status.getReasonPhrase(),
                    status.is5xxServerError() ? "the server could not answer this request"
                            : "the request could not be answered (" + status.getReasonPhrase().toLowerCase(
                                    java.util.Locale.ROOT) + ")"));
        }
    }
}
