package vigil.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
import vigil.core.Actor;
import vigil.server.log.Outcome;
import vigil.server.staff.CurrentActor;
import vigil.sim.json.InvalidInput;
import vigil.sim.json.JsonFiles;

/**
 * {@code POST /api/commands}: a scenario step without {@code at} and {@code by}, decided by the writer as the logged-in
 * actor ({@link CommandIntake}, the web UI's way too). Anything that is not a command is answered 400/413/415 and never
 * reaches the log.
 */
@RestController
class CommandController {
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_KEY_LENGTH = 200;

    private final CurrentActor actors;
    private final CommandIntake intake;

    CommandController(CurrentActor actors, CommandIntake intake) {
        this.actors = actors;
        this.intake = intake;
    }

    @PostMapping(path = "/api/commands", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> command(HttpServletRequest request,
                              @RequestHeader(name = "Idempotency-Key", required = false) String key)
            throws IOException {
        Actor actor = actors.of(request).orElseThrow(Problem::unauthenticated);
        requireJson(request.getContentType());
        if (key != null && java.util.Collections.list(request.getHeaders("Idempotency-Key")).size() > 1) {
            // Which of them would a retry send? Neither can be kept as this command's key.
            throw Problem.badRequest("Idempotency-Key is given more than once: give one", "Idempotency-Key");
        }
        String text = body(request);
        JsonNode root;
        try {
            if (text.isBlank()) {
                throw new InvalidInput("the body is empty: send one command as a JSON object");
            }
            root = JsonFiles.parse(text);
        } catch (InvalidInput e) {
            throw Problem.notACommand(e.getMessage(), e.field());
        }
        return intake.take(actor, root, key);
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
        String coding = request.getHeader("Content-Encoding");
        if (coding != null && !coding.isBlank() && !coding.trim().equalsIgnoreCase("identity")) {
            throw Problem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Encoded body",
                    "send the body as it is, not " + coding.trim() + "-encoded").field("Content-Encoding");
        }
        long length = request.getContentLengthLong();
        if (length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            // Its length, when given (Tomcat ends the stream there): a read of up to 64 KiB starts with a 16 KiB
            // buffer, for a command of some 100 bytes, and that was a tenth of all the server allocated under load.
            bytes = in.readNBytes(length >= 0 ? (int) length + 1 : MAX_BODY_BYTES + 1);
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

    static String checkedKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
            throw Problem.badRequest("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                    + " printable ASCII characters without spaces", "Idempotency-Key");
        }
        return key;
    }

}
