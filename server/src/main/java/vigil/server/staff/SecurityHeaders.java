package vigil.server.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.PermissionsPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;

/**
 * The headers every answer carries (extensions.md, "Headers"): Spring Security's defaults (nosniff, no caching,
 * X-Frame-Options DENY, HSTS over HTTPS, X-XSS-Protection 0) and the policy ones. Said once, as Spring Security's own
 * writers, because two kinds of answer are written outside the filter chains that normally add them: what Tomcat
 * answers before any filter runs (a malformed address, a header too large, TRACE) and what the firewall refuses before
 * the chain is chosen; and an error dispatch skips the chain's header filter. Each writer leaves a header already set.
 */
public final class SecurityHeaders {
    private final List<HeaderWriter> writers;

    SecurityHeaders(String csp) {
        this.writers = List.of(new XContentTypeOptionsHeaderWriter(), new XXssProtectionHeaderWriter(),
                new CacheControlHeadersWriter(), new HstsHeaderWriter(),
                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY),
                new ContentSecurityPolicyHeaderWriter(csp),
                new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER),
                new PermissionsPolicyHeaderWriter("geolocation=(), camera=(), microphone=()"));
    }

    /** Adds the headers to an answer written outside the filter chains (or in an error dispatch, which they skip). */
    public void writeTo(HttpServletRequest request, HttpServletResponse response) {
        writers.forEach(w -> w.writeHeaders(request, response));
    }

    /** These headers, and no others, on every answer of a filter chain. */
    void applyTo(HttpSecurity http) throws Exception {
        http.headers(h -> {
            h.defaultsDisabled();
            writers.forEach(h::addHeaderWriter);
        });
    }
}
