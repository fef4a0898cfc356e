package vigil.server.apidocs;

import static vigil.server.apidocs.ReadAnswers.int64;
import static vigil.server.apidocs.ReadAnswers.orNull;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import vigil.core.Role;
import vigil.server.apidocs.ReadAnswers.Obj;

/**
 * {@code /api/staff}, the administrator's accounts (extensions.md "Accounts and login"): the bodies StaffIntake reads
 * and the answers it writes. Adding and removing staff are the engine's AddStaff and RemoveStaff, refused as
 * {@code POST /api/commands} refuses them; passwords, addresses and terminals have no command.
 */
final class StaffAnswers {
    private StaffAnswers() {}

    private static final String USERNAME = "^[A-Za-z0-9._@-]{1,64}$";

    static void describe(OpenAPI api) {
        api.getComponents().addSchemas("Account", new Obj("a staff account")
                .req("staffId", new StringSchema().pattern(USERNAME).description("the username"))
                .req("role", ReadAnswers.roles())
                .req("bcu", orNull(new StringSchema()))
                .req("unitId", orNull(new StringSchema()).description("a unit's terminal (role UNIT): its unit, also"
                        + " its username"))
                .req("email", orNull(new StringSchema()).description("where notices are mailed; not in the log"))
                .req("enabled", new BooleanSchema().description("false once removed from the roster (a terminal:"
                        + " once its unit is retired or its account removed)"))
                .req("hasPassword", new BooleanSchema().description("false: no login until one is set"))
                .schema());
        Schema<?> password = new StringSchema().minLength(12).description("12 characters to 72 bytes; absent: one"
                + " is generated (20 characters) and answered once");

        operation(api, "/api/staff", PathItem::getGet, "The staff accounts", null,
                ok("every account", ApiDocs.ref("Account"), true), "403", "401");
        operation(api, "/api/staff", PathItem::getPost, "Add a member of staff (AddStaff as the caller) with an"
                        + " account, or an account for a unit's terminal",
                oneOf(new Obj("a member of staff: AddStaff, then the account")
                                .req("staffId", new StringSchema().pattern(USERNAME).description("the username, and"
                                        + " their id on the roster (new)"))
                                .req("role", new StringSchema()._enum(CommandCatalog.names(Role.class).stream()
                                        .filter(r -> !r.equals(Role.UNIT.name())).toList()))
                                .optional().req("bcu", new StringSchema()).req("email", new StringSchema())
                                .req("password", password).closed(),
                        new Obj("a unit's terminal: an account named after the unit, no command")
                                .req("role", new StringSchema()._enum(List.of(Role.UNIT.name())))
                                .req("unitId", new StringSchema().pattern(USERNAME).description("a unit on the"
                                        + " roster"))
                                .optional().req("bcu", new StringSchema().description("default: the unit's"))
                                .req("email", new StringSchema()).req("password", password).closed()),
                ok("the account; AddStaff's events for a member of staff", new Obj("the new account")
                        .req("account", ApiDocs.ref("Account"))
                        .optional()
                        .req("events", new ArraySchema().items(ApiDocs.ref("Event"))
                                .description("AddStaff's events (not for a terminal)"))
                        .req("lastSeq", int64().description("the seq of AddStaff's last event (not for a terminal)"))
                        .req("password", new StringSchema().description("only when generated: shown this once"))
                        .schema(), false),
                "400", "403", "404", "409", "413", "415", "401", "503");
        operation(api, "/api/staff/{username}", PathItem::getDelete, "Remove a member of staff (RemoveStaff as the"
                        + " caller; their account is disabled), or disable a unit terminal's account", null,
                new ApiResponse().description("RemoveStaff accepted: its events; for a terminal, its account")
                        .content(ApiDocs.json(oneOf(ApiDocs.ref("Accepted"), ApiDocs.ref("Account")))),
                "403", "409", "401", "503");
        operation(api, "/api/staff/{username}/password", PathItem::getPut, "Set an account's password, or generate"
                        + " one", new Obj("the new password; an empty body or {} generates one")
                        .optional().req("password", password).closed(),
                ok("the account, and the password when generated", new Obj("the account")
                        .req("account", ApiDocs.ref("Account"))
                        .optional().req("password", new StringSchema().description("only when generated: shown"
                                + " this once")).schema(), false),
                "400", "403", "404", "413", "415", "401");
        operation(api, "/api/staff/{username}/email", PathItem::getPut, "Set where an account's notices are mailed",
                new Obj("the address").req("email", orNull(new StringSchema()).description("null: nowhere"))
                        .closed(),
                ok("the account", ApiDocs.ref("Account"), false), "400", "403", "404", "413", "415", "401");
    }

    private static Schema<?> oneOf(Schema<?>... schemas) {
        Schema<Object> s = new Schema<>();
        s.setOneOf(new ArrayList<>(List.of(schemas)));
        return s;
    }

    private static ApiResponse ok(String description, Schema<?> schema, boolean array) {
        return new ApiResponse().description(description)
                .content(ApiDocs.json(array ? new ArraySchema().items(schema) : schema));
    }

    private static void operation(OpenAPI api, String path, Function<PathItem, Operation> method, String summary,
                                  Schema<?> body, ApiResponse ok, String... problems) {
        PathItem item = api.getPaths().get(path);
        Operation op = item == null ? null : method.apply(item);
        if (op == null) {
            return;
        }
        String okStatus = item.getPost() == op ? "201" : "200";
        ApiResponses r = new ApiResponses().addApiResponse(okStatus, ok);
        List<String> usual = new ArrayList<>();
        for (String p : problems) {
            switch (p) {
                case "403" -> r.addApiResponse(p, ApiDocs.problem("not an administrator on the roster: reason"
                        + " NOT_PERMITTED", "NOT_PERMITTED"));
                case "404" -> r.addApiResponse(p, ApiDocs.problem(item.getPost() == op
                        ? "a terminal for a unit not on the roster: reason UNKNOWN_UNIT"
                        : "no such account: reason UNKNOWN_STAFF", item.getPost() == op ? "UNKNOWN_UNIT"
                        : "UNKNOWN_STAFF"));
                case "409" -> r.addApiResponse(p, ApiDocs.problem(item.getPost() == op
                        ? "the id is or was taken, or the unit has an account: reason DUPLICATE_ID"
                        : "refused by the engine (e.g. INVALID_STATE: not on the roster)"));
                case "413" -> r.addApiResponse(p, ApiDocs.problem("body over 64 KiB"));
                case "415" -> r.addApiResponse(p, ApiDocs.problem("not Content-Type application/json (UTF-8)"));
                default -> usual.add(p);
            }
        }
        op.summary(summary).responses(ApiDocs.withProblems(r, usual.toArray(String[]::new)));
        if (body != null) {
            // The password's body may be left out (one is generated); the others are required.
            op.requestBody(new RequestBody().required(!path.endsWith("/password")).content(ApiDocs.json(body)));
        }
    }
}
