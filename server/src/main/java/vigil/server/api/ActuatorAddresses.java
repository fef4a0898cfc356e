package vigil.server.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import vigil.server.staff.ProblemWriter;

/**
 * The actuator names nothing with a slash in it, but an encoded one ({@code %2F}) is passed through for the ids of
 * {@code /api} and the pages (docs/adr/117), and the actuator's own path mapping threw on it: {@code GET
 * /actuator/health/a%2Fb}, open to anyone without a login, was a 500 and a stack trace in the server's log each time
 * (audit 6), so anyone could fill the log at will. Such an address is 404 here, before it is matched.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorAddresses {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> noEncodedSlashUnderTheActuator(ProblemWriter problems) {
        FilterRegistrationBean<OncePerRequestFilter> r = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                return !path.startsWith("/actuator/") || !path.toUpperCase(Locale.ROOT).contains("%2F");
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                problems.write(request, response, 404, "not-found", "Not Found",
                        ContainerProblems.detail(org.springframework.http.HttpStatus.NOT_FOUND));
            }
        });
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        r.setName("noEncodedSlashUnderTheActuator");
        return r;
    }
}
