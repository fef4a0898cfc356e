package vigil.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Actor;
import vigil.core.Location;
import vigil.core.Recipient;
import vigil.core.engine.NearestUnit;
import vigil.core.engine.Queries;
import vigil.core.engine.Travel;
import vigil.server.log.EventLog;
import vigil.server.log.Writer;
import vigil.server.staff.CurrentActor;
import vigil.server.staff.VictimDetails;

/**
 * The control room's picture for any member of staff logged in (api.md "Reads"): incidents, units, calls, schemes and
 * the caller's open alerts. Live state comes from the engine's queries, run on the writer after the batch they arrive
 * with has committed ({@link Writer#ask}); timelines and calls come from the committed log. A scheme's victim details
 * only for the roles {@link VictimDetails} names, each such answer recorded.
 */
@RestController
class ReadController {
    /** The server's travel model for recommendations: urban roads at 48 km/h, 1.4 times the straight line. */
    static final Travel TRAVEL = Travel.byRoad(48, 1.4);
    static final int RECOMMENDATIONS = 5;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Writer writer;
    private final CurrentActor actors;
    private final VictimDetails victims;
    private final InstantSource clock;
    private final EventLog log;
    private final IncidentTimeline timelines;

    ReadController(Writer writer, CurrentActor actors, VictimDetails victims, InstantSource clock, EventLog log,
                   IncidentTimeline timelines) {
        this.writer = writer;
        this.actors = actors;
        this.victims = victims;
        this.clock = clock;
        this.log = log;
        this.timelines = timelines;
    }

    @GetMapping(path = "/api/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> incidents(HttpServletRequest request,
                                     @RequestParam(name = "open", required = false) String open) {
        caller(request);
        boolean onlyOpen = open != null && switch (open) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Problem.badRequest("open must be true or false, not \"" + open + "\"", "open");
        };
        // Open work first (grade, then oldest), then the closed still held in the same order: not anyone's most urgent.
        List<Queries.IncidentView> all = Reads.ask(writer, q -> onlyOpen ? q.openIncidents()
                : Stream.concat(q.openIncidents().stream(),
                        q.incidents().stream().filter(Queries.IncidentView::closed)).toList());
        Instant now = clock.instant();
        ArrayNode out = JSON.createArrayNode();
        all.forEach(i -> out.add(incident(i, now)));
        return ok(out);
    }

    /**
     * One incident as it stands, with its timeline: every event of the log that names it, in order (each carries its
     * {@code at} and, but for a deadline's, its {@code by}). An incident closed long enough ago to have left live state
     * is answered from its timeline alone.
     */
    @GetMapping(path = "/api/incidents/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> incident(HttpServletRequest request, @PathVariable("id") String id) {
        Actor actor = caller(request);
        Optional<Queries.IncidentView> live = Reads.ask(writer, q -> q.incident(id));
        ObjectNode out;
        if (live.isPresent()) {
            out = incident(live.get(), clock.instant());
        } else {
            out = JSON.createObjectNode();
            out.put("id", id);
            out.put("state", "CLOSED"); // only a closed incident leaves live state
        }
        out.put("live", live.isPresent());
        IncidentTimeline.Lines t = timelines.of(id);
        if (live.isEmpty() && t.lines().isEmpty()) {
            throw unknown("incident", id);
        }
        ArrayNode lines = out.putArray("timeline");
        t.lines().forEach(l -> lines.add(JSON.readTree(l)));
        out.put("timelineComplete", t.complete());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(victims.forCaller(actor, "GET /api/incidents/" + id, JSON.writeValueAsString(out)));
    }

    /** The available units nearest the scene by travel time, with ETA; then those not ranked, in roster order. */
    @GetMapping(path = "/api/incidents/{id}/recommendations", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> recommendations(HttpServletRequest request, @PathVariable("id") String id) {
        caller(request);
        record Found(Location scene, List<NearestUnit> nearest, List<Queries.UnitView> free) {}
        Found f = Reads.ask(writer, q -> q.incident(id).map(i -> {
            Location scene = q.incidentLocation(id).orElse(null);
            List<NearestUnit> near = scene == null ? List.of() : q.nearestAvailable(scene, TRAVEL, RECOMMENDATIONS);
            // Free units that cannot be ranked (no scene, or no known place) follow, in roster order: none is hidden.
            List<Queries.UnitView> free = q.units().stream()
                    .filter(u -> (scene == null || u.location() == null) && q.isAvailable(u.id()))
                    .limit(RECOMMENDATIONS - near.size()).toList();
            return new Found(scene, near, free);
        })).orElseThrow(() -> unknown("incident", id));
        ObjectNode out = JSON.createObjectNode();
        out.put("incidentId", id);
        out.set("scene", f.scene() == null ? null : JSON.valueToTree(f.scene()));
        ArrayNode units = out.putArray("units");
        for (NearestUnit n : f.nearest()) {
            ObjectNode u = units.addObject();
            u.put("unitId", n.unitId());
            u.set("location", n.location() == null ? null : JSON.valueToTree(n.location()));
            u.put("km", Double.isNaN(n.km()) ? null : Math.round(n.km() * 100) / 100.0);
            u.put("eta", n.travelTime() == null ? null : n.travelTime().withNanos(0).toString());
            u.put("etaSeconds", n.travelTime() == null ? null : n.travelTime().toSeconds());
        }
        for (Queries.UnitView v : f.free()) {
            ObjectNode u = units.addObject();
            u.put("unitId", v.id());
            u.set("location", v.location() == null ? null : JSON.valueToTree(v.location()));
            u.putNull("km");
            u.putNull("eta");
            u.putNull("etaSeconds");
        }
        return ok(out);
    }

    @GetMapping(path = "/api/units", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> units(HttpServletRequest request) {
        caller(request);
        ArrayNode out = JSON.createArrayNode();
        for (Queries.UnitView u : Reads.ask(writer, Queries::units)) {
            ObjectNode n = out.addObject();
            n.put("id", u.id());
            n.put("callSign", u.callSign());
            n.put("bcu", u.bcu());
            n.put("status", u.atScene() ? "AT_SCENE" : u.committedTo() != null ? "ASSIGNED" : u.status().name());
            n.put("incidentId", u.committedTo());
            n.put("acknowledged", u.acknowledged() || u.atScene()); // arriving answers the assignment (scenario.md)
            n.set("location", u.location() == null ? null : JSON.valueToTree(u.location()));
        }
        return ok(out);
    }

    /** A call as recorded, what its recording found, and the incident that took it (from the log). */
    @GetMapping(path = "/api/calls/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> call(HttpServletRequest request, @PathVariable("id") String id) {
        caller(request);
        List<String> lines = log.call(id);
        if (lines.isEmpty()) {
            throw unknown("call", id);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("id", id);
        out.putNull("incidentId");
        ArrayNode schemes = JSON.createArrayNode();
        ArrayNode previousSchemes = JSON.createArrayNode();
        JsonNode previousContacts = null;
        for (String line : lines) {
            JsonNode e = JSON.readTree(line);
            switch (e.get("type").asString()) {
                case "CallRecorded" -> out.set("call", e);
                case "SchemeMatched" -> schemes.add(e);
                case "PreviousSchemeFound" -> previousSchemes.add(e);
                case "PreviousContactsFound" -> previousContacts = e;
                default -> out.put("incidentId", e.get("incidentId").asString()); // IncidentCreated, CallLinked
            }
        }
        out.set("schemes", schemes);
        out.set("previousSchemes", previousSchemes);
        out.set("previousContacts", previousContacts);
        return ok(out);
    }

    @GetMapping(path = "/api/schemes", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> schemes(HttpServletRequest request) {
        Actor actor = caller(request);
        ArrayNode out = JSON.createArrayNode();
        Set<String> shown = new LinkedHashSet<>();
        for (Queries.SchemeView s : Reads.ask(writer, Queries::schemes)) {
            out.add(scheme(s, actor, shown));
        }
        victims.recordRead(actor, "GET /api/schemes", shown);
        return ok(out);
    }

    @GetMapping(path = "/api/schemes/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> scheme(HttpServletRequest request, @PathVariable("id") String id) {
        Actor actor = caller(request);
        Queries.SchemeView s = Reads.ask(writer, q -> q.scheme(id)).orElseThrow(() -> unknown("scheme", id));
        Set<String> shown = new LinkedHashSet<>();
        ObjectNode out = scheme(s, actor, shown);
        victims.recordRead(actor, "GET /api/schemes/" + id, shown);
        return ok(out);
    }

    /** The caller's open alerts: addressed to them by id, or to their role (in their BCU, or in any). */
    @GetMapping(path = "/api/alerts", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> alerts(HttpServletRequest request) {
        Actor actor = caller(request);
        record Mine(List<Queries.AlertView> alerts, String bcu) {}
        Mine mine = Reads.ask(writer, q -> {
            // The roster's BCU, not the account's: the engine addresses alerts by the roster.
            String bcu = q.staffMember(actor.id()).map(Queries.StaffView::bcu).orElse(actor.bcu());
            return new Mine(q.openAlerts().stream().filter(a -> addressedTo(a.notifies(), actor, bcu)).toList(), bcu);
        });
        ArrayNode out = JSON.createArrayNode();
        for (Queries.AlertView a : mine.alerts()) {
            ObjectNode n = out.addObject();
            n.put("type", a.type());
            n.put("incidentId", a.incidentId());
            n.put("unitId", a.unitId());
            n.put("schemeId", a.schemeId());
            ObjectNode to = n.putObject("notifies");
            if (a.notifies().staffId() != null) {
                to.put("staffId", a.notifies().staffId());
            } else {
                to.put("role", a.notifies().role().name());
                to.put("bcu", a.notifies().bcu());
            }
        }
        return ok(out);
    }

    static boolean addressedTo(Recipient r, Actor actor, String bcu) {
        if (r.staffId() != null) {
            return r.staffId().equals(actor.id());
        }
        return r.role() == actor.role() && (r.bcu() == null || r.bcu().equals(bcu));
    }

    private static ObjectNode scheme(Queries.SchemeView s, Actor actor, Set<String> shown) {
        ObjectNode n = JSON.valueToTree(s);
        n.remove("id");
        n.put("schemeId", s.id());
        if (!VictimDetails.maySee(actor.role())) {
            VictimDetails.FIELDS.forEach(n::remove);
        } else if (s.victimName() != null || s.preferredContact() != null) {
            shown.add(s.id());
        }
        return n;
    }

    static ObjectNode incident(Queries.IncidentView i, Instant now) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", i.id());
        n.put("callId", i.callId());
        n.put("grade", i.grade().name());
        n.put("state", i.closed() ? "CLOSED" : i.attendedAt() != null ? "ATTENDED"
                : i.committedUnits().isEmpty() ? "UNRESOURCED" : "RESOURCED");
        n.put("bcu", i.bcu());
        n.put("createdAt", i.createdAt().toString());
        n.put("targetAt", i.targetAt() == null ? null : i.targetAt().toString());
        if (i.targetAt() != null && !i.closed() && i.attendedAt() == null) {
            Duration left = Duration.between(now, i.targetAt()).withNanos(0);
            // Past the target: "-PT1M30S" (ISO 8601-2's sign before the whole), not Java's "PT-1M-30S".
            n.put("timeLeft", left.isNegative() ? "-" + left.negated() : left.toString());
            n.put("timeLeftSeconds", left.toSeconds());
        } else {
            n.putNull("timeLeft");
            n.putNull("timeLeftSeconds");
        }
        n.put("attendedAt", i.attendedAt() == null ? null : i.attendedAt().toString());
        ArrayNode tags = n.putArray("tags");
        if (i.divertTagged()) {
            tags.add("DIVERT");
        }
        ArrayNode units = n.putArray("committedUnits");
        i.committedUnits().forEach(units::add);
        n.put("unresourced", i.unresourced());
        n.put("reallocationRequested", i.reallocationRequested());
        return n;
    }

    private Actor caller(HttpServletRequest request) {
        return actors.of(request).orElseThrow(Problem::unauthenticated);
    }

    private static Problem unknown(String what, String id) {
        return Problem.of(HttpStatus.NOT_FOUND, "unknown-" + what, "Unknown " + what, "no " + what + " " + id)
                .reason("UNKNOWN_" + what.toUpperCase(java.util.Locale.ROOT));
    }

    private static ResponseEntity<String> ok(JsonNode body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body));
    }
}
