package vigil.server.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A problem (RFC 9457) written straight to a servlet response, for the answers that end before or outside Spring MVC:
 * a login refused, the firewall's refusals, the container's own errors. The same members as the API's problems
 * ({@code type} under {@code /problems/}, {@code title}, {@code status}, {@code detail}; {@code retryable} on a 503),
 * always with the {@link SecurityHeaders}. No {@code instance}: the path of such a request may be the very thing that
 * is wrong with it.
 */
public final class ProblemWriter {
    public static final String CONTENT_TYPE = MediaType.APPLICATION_PROBLEM_JSON_VALUE + ";charset=UTF-8";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** As Spring Security tells a browser from an API client: {@code text/html} named, {@code *}{@code /*} ignored. */
    private static final MediaTypeRequestMatcher ASKS_FOR_HTML = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);

    static {
        ASKS_FOR_HTML.setIgnoredMediaTypes(Set.of(MediaType.ALL));
    }

    private final SecurityHeaders headers;

    ProblemWriter(SecurityHeaders headers) {
        this.headers = headers;
    }

    /**
     * Whether a refusal is answered with a page rather than a problem (docs/adr/110): only when the request names
     * {@code text/html} in its Accept header, as a browser does when it navigates or submits a form. Anything else
     * (curl's {@code *}{@code /*}, JSON, a stylesheet's {@code text/css}, no Accept at all) gets problem+json.
     */
    public static boolean asksForAPage(HttpServletRequest request) {
        return ASKS_FOR_HTML.matches(request);
    }

    /** The problem's JSON, as every problem written here reads. */
    public static String json(int status, String type, String title, String detail) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "/problems/" + type);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        if (status == 503) {
            p.put("retryable", true);
        }
        return JSON.writeValueAsString(p);
    }

    /** Answers {@code status} with the problem and the security headers, unless the answer has begun already. */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String type, String title,
                      String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        headers.writeTo(request, response);
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(json(status, type, title, detail).getBytes(StandardCharsets.UTF_8));
    }

    /** The security headers alone, for a problem written by other means (Tomcat's error report). */
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        headers.writeTo(request, response);
    }
}
