package vigil.server.api;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A client whose Accept names {@code application/problem+json} but not JSON itself (e.g. {@code Accept:
 * application/problem+json} alone) is taken to read JSON too. Spring picks the answer's type before it runs the
 * handler, so such a client got 406 even where the answer was a problem it had asked for (an unknown incident, a
 * refused command); and a success's JSON is what a problem reader reads anyway. HTTP lets a server send a type the
 * Accept did not list (RFC 9110 §12.5.1); a client asking only for types Vigil never writes still gets 406, and so does
 * one that names JSON only to refuse it ({@code q=0}).
 */
@Configuration(proxyBeanMethods = false)
class ProblemReadersReadJson implements WebMvcConfigurer {

    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;
    /** What a client that refuses everything it names is taken to ask for: a type no answer is in. */
    private static final MediaType NOTHING = new MediaType("application", "x-vigil-nothing");

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        ContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();
        configurer.strategies(List.of(request -> withJson(header.resolveMediaTypes(request))));
    }

    static List<MediaType> withJson(List<MediaType> asked) {
        // q=0 says "not this" (RFC 9110 §12.4.2), which Spring would read as a type like any other.
        List<MediaType> accepted = asked.stream().filter(t -> t.getQualityValue() > 0).toList();
        if (accepted.isEmpty()) {
            return asked.isEmpty() ? asked : List.of(NOTHING);
        }
        boolean problem = accepted.stream().anyMatch(t -> t.isCompatibleWith(PROBLEM) && !t.isWildcardSubtype()
                && t.getQualityValue() > 0);
        boolean json = accepted.stream().anyMatch(t -> t.isCompatibleWith(MediaType.APPLICATION_JSON));
        if (!problem || json) {
            return accepted;
        }
        List<MediaType> more = new ArrayList<>(accepted);
        more.add(MediaType.APPLICATION_JSON);
        return more;
    }
}
