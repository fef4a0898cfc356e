package vigil.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import vigil.server.staff.ProblemWriter;

/**
 * What a person sees when a page cannot be shown: a page in words with its status (403, 404, 500, 503...), the layout
 * around it when someone is logged in, never a stack trace, class name or SQL. The API keeps its problem+json: only a
 * request for a page (not under {@code /api}, {@code /actuator} or {@code /v3}) from a browser asking for HTML is
 * answered here; any other client (curl, a script, a page's own background request, a stylesheet's request) gets the
 * API's problem+json for the same failure (docs/adr/110).
 */
@Component
class ProblemPages implements HandlerExceptionResolver, Ordered {
    private static final Logger log = LoggerFactory.getLogger(ProblemPages.class);

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10; // before Spring MVC's own resolvers (and the API's problem+json)
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception e) {
        if (!isPage(request) || !ProblemWriter.asksForAPage(request)) {
            return null; // the API's problem+json
        }
        HttpStatus status;
        String title;
        String detail;
        if (e instanceof PageProblem p) {
            status = p.status();
            title = p.title();
            detail = p.detail();
        } else if (e instanceof ErrorResponse r && HttpStatus.resolve(r.getStatusCode().value()) != null
                && r.getStatusCode().is4xxClientError()) {
            status = HttpStatus.resolve(r.getStatusCode().value());
            title = titleOf(status);
            detail = detailOf(status);
        } else {
            log.error("unexpected failure showing {} {}", request.getMethod(), request.getRequestURI(), e);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            title = titleOf(status);
            detail = detailOf(status);
        }
        response.setStatus(status.value());
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.setHeader("Retry-After", "1");
        }
        // The page is HTML whatever the address ends in: Thymeleaf would take /css/x.css to mean text/css.
        request.setAttribute(View.SELECTED_CONTENT_TYPE, MediaType.TEXT_HTML);
        ModelAndView mv = new ModelAndView("problem");
        mv.setStatus(status);
        mv.addObject("status", status.value());
        mv.addObject("title", title);
        mv.addObject("detail", detail);
        return mv;
    }

    /** A page request: not the API's, the actuator's or the API description's (those answer problem+json). */
    static boolean isPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator")
                || path.startsWith("/v3/") || path.startsWith("/swagger-ui"));
    }

    static String titleOf(HttpStatus status) {
        return switch (status) {
            case FORBIDDEN -> "Not allowed";
            case NOT_FOUND -> "Page not found";
            case METHOD_NOT_ALLOWED -> "Not allowed here";
            case INTERNAL_SERVER_ERROR -> "Something went wrong";
            case SERVICE_UNAVAILABLE -> "The control room is not answering";
            default -> status.getReasonPhrase();
        };
    }

    static String detailOf(HttpStatus status) {
        return switch (status) {
            case FORBIDDEN -> "This request was refused. If you were filling in a form, it may have been open too"
                    + " long: go back, reload the page and try again.";
            case NOT_FOUND -> "There is no page at this address. Check it, or go back to your work.";
            case INTERNAL_SERVER_ERROR -> "The server could not show this page. Nothing was recorded by it. Try again;"
                    + " if it happens again, tell the administrator.";
            case SERVICE_UNAVAILABLE -> "Nothing was recorded. Try again in a moment.";
            default -> "This request could not be answered.";
        };
    }

    /**
     * The problem page by status: Spring Security forwards a browser's refused page request to {@code /problem/403}.
     * Asked for by anyone else, the same status as a problem.
     */
    @Controller
    static class ByStatus {
        @RequestMapping("/problem/{status}") // any method: a refused POST is forwarded here as it came
        String problem(@PathVariable("status") String code, Model model, HttpServletRequest request,
                       HttpServletResponse response) {
            HttpStatus status = HttpStatus.NOT_FOUND;
            try {
                HttpStatus s = HttpStatus.resolve(Integer.parseInt(code));
                if (s != null && s.isError()) {
                    status = s;
                }
            } catch (NumberFormatException e) {
                // not a status: the page that does not exist
            }
            if (!ProblemWriter.asksForAPage(request)) {
                throw new ErrorResponseException(status);
            }
            response.setStatus(status.value());
            model.addAttribute("status", status.value());
            model.addAttribute("title", titleOf(status));
            model.addAttribute("detail", detailOf(status));
            return "problem";
        }
    }
}
