package vigil.server.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Set;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may log in, and how (docs/adr/040). {@code /api/**} (and the actuator, but its health): HTTP Basic, no session
 * created, 401 problem+json without a login; a page's session is honoured there too, so the web UI's own requests
 * (its live stream above all: an {@code EventSource} cannot send a header) need no second login. Pages: form login at
 * {@code /login} with CSRF protection and a session. Neither chain decides what a member of staff may do: the engine's
 * roster does, for every command.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    /**
     * Pages are served from this server alone: no inline script, no framing, forms post back here. The web UI's map
     * tiles, when an install names a tile server ({@code VIGIL_MAP_TILES}), are its one addition ({@link #csp}).
     */
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none';"
            + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final String csp;

    SecurityConfiguration(@Value("${vigil.map.tiles:}") String mapTiles) {
        this.csp = csp(mapTiles);
    }

    /**
     * No Micrometer observation around each security filter, login and authorisation: with the actuator present Spring
     * Security wraps every one of its dozen filters in one, which cost more CPU than the command itself (docs/adr/054).
     * The HTTP server's own request metrics stay.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** {@link #CSP}, with the origin of a tile server's URL template ({@code https://host/{z}/{x}/{y}.png}) as images. */
    static String csp(String mapTiles) {
        if (mapTiles == null || mapTiles.isBlank()) {
            return CSP;
        }
        IllegalArgumentException notATemplate = new IllegalArgumentException(
                "VIGIL_MAP_TILES must be an http(s) URL template, not " + mapTiles);
        java.net.URI u;
        try {
            u = java.net.URI.create(mapTiles.trim().replaceAll("\\{[^}]*}", "0"));
        } catch (IllegalArgumentException e) {
            throw notATemplate;
        }
        if (u.getScheme() == null || u.getHost() == null || !u.getScheme().startsWith("http")) {
            throw notATemplate;
        }
        String origin = u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        return CSP.replace("img-src 'self' data:;", "img-src 'self' data: " + origin + ";");
    }

    @Bean
    AuthenticationManager authenticationManager(StaffLogin login) {
        ProviderManager m = new ProviderManager(login);
        m.setEraseCredentialsAfterAuthentication(true);
        return m;
    }

    /** The headers of every answer, as the filter chains write them and as everything answered outside them does. */
    @Bean
    SecurityHeaders securityHeaders() {
        return new SecurityHeaders(csp);
    }

    @Bean
    ProblemWriter problemWriter(SecurityHeaders headers) {
        return new ProblemWriter(headers);
    }

    /**
     * An id may hold a slash, as a force's references do ({@code CAD 1234/31MAY18}), and a client addressing it
     * encodes it {@code %2F}. Tomcat passes that through undecoded, and the firewall lets it by, so that Spring's path
     * matching, which splits the path at its real slashes before decoding each segment, gives the id whole to the
     * handler, and the security chains match the same segments (ADR 117). Everything else the firewall refuses stays
     * refused: an encoded {@code .}, {@code %} or {@code \}, {@code //}, {@code ;}.
     */
    @Bean
    HttpFirewall firewall() {
        StrictHttpFirewall f = new StrictHttpFirewall();
        f.setAllowUrlEncodedSlash(true);
        // The "%" of a %2F passed through; an encoded % (%25) is still refused, as the address arrives.
        f.getDecodedUrlBlocklist().remove("%");
        return f;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesPassedThrough() {
        return factory -> factory.addConnectorCustomizers(
                c -> c.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    /**
     * What the firewall refuses ({@code //}, {@code ;}, an encoded {@code .} or {@code %}, a method it does not know,
     * ...) is refused before either chain, so neither writes it: a 400 problem with the headers, here, rather than
     * Spring Security's {@code sendError}, whose error dispatch would answer for {@code /error} without them.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (req, res, e) -> {
            log.debug("refused by the firewall: {}", e.getMessage());
            problems.write(req, res, 400, "bad-request", "Bad Request", "the request was refused unread: its address"
                    + " or a header holds something that could disguise what it asks for (such as //, ;, .., an"
                    + " encoded . or \\, or a control character), or its method is not one this server answers");
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager manager, SecurityHeaders headers,
                            ProblemWriter problems) throws Exception {
        AuthenticationEntryPoint notLoggedIn = (req, res, e) -> {
            if (e instanceof AuthenticationServiceException) { // the accounts could not be read: not the caller's fault
                res.setHeader("Retry-After", "1");
                problems.write(req, res, 503, "unavailable", "Not answering now",
                        "logins cannot be checked now; retry");
            } else {
                if (challenge(req)) {
                    res.setHeader("WWW-Authenticate", "Basic realm=\"Vigil\", charset=\"UTF-8\"");
                }
                problems.write(req, res, 401, "unauthenticated", "Not logged in",
                        "log in as a member of staff (HTTP Basic) to use the API");
            }
        };
        http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                        "/swagger-ui/**")
                .authenticationManager(manager)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // How busy the room is, hour by hour, is for those who run the installation (ADR 071).
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(notLoggedIn))
                .exceptionHandling(x -> x.authenticationEntryPoint(notLoggedIn).accessDeniedHandler(denied(problems)))
                // Basic logins make no session; a page's session, when the request carries one, is used as it is.
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                // A request riding on a page's session cookie needs the page's CSRF token to change anything. Basic
                // clients have no cookie to ride on, and their bodies must be application/json, which no cross-site
                // form can send; a browser's bodyless post from another site's page is refused by AnotherSitesRequests.
                .csrf(c -> c.requireCsrfProtectionMatcher(SecurityConfiguration::ridesOnASession))
                .requestCache(c -> c.disable())
                .addFilterBefore(new AnotherSitesRequests(problems), BasicAuthenticationFilter.class);
        headers.applyTo(http);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, AuthenticationManager manager, SecurityHeaders headers,
                              ProblemWriter problems) throws Exception {
        // A refusal is the problem page to a browser, and a problem to anyone else (docs/adr/110).
        AccessDeniedHandlerImpl page = new AccessDeniedHandlerImpl();
        page.setErrorPage("/problem/403");
        LinkedHashMap<RequestMatcher, AccessDeniedHandler> byClient = new LinkedHashMap<>();
        byClient.put(ProblemWriter::asksForAPage, page);
        http.authenticationManager(manager)
                .authorizeHttpRequests(a -> a
                        // The pages' own files, and Swagger UI's (a bundle of files; the description it shows,
                        // /v3/api-docs, still needs a login); what each problem type means, for whoever holds one.
                        .requestMatchers("/login", "/error", "/favicon.ico", "/problem/**", "/problems/**", "/css/**",
                                "/js/**", "/webjars/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .anyRequest().authenticated())
                // The web UI's own login page (its form posts back to /login), and its problem page for a refusal.
                // A password that could not be checked now (the accounts unreadable, or too many being checked at
                // once: ADR 130) is not a wrong one: the login page says to try again (audit 6, finding 6).
                .formLogin(f -> f.loginPage("/login").permitAll().failureHandler((req, res, e) -> res.sendRedirect(
                        req.getContextPath() + (e instanceof AuthenticationServiceException ? "/login?busy"
                                : "/login?error"))))
                .exceptionHandling(x -> x.authenticationEntryPoint(loginAgain(problems))
                        .accessDeniedHandler(loggedOutOr(problems,
                                new RequestMatcherDelegatingAccessDeniedHandler(byClient, denied(problems)))))
                // Only a page the browser navigated to is the one to go back to after logging in, never a fragment
                // or a form's answer asked for by the page's script.
                .requestCache(c -> c.requestCache(pagesOnly()))
                .logout(l -> l.permitAll());
        headers.applyTo(http);
        return http.build();
    }

    /** The page to go back to after logging in: a page the browser navigated to, never a fragment or a form's answer. */
    private static HttpSessionRequestCache pagesOnly() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(req -> "GET".equals(req.getMethod()) && req.getHeader("HX-Request") == null
                && !"XMLHttpRequest".equals(req.getHeader("X-Requested-With")) && ProblemWriter.asksForAPage(req));
        return cache;
    }

    /**
     * A page asked for without a login (docs/adr/120): the login page, saying the login has ended when the browser
     * brought a session that no longer exists (timed out, logged out, a restart). A page's own background request
     * (htmx, live.js's fetches: {@code HX-Request}) is answered 401, never redirected: a redirect would be followed
     * and the login page swapped into the page as if it were the fragment asked for. The page's script then takes its
     * person to log in and back.
     */
    private static AuthenticationEntryPoint loginAgain(ProblemWriter problems) {
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        LoginUrlAuthenticationEntryPoint ended = new LoginUrlAuthenticationEntryPoint("/login?ended");
        return (req, res, e) -> {
            if (req.getHeader("HX-Request") != null) {
                loginEnded(req, res, problems);
            } else if (req.getRequestedSessionId() != null && !req.isRequestedSessionIdValid()) {
                ended.commence(req, res, e);
            } else {
                login.commence(req, res, e);
            }
        };
    }

    /**
     * A form sent after its login ended fails the CSRF check (the token was the ended session's): that is a login to
     * make again, not a refusal. A browser's form goes to the login page saying so; a page's htmx request gets 401 (as
     * {@link #loginAgain}); with a login, from anyone else, or the login form itself (nothing was sent but the login
     * to make), the refusal stands (docs/adr/110).
     */
    private static AccessDeniedHandler loggedOutOr(ProblemWriter problems, AccessDeniedHandler refusal) {
        return (req, res, e) -> {
            Authentication who = SecurityContextHolder.getContext().getAuthentication();
            boolean loggedIn = who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
            boolean ended = e instanceof CsrfException && !loggedIn
                    && !req.getRequestURI().equals(req.getContextPath() + "/login");
            if (ended && req.getHeader("HX-Request") != null) {
                loginEnded(req, res, problems);
            } else if (ended && ProblemWriter.asksForAPage(req)) {
                res.setStatus(303);
                res.setHeader("Location", req.getContextPath() + "/login?ended");
            } else {
                refusal.handle(req, res, e);
            }
        };
    }

    private static void loginEnded(HttpServletRequest req, HttpServletResponse res, ProblemWriter problems)
            throws IOException {
        problems.write(req, res, 401, "unauthenticated", "Not logged in",
                "your login has ended, so this was not done: log in again");
    }

    private static AccessDeniedHandler denied(ProblemWriter problems) {
        return (req, res, e) -> problems.write(req, res, 403, "forbidden", "Forbidden",
                e instanceof CsrfException
                        ? "a request made with a page's session, or to a page, needs the page's CSRF token"
                        : "this login may not make this request");
    }

    /** An unsafe request with no Authorization header that brings a session: a page's request, or a forged one. */
    static boolean ridesOnASession(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod()) && request.getHeader("Authorization") == null
                && request.getSession(false) != null;
    }

    /**
     * Whether to name Basic in a 401 ({@code WWW-Authenticate}). Not for a page's own background requests (fetch,
     * htmx, EventSource: {@code Sec-Fetch-Mode} other than {@code navigate}, or the XHR headers): a browser would
     * answer with its login dialog instead of letting the page send the user to the login form.
     */
    static boolean challenge(HttpServletRequest request) {
        String mode = request.getHeader("Sec-Fetch-Mode");
        return (mode == null || mode.equals("navigate")) && request.getHeader("HX-Request") == null
                && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"));
    }
}
