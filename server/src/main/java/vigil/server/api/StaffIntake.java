package vigil.server.api;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Role;
import vigil.core.engine.Queries;
import vigil.server.log.Outcome;
import vigil.server.log.Writer;
import vigil.server.staff.StaffAccounts;
import vigil.sim.json.Fields;
import vigil.sim.json.InvalidInput;

/**
 * The administrator's accounts (extensions.md "/api/staff"), for {@code /api/staff} and the web UI's admin pages alike:
 * the same checks, the same commands, the same answers. Adding and removing a member of staff are the engine's
 * {@code AddStaff} and {@code RemoveStaff}, decided as any command is (so refused {@code NOT_PERMITTED} to anyone the
 * roster does not make an administrator) and recorded in the log; the account follows the command. Passwords, email
 * addresses and unit terminals have no command: for those the engine's roster is asked whether the caller is an
 * administrator. What is not a request is thrown as a 400 {@link org.springframework.web.ErrorResponseException}
 * naming the field; a refusal is answered as {@code POST /api/commands} answers one.
 */
@Component
public class StaffIntake {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Writer writer;
    private final StaffAccounts accounts;
    private final InstantSource clock;

    StaffIntake(Writer writer, StaffAccounts accounts, InstantSource clock) {
        this.writer = writer;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Every account, for an administrator on the roster (anyone else: 403). */
    public List<StaffAccounts.Account> list(Actor actor) {
        requireAdmin(actor);
        return accounts.all();
    }

    /**
     * {@code {staffId, role, bcu?, email?, password?}}: {@code AddStaff} as the caller, then the account with the
     * password given (or one generated and answered once). {@code {role: "UNIT", unitId, email?, password?}}: an account
     * for the unit's terminal, named after the unit (or the one switched off, on again with a new password). 201
     * {@code {account, events, lastSeq, password}}.
     */
    public ResponseEntity<?> add(Actor actor, JsonNode body) {
        Fields f = fields(body, "staff");
        Role role;
        String bcu;
        String email;
        String password;
        try {
            f.onlyKnown(List.of("staffId", "role", "bcu", "unitId", "email", "password"));
            role = f.enumeration("role", Role.class);
            bcu = f.optionalText("bcu");
            email = email(f.optionalText("email"));
            password = f.optionalText("password");
        } catch (InvalidInput e) {
            throw Problem.notACommand(e.getMessage(), e.field());
        }
        boolean generated = password == null;
        password = generated ? StaffAccounts.randomPassword() : checkedPassword(password);
        ObjectNode answer = JSON.createObjectNode();
        if (role == Role.UNIT) {
            requireAdmin(actor);
            String unitId = username(text(f, "unitId"), "unitId");
            if (f.has("staffId")) {
                throw Problem.badRequest("a unit's terminal is named after its unit: give unitId only", "staffId");
            }
            Queries.UnitView unit = Reads.ask(writer, q -> q.unit(unitId)).orElseThrow(() -> Problem.of(
                    HttpStatus.NOT_FOUND, "unknown-unit", "Unknown unit", "no unit " + unitId + " on the roster")
                    .field("unitId").reason("UNKNOWN_UNIT"));
            StaffAccounts.Account a = new StaffAccounts.Account(unitId, Role.UNIT, bcu == null ? unit.bcu() : bcu,
                    unitId, email, true, true);
            // A terminal switched off (DELETE) is issued again while its unit serves (a retired one is not found).
            if (!accounts.create(a, password, clock.instant()) && !accounts.reissueTerminal(a, password)) {
                throw Problem.of(HttpStatus.CONFLICT, "duplicate-id", "Account exists",
                        "unit " + unitId + " has an account already (set its password instead)").field("unitId")
                        .reason("DUPLICATE_ID");
            }
            answer.set("account", json(accounts.find(unitId).orElseThrow()));
        } else {
            String staffId = username(text(f, "staffId"), "staffId");
            if (f.has("unitId")) {
                throw Problem.badRequest("only a unit's terminal (role UNIT) names a unit", "unitId");
            }
            Outcome o = CommandController.await(writer.submit(new Command.AddStaff(actor, staffId, role, bcu), null));
            if (!(o instanceof Outcome.Decided d) || d.receipt().rejection().isPresent()) {
                return Answers.of(o, json -> json);
            }
            accounts.follow(d.receipt().events());
            if (!accounts.setFirstPassword(staffId, password, email)) {
                throw Problem.of(HttpStatus.CONFLICT, "duplicate-id", "Account exists",
                        "an account " + staffId + " had a password already").field("staffId").reason("DUPLICATE_ID");
            }
            answer.set("account", json(accounts.find(staffId).orElseThrow()));
            JsonNode receipt = JSON.readTree(d.receipt().json());
            answer.set("events", receipt.get("events"));
            answer.set("lastSeq", receipt.get("lastSeq"));
        }
        if (generated) {
            answer.put("password", password);
        }
        return ok(HttpStatus.CREATED, answer);
    }

    /** {@code RemoveStaff} as the caller (the account is disabled once it is recorded); a terminal's is disabled. */
    public ResponseEntity<?> remove(Actor actor, String username) {
        Optional<StaffAccounts.Account> a = accounts.find(username).filter(x -> x.unitId() != null);
        if (a.isPresent()) {
            requireAdmin(actor);
            accounts.disable(username);
            return ok(HttpStatus.OK, json(accounts.find(username).orElseThrow()));
        }
        Outcome o = CommandController.await(writer.submit(new Command.RemoveStaff(actor, username), null));
        if (o instanceof Outcome.Decided d) {
            accounts.follow(d.receipt().events());
        }
        return Answers.of(o, json -> json);
    }

    /** {@code {password?}}: sets it, or generates one and answers it once. 200 {@code {account, password}}. */
    public ResponseEntity<String> password(Actor actor, String username, JsonNode body) {
        requireAdmin(actor);
        account(username);
        Fields f = fields(body, "password");
        String password;
        try {
            f.onlyKnown(List.of("password"));
            password = f.optionalText("password");
        } catch (InvalidInput e) {
            throw Problem.notACommand(e.getMessage(), e.field());
        }
        boolean generated = password == null;
        password = generated ? StaffAccounts.randomPassword() : checkedPassword(password);
        accounts.setPassword(username, password);
        ObjectNode out = JSON.createObjectNode();
        out.set("account", json(accounts.find(username).orElseThrow()));
        if (generated) {
            out.put("password", password);
        }
        return ok(HttpStatus.OK, out);
    }

    /** {@code {email}}: where the member's notices are mailed ({@code null}: nowhere). */
    public ResponseEntity<String> email(Actor actor, String username, JsonNode body) {
        requireAdmin(actor);
        account(username);
        Fields f = fields(body, "email");
        String email;
        try {
            f.onlyKnown(List.of("email"));
            if (!f.node().has("email")) {
                throw f.invalid("email", "is missing (null for none)");
            }
            email = email(f.optionalText("email"));
        } catch (InvalidInput e) {
            throw Problem.notACommand(e.getMessage(), e.field());
        }
        accounts.setEmail(username, email);
        return ok(HttpStatus.OK, json(accounts.find(username).orElseThrow()));
    }

    /** Whether {@code actor} may manage the account {@code username}: 403 unless an administrator, 404 without one. */
    public void mayManage(Actor actor, String username) {
        requireAdmin(actor);
        account(username);
    }

    /** Where there is no command: the engine's roster says whether the caller is an administrator. */
    private void requireAdmin(Actor actor) {
        Optional<Queries.StaffView> member = actor.role() == Role.UNIT ? Optional.empty()
                : Reads.ask(writer, q -> q.staffMember(actor.id()));
        if (member.isEmpty() || member.get().role() != Role.ADMIN) {
            throw Problem.of(HttpStatus.FORBIDDEN, "not-permitted", "Not permitted",
                    "only an administrator on the roster manages accounts").reason("NOT_PERMITTED");
        }
    }

    private StaffAccounts.Account account(String username) {
        return (StaffAccounts.validUsername(username) ? accounts.find(username) : Optional.<StaffAccounts.Account>empty())
                .orElseThrow(() -> Problem.of(HttpStatus.NOT_FOUND, "unknown-staff", "Unknown account",
                        "no account " + username).reason("UNKNOWN_STAFF"));
    }

    private static String username(String name, String field) {
        if (!StaffAccounts.validUsername(name)) {
            throw Problem.badRequest(field + " must be 1 to 64 letters, digits and . _ @ -", field);
        }
        return name;
    }

    private static String checkedPassword(String password) {
        StaffAccounts.weakness(password).ifPresent(why -> {
            throw Problem.badRequest(why, "password");
        });
        return password;
    }

    private static String email(String email) {
        if (email != null) {
            StaffAccounts.emailProblem(email).ifPresent(why -> {
                throw Problem.badRequest(why, "email");
            });
        }
        return email;
    }

    /** The body's fields: a body that is not a JSON object is not a request (400), as for commands. */
    private static Fields fields(JsonNode body, String where) {
        try {
            return new Fields(body, where);
        } catch (InvalidInput e) {
            throw Problem.notACommand(e.getMessage(), e.field());
        }
    }

    private static String text(Fields f, String name) {
        try {
            return f.text(name);
        } catch (InvalidInput e) {
            throw Problem.notACommand(e.getMessage(), e.field());
        }
    }

    static ObjectNode json(StaffAccounts.Account a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("staffId", a.username());
        n.put("role", a.role().name());
        n.put("bcu", a.bcu());
        n.put("unitId", a.unitId());
        n.put("email", a.email());
        n.put("enabled", a.enabled());
        n.put("hasPassword", a.hasPassword());
        return n;
    }

    static ResponseEntity<String> ok(HttpStatus status, JsonNode body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsString(body));
    }
}
