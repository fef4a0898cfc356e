package vigil.server.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import vigil.server.staff.ProblemWriter;

/**
 * A query string (or form) the container cannot read — a malformed {@code %} escape such as {@code ?after=%zz}, bytes
 * that are not UTF-8, more parameters than it takes — is the client's error: 400, before anything else reads it.
 * Tomcat reads parameters when they are first asked for and throws then, wherever that is (a filter, a controller,
 * the actuator), which had answered 500. So they are read here first, by the first filter of all.
 */
@Configuration(proxyBeanMethods = false)
class UnreadableParameters {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> readParametersFirst(ProblemWriter problems) {
        FilterRegistrationBean<OncePerRequestFilter> r = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                try {
                    request.getParameterMap();
                } catch (IllegalStateException e) { // Tomcat's InvalidParameterException
                    problems.write(request, response, 400, "bad-request", "Bad request", "the query string or form"
                            + " could not be read: a malformed %-escape, text that is not UTF-8, or too many"
                            + " parameters");
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        r.setName("readParametersFirst");
        return r;
    }
}
