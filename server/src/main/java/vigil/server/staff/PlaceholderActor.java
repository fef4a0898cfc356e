package vigil.server.staff;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vigil.core.Actor;
import vigil.core.Role;

/**
 * PLACEHOLDER until staff accounts exist: the caller says who they are in a {@code Vigil-Actor: ROLE id [bcu]} header
 * and is believed. Staff users with passwords (HTTP Basic) replace this class; nothing else changes.
 */
@Component
class PlaceholderActor implements CurrentActor {
    static final String HEADER = "Vigil-Actor";
    private static final Logger log = LoggerFactory.getLogger(PlaceholderActor.class);

    PlaceholderActor() {
        log.warn("staff login is not built yet: the {} header names the actor of each request, unchecked", HEADER);
    }

    @Override
    public Optional<Actor> of(HttpServletRequest request) {
        String h = request.getHeader(HEADER);
        if (h == null) {
            return Optional.empty();
        }
        String[] parts = h.trim().split("\\s+");
        if (parts.length < 2 || parts.length > 3) {
            return Optional.empty();
        }
        Role role;
        try {
            role = Role.valueOf(parts[0]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new Actor(parts[1], role, parts.length == 3 ? parts[2] : null));
    }
}
