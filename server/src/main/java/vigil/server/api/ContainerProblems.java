package vigil.server.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vigil.server.staff.ProblemWriter;

/**
 * What the servlet container answers itself, as problems with the security headers (docs/adr/110). Two ways in:
 * <ul>
 * <li>Tomcat's error report ({@link Report}), for what it refuses before any filter or servlet runs (an address with
 * {@code %00}, an encoded {@code /} or {@code \}, a request line or a header too long), and for an error status the
 * application left without a body (the actuator's 404 for a health component it does not have). Tomcat's own report is
 * an HTML page without the headers; Spring Boot installs it (for {@code server.error.include-stacktrace=never}) and
 * offers no hook to change what it writes, so it is replaced on the host here.</li>
 * <li>The error dispatch to {@code /error} ({@link ContainerErrors}): a failure in a filter, Tomcat's refusal of
 * {@code TRACE}, or {@code /error} asked for by name. An error dispatch skips the filter that adds the headers, and
 * Spring would name {@code /error} as the problem's instance, so it is written here as the firewall's refusals
 * are.</li>
 * </ul>
 */
@Component
class ContainerProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
    private final ProblemWriter problems;

    ContainerProblems(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (!(context.getParent() instanceof StandardHost host)) {
                throw new IllegalStateException("the web application has no Tomcat host to report its errors");
            }
            for (Valve v : host.getPipeline().getValves()) {
                if (v instanceof ErrorReportValve) { // Boot's, for include-stacktrace=never
                    host.getPipeline().removeValve(v);
                }
            }
            // A starting host adds a valve of this class unless it finds one: Tomcat's own, were the name left as is.
            host.setErrorReportValveClass(Report.class.getName());
            host.getPipeline().addValve(new Report(problems));
        });
    }

    /** After Boot's own customizer, so its context customizer (which adds Tomcat's valve) has run before this one's. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The detail of a problem the container answers, in the API's words (its type and title follow the status). */
    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "the request could not be read: its address or a header is malformed, or too long";
            case NOT_FOUND -> "no such resource";
            case NOT_IMPLEMENTED -> "no path here answers this method";
            default -> status.is5xxServerError() ? "the server could not answer this request"
                    : "the request could not be answered (" + status.getReasonPhrase().toLowerCase(Locale.ROOT) + ")";
        };
    }

    /**
     * Tomcat's error report valve, writing a problem where Tomcat writes its HTML page: for an error Tomcat or a filter
     * raised ({@code sendError}) that no error page answered, and for any other 4xx or 5xx that reaches here with
     * nothing written. Never the exception: a stack trace only ever goes to the log.
     */
    static final class Report extends ErrorReportValve {
        private final ProblemWriter problems;

        Report(ProblemWriter problems) {
            this.problems = problems;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            HttpStatus status = HttpStatus.resolve(response.getStatus());
            if (response.getStatus() < 400 || response.getContentWritten() > 0
                    || (response.isError() && !response.setErrorReported())) {
                return; // not an error, answered already, or reported by someone else
            }
            if (status == null) {
                status = response.getStatus() >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
            }
            try {
                problems.writeHeaders(request, response);
                response.setContentType(ProblemWriter.CONTENT_TYPE);
                Writer out = response.getReporter();
                if (out != null) { // null: the answer has begun after all, and is left as it is
                    out.write(ProblemWriter.json(response.getStatus(), Problem.slug(status),
                            status.getReasonPhrase(), detail(status)));
                }
            } catch (IOException | IllegalStateException e) {
                container.getLogger().debug("could not write the problem for " + response.getStatus(), e);
            }
        }
    }

    /** The error dispatch to {@code /error}, and {@code /error} asked for directly (a 404). */
    @RestController
    static class ContainerErrors implements ErrorController {
        private final ProblemWriter problems;

        ContainerErrors(ProblemWriter problems) {
            this.problems = problems;
        }

        @RequestMapping("/error")
        void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            HttpStatus status = code == null ? HttpStatus.NOT_FOUND // /error asked for directly
                    : code instanceof Integer i && HttpStatus.resolve(i) != null && HttpStatus.resolve(i).isError()
                            ? HttpStatus.resolve(i) : HttpStatus.INTERNAL_SERVER_ERROR;
            // (An error dispatch is a GET; the method the client sent is an attribute.)
            if (status == HttpStatus.METHOD_NOT_ALLOWED
                    && "TRACE".equals(request.getAttribute(RequestDispatcher.ERROR_METHOD))) {
                // Tomcat refuses TRACE on every path, before the application sees it, and its Allow header names the
                // servlet's methods, not the path's. No path here has TRACE: 501, which needs no Allow (RFC 9110).
                response.reset();
                status = HttpStatus.NOT_IMPLEMENTED;
            }
            problems.write(request, response, status.value(), Problem.slug(status), status.getReasonPhrase(),
                    detail(status));
        }
    }
}
