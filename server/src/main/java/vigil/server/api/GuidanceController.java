package vigil.server.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.engine.GuidanceView;
import vigil.core.engine.Queries;
import vigil.server.log.Writer;
import vigil.server.staff.CurrentActor;

/**
 * Guidance read and understood (docs/contracts/extensions.md): {@code GET /api/guidance} and
 * {@code GET /api/guidance/{id}} say, for anyone logged in, whom each guidance is for, who has confirmed it and when,
 * and who has not. It is published and confirmed through {@code POST /api/commands} ({@code PublishGuidance},
 * {@code ConfirmGuidance}); the answer comes from the engine, asked on the writer.
 */
@RestController
class GuidanceController {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Writer writer;
    private final CurrentActor actors;

    GuidanceController(Writer writer, CurrentActor actors) {
        this.writer = writer;
        this.actors = actors;
    }

    @GetMapping(path = "/api/guidance", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> all(HttpServletRequest request) {
        actors.of(request).orElseThrow(Problem::unauthenticated);
        ArrayNode out = JSON.createArrayNode();
        Reads.ask(writer, Queries::guidance).forEach(g -> out.add(json(g)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(out));
    }

    @GetMapping(path = "/api/guidance/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> one(HttpServletRequest request, @PathVariable("id") String id) {
        actors.of(request).orElseThrow(Problem::unauthenticated);
        GuidanceView g = Reads.ask(writer, q -> q.guidance().stream().filter(x -> x.id().equals(id)).findFirst())
                .orElseThrow(() -> Problem.of(
                HttpStatus.NOT_FOUND, "unknown-guidance", "Unknown guidance", "no guidance " + id)
                .reason("UNKNOWN_GUIDANCE"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(json(g)));
    }

    private static ObjectNode json(GuidanceView g) {
        ObjectNode n = JSON.createObjectNode();
        n.put("guidanceId", g.id());
        n.put("title", g.title());
        n.put("text", g.text());
        ArrayNode roles = n.putArray("roles");
        g.roles().forEach(r -> roles.add(r.name()));
        n.put("publishedAt", g.publishedAt().toString());
        ArrayNode confirmed = n.putArray("confirmed");
        g.confirmed().forEach(c -> confirmed.addObject().put("staffId", c.staffId()).put("at", c.at().toString()));
        ArrayNode unconfirmed = n.putArray("unconfirmed");
        g.unconfirmed().forEach(unconfirmed::add);
        return n;
    }
}
