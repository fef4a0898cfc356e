package vigil.server.staff;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import vigil.core.Actor;

/**
 * The one seam between who is logged in and who the engine sees: the caller of a request as the {@link Actor} of its
 * commands. Empty when nobody is logged in. A request can never name its own actor; only this decides.
 */
public interface CurrentActor {
    Optional<Actor> of(HttpServletRequest request);
}
