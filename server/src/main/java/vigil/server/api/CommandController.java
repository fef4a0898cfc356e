package vigil.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.server.log.IdempotencyKey;
import vigil.server.log.Outcome;
import vigil.server.log.Writer;
import vigil.server.staff.CurrentActor;
import vigil.server.staff.StaffAccounts;
import vigil.server.staff.VictimDetails;
import vigil.sim.json.Fields;
import vigil.sim.json.InvalidInput;
import vigil.sim.json.JsonFiles;
import vigil.sim.scenario.ScenarioReader;

/**
 * {@code POST /api/commands}: a scenario step without {@code at} and {@code by}, decided by the writer as the logged-in
 * actor. Anything that is not a command is answered 400/413/415 here and never reaches the log.
 */
@RestController
class CommandController {
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_KEY_LENGTH = 200;
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    private final Writer writer;
    private final CurrentActor actors;
    private final StaffAccounts accounts;
    private final VictimDetails victims;

    CommandController(Writer writer, CurrentActor actors, StaffAccounts accounts, VictimDetails victims) {
        this.writer = writer;
        this.actors = actors;
        this.accounts = accounts;
        this.victims = victims;
    }

    @PostMapping(path = "/api/commands", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> command(HttpServletRequest request,
                              @RequestHeader(name = "Idempotency-Key", required = false) String key)
            throws IOException {
        Actor actor = actors.of(request).orElseThrow(Problem::unauthenticated);
        requireJson(request.getContentType());
        String text = body(request);
        JsonNode root;
        Command command;
        try {
            if (text.isBlank()) {
                throw new InvalidInput("the body is empty: send one command as a JSON object");
            }
            root = JsonFiles.parse(text);
            Fields f = new Fields(root, "command");
            for (String forbidden : new String[] {"at", "by"}) {
                if (f.node().has(forbidden)) {
                    throw f.invalid(forbidden, forbidden.equals("by")
                            ? "must not be given: the command's actor is whoever is logged in"
                            : "must not be given: the server decides commands when they arrive");
                }
            }
            command = ScenarioReader.command(root, actor, "command");
        } catch (InvalidInput e) {
            throw Problem.notACommand(e.getMessage(), e.field());
        }
        IdempotencyKey idempotency = key == null ? null : new IdempotencyKey(actor.id(), checkedKey(key),
                sha256(CANONICAL.writeValueAsBytes(root)));
        Outcome outcome = await(writer.submit(command, idempotency));
        if (outcome instanceof Outcome.Decided d) {
            accounts.follow(d.receipt().events()); // AddStaff creates the account, RemoveStaff disables it
        }
        return Answers.of(outcome, json -> victims.forCaller(actor, "POST /api/commands", json));
    }

    static Outcome await(java.util.concurrent.CompletableFuture<Outcome> answer) {
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Still queued or being written: it may yet be recorded, so say so; a retry with its key is safe.
            return new Outcome.Unavailable("no answer from the log within 30 s; the command may still be recorded:"
                    + " retry with the same Idempotency-Key to find out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Unavailable("the server is stopping");
        } catch (ExecutionException e) {
            return new Outcome.Unavailable("the command could not be decided");
        }
    }

    static void requireJson(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).trim();
        String mime = type.split(";", 2)[0].trim();
        if (!mime.equals("application/json")) {
            throw Problem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Not JSON",
                    "send the command as Content-Type: application/json"
                            + (contentType == null ? " (no Content-Type was given)" : " (not " + contentType + ")"))
                    .field("Content-Type");
        }
        int charset = type.indexOf("charset=");
        if (charset >= 0) {
            String cs = type.substring(charset + 8).split(";", 2)[0].replace("\"", "").trim();
            if (!cs.equals("utf-8") && !cs.equals("utf8")) {
                throw Problem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Not UTF-8",
                        "commands are UTF-8 JSON, not " + cs).field("Content-Type");
            }
        }
    }

    static String body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw Problem.notACommand("the body is not UTF-8 text", null);
        }
    }

    private static Problem tooLarge() {
        return Problem.of(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Body too large",
                "a command is at most " + MAX_BODY_BYTES / 1024 + " KiB");
    }

    private static String checkedKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
            throw Problem.badRequest("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                    + " printable ASCII characters without spaces", "Idempotency-Key");
        }
        return key;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
