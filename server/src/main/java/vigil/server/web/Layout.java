package vigil.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import vigil.core.Command;
import vigil.core.Event;
import vigil.core.Permissions;
import vigil.core.Role;
import vigil.server.notice.Notices;
import vigil.server.staff.CurrentActor;

/**
 * What every page's layout needs: who is logged in (their navigation, their count of unread notices), the event types
 * {@code live.js} listens for, and how long a silent page waits before it shows itself stale.
 */
@ControllerAdvice(basePackageClasses = Layout.class)
class Layout {
    /** Every event type the engine records (the stream's {@code event:} names), from the sealed hierarchy itself. */
    static final String EVENT_TYPES = String.join(" ", eventTypes(Event.class, new ArrayList<>()));
    private static final Map<Role, Map<String, Boolean>> MAY = new EnumMap<>(Role.class);

    static {
        for (Role role : Role.values()) {
            Map<String, Boolean> may = new HashMap<>();
            for (Class<?> type : Command.class.getPermittedSubclasses()) {
                if (type.isRecord()) {
                    may.put(type.getSimpleName(), Permissions.may(role, type.asSubclass(Command.class)));
                }
            }
            MAY.put(role, Map.copyOf(may));
        }
    }

    private final CurrentActor actors;
    private final Notices notices;
    private final long staleAfterSeconds;

    Layout(CurrentActor actors, Notices notices,
           @Value("${vigil.web.stale-after:PT30S}") java.time.Duration staleAfter) {
        this.actors = actors;
        this.notices = notices;
        this.staleAfterSeconds = staleAfter.toSeconds();
    }

    @ModelAttribute("me")
    Who me(HttpServletRequest request) {
        return actors.of(request).map(Who::of).orElse(null);
    }

    /** The navigation's mailbox link with the unread count: counted only if the template shows it. */
    @ModelAttribute("mailbox")
    NoticePages.Unread mailbox(HttpServletRequest request) {
        return actors.of(request).map(a -> new NoticePages.Unread(notices, a.id())).orElse(null);
    }

    /**
     * What the logged-in role may send, by command name ({@code may['AssignUnit']}): the engine's own table
     * ({@link Permissions}), so that a page offers each desk its forms and no other's. The engine still decides each.
     */
    @ModelAttribute("may")
    Map<String, Boolean> may(HttpServletRequest request) {
        return actors.of(request).map(a -> MAY.get(a.role())).orElse(Map.of());
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("eventTypes")
    String eventTypes() {
        return EVENT_TYPES;
    }

    /** A form not yet filled in, for lists of forms (one per item) that show only the one sent. */
    @ModelAttribute("noForm")
    Form noForm() {
        return Form.empty();
    }

    @ModelAttribute("staleAfter")
    long staleAfter() {
        return staleAfterSeconds;
    }

    private static List<String> eventTypes(Class<?> type, List<String> out) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                eventTypes(sub, out);
            }
        } else if (type.isRecord()) {
            out.add(type.getSimpleName());
        }
        return out;
    }
}
