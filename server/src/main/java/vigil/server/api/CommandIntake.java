package vigil.server.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.server.log.IdempotencyKey;
import vigil.server.log.Outcome;
import vigil.server.log.Writer;
import vigil.server.staff.StaffAccounts;
import vigil.server.staff.VictimDetails;
import vigil.sim.json.Fields;
import vigil.sim.json.InvalidInput;
import vigil.sim.scenario.ScenarioReader;

/**
 * The one way a person's command reaches the writer: {@code POST /api/commands} and the web UI's forms alike. The
 * same parsing (a scenario step without {@code at} and {@code by}), the same writer, the same answers (api.md
 * "Commands"): 200 with the events, or problem+json with {@code reason}, {@code field} and {@code seq}.
 */
@Component
public class CommandIntake {
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    private final Writer writer;
    private final StaffAccounts accounts;
    private final VictimDetails victims;

    CommandIntake(Writer writer, StaffAccounts accounts, VictimDetails victims) {
        this.writer = writer;
        this.accounts = accounts;
        this.victims = victims;
    }

    /**
     * Decides {@code command} (a JSON object with {@code do}) as {@code actor}: a 200 answer whose body is the events'
     * JSON text, or a problem answer whose body is a {@link org.springframework.http.ProblemDetail}. What is not a
     * command is thrown as an {@link org.springframework.web.ErrorResponseException} (400 naming the field); nothing is
     * recorded for it, nor for a malformed {@code idempotencyKey} (which may be null).
     */
    public ResponseEntity<?> take(Actor actor, JsonNode command, String idempotencyKey) {
        Command decided;
        try {
            Fields f = new Fields(command, "command");
            for (String forbidden : new String[] {"at", "by"}) {
                if (f.node().has(forbidden)) {
                    throw f.invalid(forbidden, forbidden.equals("by")
                            ? "must not be given: the command's actor is whoever is logged in"
                            : "must not be given: the server decides commands when they arrive");
                }
            }
            refuseLongIds(f);
            decided = ScenarioReader.command(command, actor, "command");
            if (decided instanceof Command.AddStaff a && !StaffAccounts.validUsername(a.staffId())) {
                // Its account would be refused after the event was recorded: a member no one could log in as.
                throw f.invalid("staffId", "must be 1 to 64 letters, digits and . _ @ - (it is the member's username)");
            }
        } catch (InvalidInput e) {
            throw Problem.notACommand(e.getMessage(), e.field());
        }
        IdempotencyKey key = idempotencyKey == null ? null : new IdempotencyKey(actor.id(),
                CommandController.checkedKey(idempotencyKey),
                sha256(CANONICAL.writeValueAsBytes(canonical(command))));
        Outcome outcome = CommandController.await(writer.submit(decided, key));
        if (outcome instanceof Outcome.Decided d) {
            accounts.follow(d.receipt().events()); // AddStaff creates the account, RemoveStaff disables it
        }
        return Answers.of(outcome, json -> victims.forCaller(actor, "POST /api/commands", json));
    }

    /** The most characters an id may have here: each must fit in an address (ADR 119). */
    static final int ID_LIMIT = 256;

    /**
     * An id (a field named {@code ...Id}, or {@code oic}, a staff id) is read back by its address:
     * {@code /api/incidents/{id}}, a page's, a redirect's. An address over 8 KB is refused before it is read, so an id
     * too long to be written in one could be recorded and never found again.
     */
    private static void refuseLongIds(Fields f) {
        for (String name : f.names()) {
            JsonNode v = f.node().get(name);
            if ((name.endsWith("Id") || name.equals("oic")) && v.isString()) {
                int length = v.asString().codePointCount(0, v.asString().length());
                if (length > ID_LIMIT) {
                    throw f.invalid(name, "is " + length + " characters long; an id is at most " + ID_LIMIT
                            + ", so that its address can be written");
                }
            }
        }
    }

    /**
     * {@code json} as the same JSON is always written: keys sorted (on writing), and each number as its value, so
     * {@code 51.5}, {@code 51.50} and {@code 5.15e1} are one number, as are {@code 0} and {@code 0.0}.
     */
    static JsonNode canonical(JsonNode json) {
        if (json.isNumber()) {
            return CANONICAL.getNodeFactory().numberNode(json.decimalValue().stripTrailingZeros());
        }
        if (json.isObject()) {
            ObjectNode out = CANONICAL.createObjectNode();
            json.properties().forEach(e -> out.set(e.getKey(), canonical(e.getValue())));
            return out;
        }
        if (json.isArray()) {
            ArrayNode out = CANONICAL.createArrayNode();
            json.forEach(e -> out.add(canonical(e)));
            return out;
        }
        return json;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
