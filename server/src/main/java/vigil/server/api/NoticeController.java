package vigil.server.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Actor;
import vigil.server.notice.Notice;
import vigil.server.notice.Notices;
import vigil.server.staff.CurrentActor;

/**
 * The caller's own mailbox (docs/contracts/extensions.md): {@code GET /api/notices}, newest first, with the unread
 * count; {@code POST /api/notices/{id}/read}. Anyone logged in has one; nobody sees another's (someone else's notice
 * is answered as one that does not exist).
 */
@RestController
class NoticeController {
    static final int DEFAULT_LIMIT = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Notices notices;
    private final CurrentActor actors;

    NoticeController(Notices notices, CurrentActor actors) {
        this.notices = notices;
        this.actors = actors;
    }

    @GetMapping(path = "/api/notices", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> mine(HttpServletRequest request,
                                @RequestParam(name = "limit", required = false) String limit,
                                @RequestParam(name = "before", required = false) String before) {
        Actor actor = actors.of(request).orElseThrow(Problem::unauthenticated);
        int n = limit == null ? DEFAULT_LIMIT : (int) EventController.number("limit", limit, 1, Notices.MAX_PAGE);
        Long until = before == null ? null : EventController.number("before", before, 1, Long.MAX_VALUE);
        Notices.Mailbox box = notices.mine(actor.id(), n, until);
        ObjectNode out = JSON.createObjectNode();
        out.put("unread", box.unread());
        ArrayNode list = out.putArray("notices");
        box.notices().forEach(x -> list.add(x.json()));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(out));
    }

    @PostMapping(path = "/api/notices/{id}/read", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> read(HttpServletRequest request, @PathVariable("id") String id) {
        Actor actor = actors.of(request).orElseThrow(Problem::unauthenticated);
        long noticeId;
        try {
            noticeId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw noSuchNotice(id);
        }
        Notice n = notices.markRead(actor.id(), noticeId).orElseThrow(() -> noSuchNotice(id));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(n.jsonText());
    }

    private static Problem noSuchNotice(String id) {
        return Problem.of(HttpStatus.NOT_FOUND, "unknown-notice", "Unknown notice", "you have no notice " + id)
                .reason("UNKNOWN_NOTICE");
    }
}
