package vigil.server.api;

import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * What each problem's {@code type} means, at its own address: RFC 9457 says a type URI, dereferenced, should give
 * documentation a person can read. {@code /problems/{type}} is a page open to anyone (a client holding a problem may
 * not be logged in), for every type the server answers: those named here, and each HTTP status's own (its name in
 * lower case, {@link Problem#slug}). Any other is 404.
 */
@Controller
class ProblemTypes {
    /** A type: the statuses it comes with, its title, what it means and what to do. */
    record Type(String name, String statuses, String title, String meaning, String then) {}

    static final List<Type> NAMED = List.of(
            new Type("not-a-command", "400", "Not a command", "The body of POST /api/commands is not a command of"
                    + " the scenario contract: broken JSON, an unknown \"do\", a field missing, mistyped or unknown, a"
                    + " bad instant, or \"at\" or \"by\" given. \"field\" names the field. Nothing was recorded.",
                    "Correct the request: sent again unchanged it is refused again."),
            new Type("command-refused", "403, 404, 409", "Command refused", "The engine refused the command and"
                    + " recorded the refusal: a CommandRejected event, whose \"seq\" the problem gives, with its"
                    + " \"reason\": 403 for NOT_PERMITTED; 404 for UNKNOWN_INCIDENT, UNKNOWN_UNIT, UNKNOWN_CALL and"
                    + " UNKNOWN_SCHEME; 409 for every other reason.", "The room is not as the command expected: read"
                    + " it again before deciding what to send."),
            new Type("unstorable-command", "422", "Command cannot be recorded", "The command holds a value the"
                    + " event log cannot store. Nothing of it was recorded and its Idempotency-Key was not kept;"
                    + " \"retryable\" is false.", "Change the value: sent again unchanged, it is refused again."),
            new Type("idempotency-key-reused", "422", "Idempotency-Key reused", "The Idempotency-Key was used"
                    + " before, by the same member of staff, with another body. Nothing was done.",
                    "Give each new command a key of its own."),
            new Type("unavailable", "503", "Not answering now", "The server is starting, stopping or recovering"
                    + " from a failed write, its queue is full, or another server holds the writer role on this"
                    + " database. Nothing was recorded; \"retryable\" is true.",
                    "Send the same request again after the seconds Retry-After gives."),
            new Type("unauthenticated", "401", "Not logged in", "No login came with the request, or its username"
                    + " and password are not right, or the account is not enabled.",
                    "Log in as yourself: HTTP Basic for /api, the login form for pages."),
            new Type("forbidden", "403", "Forbidden", "Who is logged in may not use this address (the actuator is"
                    + " the administrator's), or a form was posted without its CSRF token.",
                    "Log in as a member of staff whose role may, or load the form again."),
            new Type("not-permitted", "403", "Not permitted", "Staff accounts are the administrator's to list,"
                    + " add, change and remove.", "Ask an administrator."),
            new Type("bad-request", "400", "Bad request", "The address, a parameter or a header could not be read,"
                    + " or was refused unread because it could disguise what it asks for (//, ;, an encoded . % or"
                    + " \\, a control character). \"field\" names the parameter when one is to blame.",
                    "Correct the request."),
            new Type("too-large", "413", "Too large", "The body is over 64 KiB. Nothing was recorded.",
                    "Send a smaller body."),
            new Type("unsupported-media-type", "415", "Unsupported media type", "The body is not of a type this"
                    + " address takes: commands and staff are application/json. Nothing was recorded.",
                    "Send it as application/json."),
            new Type("duplicate-id", "409", "Account exists", "An account with this username, or a terminal for"
                    + " this unit, exists already.", "Set its password instead, or choose another username."),
            new Type("internal", "500", "Internal error", "The server failed to answer, and the failure is in its"
                    + " log. Nothing was recorded by the request.",
                    "Send it again; if it fails again, tell the administrator."),
            unknown("incident"), unknown("unit"), unknown("call"), unknown("scheme"), unknown("guidance"),
            unknown("notice"), unknown("staff"),
            new Type("no-such-incident", "404", "No such incident", "No incident with this id is in the reports"
                    + " yet: the reports follow the log, a moment behind it.",
                    "Check the id; a new incident is in the reports within a second or so."));

    private static Type unknown(String what) {
        return new Type("unknown-" + what, "404", "Unknown " + what, "No " + what + " has this id"
                + (what.equals("notice") ? " among your notices." : "."), "Check the id: ids are exact, case and"
                + " spaces included; one holding a slash is written %2F in the address.");
    }

    @GetMapping("/problems/{type}")
    String type(@PathVariable("type") String type, Model model) {
        Type t = find(type).orElseThrow(() -> Problem.of(HttpStatus.NOT_FOUND, "not-found", "No such problem type",
                "no problem type " + type));
        model.addAttribute("type", t);
        return "problem-type";
    }

    static Optional<Type> find(String name) {
        Optional<Type> named = NAMED.stream().filter(t -> t.name().equals(name)).findFirst();
        if (named.isPresent()) {
            return named;
        }
        for (HttpStatus s : HttpStatus.values()) {
            if ((s.is4xxClientError() || s.is5xxServerError()) && Problem.slug(s).equals(name)) {
                return Optional.of(new Type(name, String.valueOf(s.value()), s.getReasonPhrase(), "HTTP's own"
                        + " status " + s.value() + " (" + s.getReasonPhrase() + "): \"detail\" says what was refused"
                        + " and why.",
                        s.is5xxServerError() ? "Send the request again later." : "Correct the request."));
            }
        }
        return Optional.empty();
    }
}
