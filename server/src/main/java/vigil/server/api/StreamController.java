package vigil.server.api;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vigil.core.Actor;
import vigil.server.live.LiveEvents;
import vigil.server.live.Subscription;
import vigil.server.notice.Notices;
import vigil.server.staff.CurrentActor;
import vigil.server.staff.StaffAccounts;
import vigil.server.staff.VictimDetails;

/**
 * {@code GET /api/events/stream}: the committed log as Server-Sent Events, from after {@code Last-Event-ID} (the
 * header an EventSource sends when it reconnects) or else {@code ?after=N} (else from now). Everything that can be
 * refused is refused before the stream starts, as problem+json; then the request's own thread (a virtual thread)
 * runs the stream until the client goes (docs/adr/070).
 */
@RestController
class StreamController {
    private final LiveEvents live;
    private final CurrentActor actors;
    private final VictimDetails victimDetails;
    private final Notices notices;
    private final StaffAccounts accounts;

    StreamController(LiveEvents live, CurrentActor actors, VictimDetails victimDetails, Notices notices,
                     StaffAccounts accounts) {
        this.live = live;
        this.actors = actors;
        this.victimDetails = victimDetails;
        this.notices = notices;
        this.accounts = accounts;
    }

    @GetMapping("/api/events/stream")
    void stream(HttpServletRequest request, HttpServletResponse response,
                @RequestParam(name = "after", required = false) String after,
                @RequestParam(name = "heartbeat", required = false) String heartbeat,
                @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) throws IOException {
        Actor actor = actors.of(request).orElseThrow(Problem::unauthenticated);
        Accepts.require(request, MediaType.TEXT_EVENT_STREAM, "this answer is text/event-stream (Server-Sent Events)");
        // A reconnecting EventSource sends Last-Event-ID and still asks for its first URL: the header is the later news.
        long from = lastEventId != null && !lastEventId.isBlank()
                ? EventController.number("Last-Event-ID", lastEventId, 0, Long.MAX_VALUE)
                : after != null ? EventController.number("after", after, 0, Long.MAX_VALUE)
                : Math.max(0, live.delivered());
        // A page's EventSource cannot see comments: it asks for heartbeats as events to tell quiet from cut (ADR 090).
        boolean heartbeatEvents = heartbeat != null && switch (heartbeat) {
            case "event" -> true;
            case "comment" -> false;
            default -> throw Problem.badRequest("heartbeat must be comment or event, not \"" + heartbeat + "\"",
                    "heartbeat");
        };
        if (HttpMethod.HEAD.matches(request.getMethod())) {
            // Spring answers HEAD with the GET handler; a stream nobody reads would only end when the server stops.
            response.setContentType("text/event-stream");
            return;
        }
        Subscription subscription;
        try {
            // The caller's own notices ride on the stream as `notice` frames without an id (docs/adr/081).
            subscription = live.subscribe(from, line -> visibleTo(actor, line), actor.id(), notices.asides(actor.id()),
                    heartbeatEvents);
        } catch (LiveEvents.Refused e) {
            Problem p = Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Not streaming now", e.getMessage());
            p.getBody().setProperty("retryable", true);
            p.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            throw p;
        }
        response.setStatus(HttpStatus.OK.value());
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Accel-Buffering", "no"); // a proxy in front must pass each event on as it comes
        ServletOutputStream out = response.getOutputStream();
        try {
            subscription.run(text -> {
                // Logged in once, read for hours: someone removed (or a terminal switched off) gets nothing more.
                if (!accounts.find(actor.id()).map(StaffAccounts.Account::enabled).orElse(false)) {
                    throw new IOException(actor.id() + " can no longer log in");
                }
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            });
        } catch (IOException gone) {
            // The client went away (noticed on a write), or may no longer read: nothing to answer.
        }
    }

    /**
     * THE one place every line of the stream passes on its way to a subscriber: the same filter as
     * {@code GET /api/events} (victim details only for RTRD, OIC and CRIME_MANAGER, api.md; each such read recorded).
     */
    String visibleTo(Actor actor, String line) {
        return victimDetails.forCaller(actor, "GET /api/events/stream", line);
    }
}
