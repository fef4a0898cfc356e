package vigil.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Whether the client reads the type an answer is in, for the answers whose type the handler picks itself (a report's
 * {@code format}, the live stream): Spring weighs {@code Accept} only for the answers it converts, and let these go out
 * to a client that had named only types they are not (audit 8). No {@code Accept}, or a range that includes the type
 * with a quality above 0, lets the answer go; as for every JSON answer, a client reading {@code application/problem+json}
 * reads JSON too ({@link ProblemReadersReadJson}). Otherwise 406, before anything is done.
 */
final class Accepts {
    private Accepts() {}

    /** Refuses the request 406, saying {@code what} the answer would be, unless its client reads {@code type}. */
    static void require(HttpServletRequest request, MediaType type, String what) {
        List<String> headers = Collections.list(request.getHeaders("Accept"));
        if (headers.isEmpty()) {
            return;
        }
        List<MediaType> named;
        try {
            named = MediaType.parseMediaTypes(headers);
        } catch (InvalidMediaTypeException e) {
            throw notAcceptable("Accept could not be read: " + what);
        }
        if (named.isEmpty()) { // an empty Accept, taken as none (as Spring takes it for the other answers)
            return;
        }
        MediaType bare = new MediaType(type.getType(), type.getSubtype());
        if (ProblemReadersReadJson.withJson(named).stream().noneMatch(a -> a.includes(bare))) {
            throw notAcceptable(what);
        }
    }

    private static Problem notAcceptable(String detail) {
        return Problem.of(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not Acceptable", detail).field("Accept");
    }
}
