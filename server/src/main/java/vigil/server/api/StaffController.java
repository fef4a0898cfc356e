package vigil.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import vigil.core.Actor;
import vigil.server.staff.CurrentActor;
import vigil.sim.json.InvalidInput;
import vigil.sim.json.JsonFiles;

/**
 * {@code /api/staff}, the administrator's accounts (extensions.md): the request's JSON handed to {@link StaffIntake},
 * which the web UI's admin pages use too.
 */
@RestController
class StaffController {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CurrentActor actors;
    private final StaffIntake intake;

    StaffController(CurrentActor actors, StaffIntake intake) {
        this.actors = actors;
        this.intake = intake;
    }

    @GetMapping(path = "/api/staff", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> list(HttpServletRequest request) {
        ArrayNode out = JSON.createArrayNode();
        intake.list(caller(request)).forEach(a -> out.add(StaffIntake.json(a)));
        return StaffIntake.ok(HttpStatus.OK, out);
    }

    @PostMapping(path = "/api/staff", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> add(HttpServletRequest request) throws IOException {
        Actor actor = caller(request);
        return intake.add(actor, body(request));
    }

    @DeleteMapping(path = "/api/staff/{username}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> remove(HttpServletRequest request, @PathVariable("username") String username) {
        return intake.remove(caller(request), username);
    }

    @PutMapping(path = "/api/staff/{username}/password", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> password(HttpServletRequest request, @PathVariable("username") String username)
            throws IOException {
        Actor actor = caller(request);
        intake.mayManage(actor, username); // before the body is read, as the answer to anyone else does not depend on it
        JsonNode body = request.getContentLengthLong() == 0 ? JSON.createObjectNode() : body(request);
        return intake.password(actor, username, body);
    }

    @PutMapping(path = "/api/staff/{username}/email", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> email(HttpServletRequest request, @PathVariable("username") String username)
            throws IOException {
        Actor actor = caller(request);
        intake.mayManage(actor, username);
        return intake.email(actor, username, body(request));
    }

    private Actor caller(HttpServletRequest request) {
        return actors.of(request).orElseThrow(Problem::unauthenticated);
    }

    private static JsonNode body(HttpServletRequest request) throws IOException {
        CommandController.requireJson(request.getContentType());
        String text = CommandController.body(request);
        try {
            if (text.isBlank()) {
                throw new InvalidInput("the body is empty: send a JSON object");
            }
            return JsonFiles.parse(text);
        } catch (InvalidInput e) {
            throw Problem.notACommand(e.getMessage(), e.field());
        }
    }
}
