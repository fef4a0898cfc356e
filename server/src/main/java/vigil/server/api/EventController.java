package vigil.server.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vigil.server.log.EventLog;
import vigil.server.staff.CurrentActor;
import vigil.server.staff.VictimDetails;

/** {@code GET /api/events?after=N&limit=M}: the committed log from seq N+1, in order, as replay lines in an array. */
@RestController
class EventController {
    static final int DEFAULT_LIMIT = 1_000;
    static final int MAX_LIMIT = 10_000;

    private final EventLog events;
    private final CurrentActor actors;
    private final VictimDetails victims;

    EventController(EventLog events, CurrentActor actors, VictimDetails victims) {
        this.events = events;
        this.actors = actors;
        this.victims = victims;
    }

    @GetMapping(path = "/api/events", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> events(HttpServletRequest request,
                                  @RequestParam(name = "after", required = false) String after,
                                  @RequestParam(name = "limit", required = false) String limit) {
        var actor = actors.of(request).orElseThrow(Problem::unauthenticated);
        long from = after == null ? 0 : number("after", after, 0, Long.MAX_VALUE);
        int max = limit == null ? DEFAULT_LIMIT : (int) number("limit", limit, 1, MAX_LIMIT);
        // Victim details are for RTRD, OIC and CRIME_MANAGER only (api.md), and their reads are recorded.
        String body = victims.forCaller(actor, "GET /api/events",
                "[" + String.join(",", events.after(from, max)) + "]");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    static long number(String name, String text, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw Problem.badRequest(name + " must be a whole number, not \"" + text + "\"", name);
        }
        if (v < min || v > max) {
            throw Problem.badRequest(name + " must be from " + min + " to " + max + ", not " + v, name);
        }
        return v;
    }
}
