package vigil.server.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vigil.core.Reason;

/**
 * The API's description. springdoc finds the paths and parameters in the controllers; this adds what the code does
 * not say to it: the command body (one schema per command of {@link CommandCatalog}, told apart by {@code do}), the
 * answers (accepted, refused by the engine, not a command, unavailable) as problem+json, the event line, the
 * stream's {@code text/event-stream} frames, what the reads, reports and staff accounts answer ({@link ReadAnswers},
 * {@link ReportAnswers}, {@link StaffAnswers}: the controllers write that JSON by hand, docs/adr/115), and tags named
 * after what the operations are about.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {
    static final String PROBLEM = "application/problem+json";
    private static final String REF = "#/components/schemas/";

    @Bean
    OpenAPI vigilOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Vigil control room API").version("1")
                        .description("A police command-and-control server. Contract: docs/contracts/api.md; the command"
                                + " vocabulary: docs/contracts/scenario.md; what Vigil adds: docs/contracts/extensions.md."
                                + " Every 4xx and 5xx is application/problem+json (RFC 9457)."))
                .components(new Components().addSecuritySchemes("staff", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("a staff member's username and password (api.md)")))
                .addSecurityItem(new SecurityRequirement().addList("staff"));
    }

    @Bean
    OpenApiCustomizer vigilCommandsAndEvents() {
        return api -> {
            Components c = api.getComponents();
            c.addSchemas("Problem", problem());
            c.addSchemas("Event", event());
            Map<String, Schema<?>> accepted = new LinkedHashMap<>();
            accepted.put("events", new ArraySchema().items(ref("Event")));
            accepted.put("lastSeq", new IntegerSchema().format("int64").description("the seq of the command's last"
                    + " event"));
            c.addSchemas("Accepted", object("the command's events, durable before this answer", accepted,
                    List.of("events", "lastSeq")));
            Schema<Object> command = new Schema<>();
            command.setOneOf(new ArrayList<>());
            Map<String, String> mapping = new LinkedHashMap<>();
            for (CommandCatalog.Entry e : CommandCatalog.COMMANDS) {
                c.addSchemas(e.name(), command(e));
                command.getOneOf().add(ref(e.name()));
                mapping.put(e.name(), REF + e.name());
            }
            command.setDiscriminator(new Discriminator().propertyName("do").mapping(mapping));
            command.setDescription("one command: a scenario step without `at` and `by` (the server decides when, the"
                    + " login decides who). Unknown fields are refused.");
            c.addSchemas("Command", command);
            PathItem commandsPath = api.getPaths() == null ? null : api.getPaths().get("/api/commands");
            if (commandsPath != null && commandsPath.getPost() != null) {
                describeCommands(commandsPath.getPost());
            }
            if (api.getPaths() != null) {
                ReadAnswers.describe(api);
                ReportAnswers.describe(api);
                StaffAnswers.describe(api);
                tags(api);
            }
            PathItem events = api.getPaths() == null ? null : api.getPaths().get("/api/events");
            if (events != null && events.getGet() != null) {
                positions(events.getGet());
                events.getGet().summary("The committed log from seq after+1, in order").responses(withProblems(
                        new ApiResponses().addApiResponse("200", new ApiResponse().description("events in the replay"
                                + " line format").content(json(new ArraySchema().items(ref("Event"))))),
                        "400", "401"));
            }
            PathItem stream = api.getPaths() == null ? null : api.getPaths().get("/api/events/stream");
            if (stream != null && stream.getGet() != null) {
                positions(stream.getGet());
                describeStream(stream.getGet());
            }
        };
    }

    /** A tag: the paths under {@code prefix} (the longest prefix a path has wins), and what they are about. */
    private record ApiTag(String name, String prefix, String about) {}

    /** In the order a reader meets them. */
    private static final List<ApiTag> TAGS = List.of(
            new ApiTag("Commands", "/api/commands",
                    "Everything that changes the control room: one scenario step a request (scenario.md)"),
            new ApiTag("Reads", "/api/",
                    "The control room's picture, as it stands after the last commit (api.md \"Reads\")"),
            new ApiTag("Event log", "/api/events", "The committed log, in seq order, in the replay line format"),
            new ApiTag("Live stream", "/api/events/stream",
                    "The committed log as Server-Sent Events, with the caller's notices"),
            new ApiTag("Reports", "/api/reports",
                    "The standard reports, the QART queue and incident timelines (docs/adr/060)"),
            new ApiTag("Notices", "/api/notices", "The caller's own mailbox (docs/adr/080)"),
            new ApiTag("Guidance", "/api/guidance", "Guidance read and understood (docs/adr/082)"),
            new ApiTag("Staff", "/api/staff", "Staff accounts, the administrator's (docs/adr/040)"));

    /**
     * springdoc names a tag after the controller class ({@code read-controller}); a reader wants what the operations
     * are about. Grouped by path, the public part, so that renaming a class changes nothing here.
     */
    private static void tags(OpenAPI api) {
        Set<String> used = new HashSet<>();
        api.getPaths().forEach((path, item) -> TAGS.stream().filter(t -> path.startsWith(t.prefix()))
                .max(Comparator.comparingInt(t -> t.prefix().length()))
                .ifPresent(tag -> item.readOperations().forEach(op -> {
                    op.setTags(new ArrayList<>(List.of(tag.name())));
                    used.add(tag.name());
                })));
        List<Tag> tags = new ArrayList<>();
        TAGS.stream().filter(t -> used.contains(t.name()))
                .forEach(t -> tags.add(new Tag().name(t.name()).description(t.about())));
        if (api.getTags() != null) {
            api.getTags().stream().filter(t -> TAGS.stream().noneMatch(x -> x.name().equals(t.getName())))
                    .forEach(tags::add);
        }
        api.setTags(tags);
    }

    /** The controllers take positions as text (to say what is wrong with a bad one); they are whole numbers. */
    private static void positions(Operation get) {
        if (get.getParameters() == null) {
            return;
        }
        for (var p : get.getParameters()) {
            switch (p.getName()) {
                case "after" -> p.description("events after this seq (from 0)").schema(new IntegerSchema().format("int64")
                        .minimum(java.math.BigDecimal.ZERO));
                case "limit" -> p.description("at most this many (1 to 10,000; default 1,000)").schema(
                        new IntegerSchema().minimum(java.math.BigDecimal.ONE)
                                .maximum(java.math.BigDecimal.valueOf(10_000)));
                case "Last-Event-ID" -> p.description("the last seq the client has (an EventSource sends it on"
                        + " reconnecting); wins over after").schema(new IntegerSchema().format("int64")
                        .minimum(java.math.BigDecimal.ZERO));
                case "heartbeat" -> p.description("comment (default): heartbeats are comments; event: each is also an"
                        + " event `heartbeat` with data {\"after\": the last seq sent}, which an EventSource sees")
                        .schema(new StringSchema()._enum(java.util.List.of("comment", "event")));
                default -> { }
            }
        }
    }

    private static void describeCommands(Operation post) {
        post.summary("Send one command to the control room")
                .description("Decided by the engine as the logged-in member of staff, answered once its events are"
                        + " committed and flushed. A refusal by the engine is itself recorded (CommandRejected).")
                .requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
                        new MediaType().schema(ref("Command")))));
        // springdoc derives the header from @RequestHeader: describe that one (two of a name and place is invalid).
        header(post, "Idempotency-Key").required(false)
                .description("1 to 200 printable ASCII characters: a retry with the same key and body gets the first"
                        + " answer and records nothing; the same key with another body is 422").schema(
                        new StringSchema().minLength(1).maxLength(200).pattern("^[ -~]+$"));
        ApiResponses r = new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("accepted: its events, durable")
                        .content(json(ref("Accepted"))))
                .addApiResponse("400", problem("not a command (bad JSON, unknown `do`, a missing, mistyped or unknown"
                        + " field, `at` or `by` given): `field` names it; nothing recorded"))
                .addApiResponse("403", problem("refused by the engine: NOT_PERMITTED (`reason`, `seq` of the recorded"
                        + " CommandRejected)"))
                .addApiResponse("404", problem("refused by the engine: UNKNOWN_INCIDENT, UNKNOWN_UNIT, UNKNOWN_CALL or"
                        + " UNKNOWN_SCHEME"))
                .addApiResponse("409", problem("refused by the engine for any other reason (e.g. UNIT_COMMITTED)"))
                .addApiResponse("413", problem("body over 64 KiB; nothing recorded"))
                .addApiResponse("415", problem("not Content-Type application/json (UTF-8); nothing recorded"))
                .addApiResponse("422", problem("Idempotency-Key first used with another command; or the command"
                        + " holds a value the event log cannot store (`unstorable-command`, not retryable); nothing"
                        + " recorded"));
        post.responses(withProblems(r, "401", "503"));
    }

    /** The operation's header parameter {@code name}, added only if springdoc did not find it. */
    private static Parameter header(Operation op, String name) {
        if (op.getParameters() != null) {
            for (Parameter p : op.getParameters()) {
                if (name.equalsIgnoreCase(p.getName()) && "header".equals(p.getIn())) {
                    return p;
                }
            }
        }
        Parameter p = new HeaderParameter().name(name);
        op.addParametersItem(p);
        return p;
    }

    private static void describeStream(Operation get) {
        get.summary("The committed log, live, as Server-Sent Events")
                .description("""
                        Each event: `id:` its seq, `event:` its type, `data:` its replay line (as GET /api/events \
                        gives it). Resumes after the `Last-Event-ID` header (it wins: an EventSource reconnecting \
                        sends it) or `?after=N`; with neither, from the next event. A comment line at least every \
                        10 s when nothing else is sent (`?heartbeat=event`: also an event `heartbeat`, for pages). \
                        `event: reset` (no id) ends a stream whose client did not keep \
                        up, or whose position is too far behind or not in the log; its data is JSON \
                        `{"reason","after","lastSeq","detail"}` (docs/contracts/extensions.md).""");
        get.responses(withProblems(new ApiResponses().addApiResponse("200", new ApiResponse()
                .description("the stream, until the client goes, falls behind or the server stops")
                .content(new Content().addMediaType("text/event-stream", new MediaType().schema(new StringSchema()
                        .example("id: 42\nevent: CallRecorded\ndata: {\"seq\":42,\"at\":\"2026-01-01T00:00:00Z\","
                                + "\"type\":\"CallRecorded\",\"callId\":\"C1\"}\n\n"))))), "400", "401", "503"));
    }

    static ApiResponses withProblems(ApiResponses r, String... statuses) {
        for (String s : statuses) {
            r.addApiResponse(s, problem(switch (s) {
                case "400" -> "bad parameters: `field` names the one to blame";
                case "401" -> "not logged in";
                case "503" -> "not accepting now (starting, stopping, standby, queue full, log unwritable):"
                        + " retryable, Retry-After: 1, nothing recorded";
                default -> "see detail";
            }));
        }
        return r;
    }

    static ApiResponse problem(String description) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM, new MediaType().schema(ref("Problem"))));
    }

    /** A problem that always carries this {@code reason}. */
    static ApiResponse problem(String description, String reason) {
        ObjectSchema carries = new ObjectSchema();
        carries.addProperty("reason", new StringSchema()._enum(List.of(reason)));
        carries.setRequired(List.of("reason"));
        Schema<Object> s = new Schema<>();
        s.setAllOf(new ArrayList<>(List.of(ref("Problem"), carries)));
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM, new MediaType().schema(s)));
    }

    static Content json(Schema<?> schema) {
        return new Content().addMediaType("application/json", new MediaType().schema(schema));
    }

    static Schema<Object> ref(String name) {
        Schema<Object> s = new Schema<>();
        s.set$ref(REF + name);
        return s;
    }

    private static ObjectSchema object(String description, Map<String, Schema<?>> properties, List<String> required) {
        ObjectSchema s = new ObjectSchema();
        s.setDescription(description);
        properties.forEach(s::addProperty);
        s.setRequired(required);
        return s;
    }

    private static Schema<?> problem() {
        Map<String, Schema<?>> p = new LinkedHashMap<>();
        p.put("type", new StringSchema());
        p.put("title", new StringSchema());
        p.put("status", new IntegerSchema());
        p.put("detail", new StringSchema());
        p.put("field", new StringSchema().description("the input to blame, where one is"));
        List<String> reasons = new ArrayList<>(CommandCatalog.names(Reason.class));
        reasons.add("UNKNOWN_NOTICE"); // the mailbox's own: notices are not the engine's
        reasons.add("UNKNOWN_STAFF"); // an account the administrator names: accounts are not the engine's either
        p.put("reason", new StringSchema()._enum(reasons)
                .description("the engine's reason for a refused command, or what a read did not find"));
        p.put("seq", new IntegerSchema().format("int64").description("the CommandRejected's seq"));
        p.put("retryable", new BooleanSchema().description("503: retry"));
        return object("RFC 9457 problem details", p, List.of("type", "title", "status", "detail"));
    }

    private static Schema<?> event() {
        Map<String, Schema<?>> p = new LinkedHashMap<>();
        p.put("seq", new IntegerSchema().format("int64"));
        p.put("at", new StringSchema().format("date-time"));
        p.put("type", new StringSchema());
        p.put("by", new StringSchema().description("who caused it; absent for a deadline"));
        ObjectSchema s = object("an event in the replay line format (scenario.md \"Events\"); fields beyond seq, at"
                + " and type depend on the type", p, List.of("seq", "at", "type"));
        s.setAdditionalProperties(true);
        return s;
    }

    private static Schema<?> command(CommandCatalog.Entry e) {
        Map<String, Schema<?>> p = new LinkedHashMap<>();
        p.put("do", new StringSchema()._enum(List.of(e.name())));
        List<String> required = new ArrayList<>(List.of("do"));
        for (CommandCatalog.Field f : e.fields()) {
            Schema<?> s = field(f);
            s.setDescription(f.about());
            // An optional field given as null is read as left out.
            p.put(f.name(), f.required() ? s : ReadAnswers.orNull(s));
            if (f.required()) {
                required.add(f.name());
            }
        }
        ObjectSchema s = object(e.about() + " Who: " + e.roles() + ".", p, required);
        s.setAdditionalProperties(false);
        return s;
    }

    private static Schema<?> field(CommandCatalog.Field f) {
        return switch (f.kind()) {
            case ID -> new StringSchema().minLength(1).pattern(".*\\S.*");
            case TEXT, FREE_TEXT -> new StringSchema();
            case BOOLEAN -> new BooleanSchema();
            case LOCATION -> object(null, Map.of(
                    "lat", new NumberSchema().minimum(java.math.BigDecimal.valueOf(-90))
                            .maximum(java.math.BigDecimal.valueOf(90)),
                    "lon", new NumberSchema().minimum(java.math.BigDecimal.valueOf(-180))
                            .maximum(java.math.BigDecimal.valueOf(180))), List.of("lat", "lon"));
            case TEXT_ARRAY -> new ArraySchema().items(new StringSchema());
            case ENUM -> new StringSchema()._enum(f.values());
            case ENUM_ARRAY -> new ArraySchema().items(new StringSchema()._enum(f.values()));
            case ENUM_SET -> new ArraySchema().items(new StringSchema()._enum(f.values())).uniqueItems(true)
                    .minItems(1);
            case CONTACT -> object(null, Map.of("method", new StringSchema(), "detail", new StringSchema()),
                    List.of());
        };
    }
}
