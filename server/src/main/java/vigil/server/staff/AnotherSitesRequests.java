package vigil.server.staff;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any login is looked at, an API request that would change something when a browser says another
 * site's page made it ({@code Sec-Fetch-Site}: {@code cross-site} or {@code same-site}). A browser that once answered
 * the Basic challenge sends those credentials with such requests too, and a form can post to a command that takes no
 * body (audit 6, finding 10). API clients send no such header; Vigil's own pages send {@code same-origin}.
 */
final class AnotherSitesRequests extends OncePerRequestFilter {
    private static final Set<String> OTHER_SITES = Set.of("cross-site", "same-site");

    private final ProblemWriter problems;

    AnotherSitesRequests(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && OTHER_SITES.contains(site)
                && !SecurityConfiguration.SAFE_METHODS.contains(request.getMethod())) {
            problems.write(request, response, 403, "forbidden", "Forbidden",
                    "another site's page may not change anything here: use Vigil's own pages or an API client");
            return;
        }
        chain.doFilter(request, response);
    }
}
