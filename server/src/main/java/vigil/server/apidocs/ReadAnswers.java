package vigil.server.apidocs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import vigil.core.Command;
import vigil.core.Grade;
import vigil.core.Role;

/**
 * What the reads answer (api.md "Reads", extensions.md): the controllers write their JSON by hand into a String, so
 * springdoc sees only {@code type: string}; this says what that text holds, field by field, as the controllers write
 * it. Fields the code always writes are required (null where it writes null); victim details are not, as only RTRD,
 * OIC and CRIME_MANAGER get them. A test checks every answer of a real server against this
 * (EveryAnswerIsAsTheDescriptionSays, docs/adr/115).
 */
final class ReadAnswers {
    private ReadAnswers() {}

    static final String INSTANT = "an instant, UTC (ISO-8601)";
    private static final List<String> INCIDENT_STATES = List.of("UNRESOURCED", "RESOURCED", "ATTENDED", "CLOSED");
    private static final List<String> SCHEME_STATUSES = List.of("REQUESTED", "REJECTED", "ACTIVE", "WITHDRAWN");
    private static final String VICTIM_ONLY = " Present only for RTRD, OIC and CRIME_MANAGER (each such answer is"
            + " recorded); absent for everyone else.";

    static void describe(OpenAPI api) {
        var c = api.getComponents();
        c.addSchemas("Location", new Obj("a point, WGS 84 degrees").req("lat", new NumberSchema())
                .req("lon", new NumberSchema()).schema());
        c.addSchemas("Incident", incident(new Obj("an incident as it stands in live state")).schema());
        c.addSchemas("IncidentWithTimeline", incident(new Obj("an incident as it stands, with its timeline. An"
                + " incident that has left live state (closed longer than the policy's retainClosedFor ago) has only"
                + " id, state CLOSED, live false, timeline and timelineComplete"), false)
                .req("live", new BooleanSchema().description("false: no longer in live state; answered from the log"))
                .req("timeline", new ArraySchema().items(ApiDocs.ref("Event")).description("every event naming it"
                        + " (incidentId, fromIncidentId or toIncidentId), in seq order, up to the last commit"))
                .req("timelineComplete", new BooleanSchema().description("false only if more than 100,000 events had"
                        + " to be read past the report follower"))
                .schema());
        c.addSchemas("Recommendations", new Obj("the available units nearest the scene by road (48 km/h, 1.4 times"
                + " the straight line), at most 5, then (up to 5 in all) those whose place is not known; with no known"
                + " scene, the first 5 available units on the roster; those not ranked have no distance or ETA")
                .req("incidentId", new StringSchema())
                .req("scene", orNull(ApiDocs.ref("Location")).description("where the incident is, if known"))
                .req("units", new ArraySchema().items(new Obj("a unit and how far it is")
                        .req("unitId", new StringSchema())
                        .req("location", orNull(ApiDocs.ref("Location")))
                        .req("km", orNull(new NumberSchema()).description("in a straight line, to 2 places (the ETA is"
                                + " by road: 1.4 times as far)"))
                        .req("eta", orNull(new StringSchema()).description("travel time, ISO-8601 duration"))
                        .req("etaSeconds", orNull(int64()).description("travel time in seconds"))
                        .schema()))
                .schema());
        c.addSchemas("Unit", new Obj("a unit on the roster (retired units are left out)")
                .req("id", new StringSchema())
                .req("callSign", new StringSchema())
                .req("bcu", orNull(new StringSchema()))
                .req("status", new StringSchema()._enum(unitStatuses()).description("ASSIGNED covers a unit on its"
                        + " way"))
                .req("incidentId", orNull(new StringSchema()).description("the incident it is committed to"))
                .req("acknowledged", new BooleanSchema()
                        .description("it answered its assignment (acknowledged or arrived)"))
                .req("location", orNull(ApiDocs.ref("Location")).description("where it last was, if known"))
                .schema());
        c.addSchemas("Call", new Obj("a call as recorded, what its recording found, and the incident that took it")
                .req("id", new StringSchema())
                .req("call", ApiDocs.ref("Event").description("its CallRecorded line"))
                .req("incidentId", orNull(new StringSchema()).description("the incident that took it"))
                .req("schemes", new ArraySchema().items(ApiDocs.ref("Event")).description("SchemeMatched lines"))
                .req("previousSchemes", new ArraySchema().items(ApiDocs.ref("Event"))
                        .description("PreviousSchemeFound lines"))
                .req("previousContacts", orNull(ApiDocs.ref("Event")).description("the PreviousContactsFound line"))
                .schema());
        c.addSchemas("Scheme", scheme());
        c.addSchemas("Alert", new Obj("an alert still waiting on someone (docs/adr/042)")
                .req("type", new StringSchema().description("the alert event's type, e.g. GradeBelowScheme"))
                .req("incidentId", orNull(new StringSchema()))
                .req("unitId", orNull(new StringSchema()))
                .req("schemeId", orNull(new StringSchema()))
                .req("notifies", recipient())
                .schema());
        c.addSchemas("Guidance", new Obj("guidance to be read and understood (extensions.md)")
                .req("guidanceId", new StringSchema())
                .req("title", new StringSchema())
                .req("text", new StringSchema())
                .req("roles", new ArraySchema().items(roles()).description("whom it is for"))
                .req("publishedAt", instant())
                .req("confirmed", new ArraySchema().items(new Obj("a confirmation")
                        .req("staffId", new StringSchema()).req("at", instant()).schema()))
                .req("unconfirmed", new ArraySchema().items(new StringSchema())
                        .description("staff ids on the roster holding one of its roles who have not confirmed"))
                .schema());
        c.addSchemas("Notice", new Obj("a notice in the caller's mailbox (extensions.md)")
                .req("id", int64())
                .req("seq", int64().description("the event it tells of"))
                .req("kind", new StringSchema().description("the template's name: the event's type"))
                .req("subject", new StringSchema())
                .req("body", new StringSchema().description("plain text, no victim details"))
                .req("link", new StringSchema().description("the page it is about"))
                .req("createdAt", instant())
                .req("read", new BooleanSchema())
                .req("readAt", orNull(instant()))
                .req("mail", orNull(new Obj("its email").req("state", new StringSchema()
                                ._enum(List.of("PENDING", "SENT", "ABANDONED")))
                        .req("attempts", new IntegerSchema()).req("sentAt", orNull(instant())).schema())
                        .description("null when no email is sent"))
                .schema());
        c.addSchemas("Mailbox", new Obj("the caller's notices, newest first")
                .req("unread", new IntegerSchema().format("int64").description("all the caller's unread notices"))
                .req("notices", new ArraySchema().items(ApiDocs.ref("Notice")))
                .schema());

        read(api, "/api/incidents",
                "The incidents held in live state: open ones most urgent first (grade, then oldest), then closed ones",
                array("Incident"), "400", "401", "503");
        read(api, "/api/incidents/{id}", "One incident with its timeline", json("IncidentWithTimeline"),
                "UNKNOWN_INCIDENT", "401", "503");
        read(api, "/api/incidents/{id}/recommendations", "The available units nearest the scene",
                json("Recommendations"), "UNKNOWN_INCIDENT", "401", "503");
        read(api, "/api/units", "The units on the roster", array("Unit"), "401", "503");
        read(api, "/api/alerts", "The open alerts addressed to the caller (by id, or role with no BCU or theirs)",
                array("Alert"), "401", "503");
        read(api, "/api/calls/{id}", "A call and its matches", json("Call"), "UNKNOWN_CALL", "401");
        read(api, "/api/schemes", "The special schemes", array("Scheme"), "401", "503");
        read(api, "/api/schemes/{id}", "One special scheme", json("Scheme"), "UNKNOWN_SCHEME", "401", "503");
        read(api, "/api/guidance", "All guidance, in the order it was published", array("Guidance"), "401", "503");
        read(api, "/api/guidance/{id}", "One guidance", json("Guidance"), "UNKNOWN_GUIDANCE", "401", "503");
        read(api, "/api/notices", "The caller's own notices, newest first", json("Mailbox"), "400", "401");
        answer(api.getPaths().get("/api/notices/{id}/read"), PathItem::getPost, "Mark one of the caller's notices"
                + " read (the first time stays) and answer it", json("Notice"), "UNKNOWN_NOTICE", "401");
        parameters(api);
    }

    /** The query parameters the controllers take as text, to name a bad one in the 400: what they accept. */
    private static void parameters(OpenAPI api) {
        for (String path : List.of("/api/incidents", "/api/notices")) {
            PathItem item = api.getPaths().get(path);
            if (item == null || item.getGet() == null || item.getGet().getParameters() == null) {
                continue;
            }
            for (Parameter p : item.getGet().getParameters()) {
                switch (p.getName()) {
                    case "open" -> p.description("true: only the open ones; false or absent: all those held")
                            .schema(new BooleanSchema());
                    case "limit" -> p.description("at most this many (1 to 500; default 50)").schema(
                            new IntegerSchema().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(500)));
                    case "before" -> p.description("only notices with a smaller id (the next page)")
                            .schema(int64().minimum(BigDecimal.ONE));
                    default -> { }
                }
            }
        }
    }

    private static Obj incident(Obj o) {
        return incident(o, true);
    }

    /** The fields {@code ReadController.incident} writes: all of them always, but for an incident no longer live. */
    private static Obj incident(Obj o, boolean live) {
        // Without live state only id and state are known: the others are then left out, so not required.
        Obj always = o;
        Obj ifLive = live ? o : o.optional();
        always.req("id", new StringSchema());
        ifLive.req("callId", new StringSchema().description("the call it was made from"));
        ifLive.req("grade", new StringSchema()._enum(CommandCatalog.names(Grade.class)));
        always.req("state", new StringSchema()._enum(INCIDENT_STATES));
        ifLive.req("bcu", orNull(new StringSchema()));
        ifLive.req("createdAt", instant());
        ifLive.req("targetAt", orNull(instant()).description("when attendance is due under its grade; null"
                + " without a target"));
        ifLive.req("timeLeft", orNull(new StringSchema()).description("ISO-8601 duration to targetAt, negative once"
                + " past (e.g. -PT1M30S); null once attended or closed, or without a target"));
        ifLive.req("timeLeftSeconds", orNull(int64()).description("timeLeft in seconds"));
        ifLive.req("attendedAt", orNull(instant()));
        ifLive.req("tags", new ArraySchema().items(new StringSchema()._enum(List.of("DIVERT"))));
        ifLive.req("committedUnits", new ArraySchema().items(new StringSchema()).description("unit ids"));
        ifLive.req("unresourced", new BooleanSchema().description("open, not attended, and no unit committed to"
                + " it (its IncidentUnresourced alert fires once that has lasted the policy's unresourcedAfter)"));
        ifLive.req("reallocationRequested", new BooleanSchema());
        return o;
    }

    /** {@code Queries.SchemeView} as Jackson writes it, {@code id} given as {@code schemeId}. */
    private static Schema<?> scheme() {
        Obj o = new Obj("a special scheme (Form 4564) as it stands")
                .req("status", new StringSchema()._enum(SCHEME_STATUSES))
                .req("address", orNull(new StringSchema()).description("the victim's address"))
                .req("clis", orNull(new ArraySchema().items(new StringSchema())).description("the victim's numbers"))
                .opt("victimName", orNull(new StringSchema()).description("the victim's name." + VICTIM_ONLY))
                .opt("preferredContact", orNull(new Obj("how to reach the victim")
                        .req("method", new StringSchema()).req("detail", orNull(new StringSchema())).schema())
                        .description("how to reach the victim." + VICTIM_ONLY))
                .req("oic", orNull(new StringSchema()).description("the officer in charge"))
                .req("bcu", orNull(new StringSchema()))
                .req("crimeRef", orNull(new StringSchema()))
                .req("instructions", orNull(new StringSchema()).description("what a call handler must do"))
                .req("requiredGrade", orNull(new StringSchema()._enum(CommandCatalog.names(Grade.class))))
                .req("activatedAt", orNull(instant()))
                .req("maxUntil", orNull(instant()).description("when it ends unless extended"))
                .req("firstReviewAt", orNull(instant()))
                .req("firstStageReviewSentAt", orNull(instant()))
                .req("reviewOverdue", new BooleanSchema())
                .req("contactOverdue", new BooleanSchema())
                .req("victimInformedAt", orNull(instant()))
                .req("withdrawnAt", orNull(instant()))
                .req("contactAttempts", new IntegerSchema())
                .req("schemeId", new StringSchema());
        return o.schema();
    }

    /** An alert's addressee: one member of staff, or a role (in a BCU, or in any). */
    private static Schema<?> recipient() {
        Schema<Object> s = new Schema<>();
        s.setOneOf(new ArrayList<>(List.of(
                new Obj("one member of staff").req("staffId", new StringSchema()).schema(),
                new Obj("everyone holding a role, in a BCU (null: in any)").req("role", roles())
                        .req("bcu", orNull(new StringSchema())).schema())));
        return s.description("who must see it");
    }

    /** The unit's status as the engine keeps it, or where its assignment has taken it. */
    private static List<String> unitStatuses() {
        List<String> s = new ArrayList<>(CommandCatalog.names(Command.UnitStatus.class));
        s.addAll(1, List.of("ASSIGNED", "AT_SCENE"));
        return s;
    }

    private static void read(OpenAPI api, String path, String summary, ApiResponse ok, String... errors) {
        answer(api.getPaths().get(path), PathItem::getGet, summary, ok, errors);
    }

    /**
     * The operation's 200 answer and its problems: a reason (an UPPER_CASE word) is a 404 carrying it, or 403 for
     * NOT_PERMITTED; a status is one of ApiDocs' usual problems.
     */
    private static void answer(PathItem item, Function<PathItem, Operation> method, String summary, ApiResponse ok,
                               String... errors) {
        Operation op = item == null ? null : method.apply(item);
        if (op == null) {
            return;
        }
        ApiResponses r = new ApiResponses().addApiResponse("200", ok);
        List<String> statuses = new ArrayList<>();
        for (String e : errors) {
            if (e.equals("503")) {
                r.addApiResponse(e, ApiDocs.problem("not answering now (starting, standing by): retryable,"
                        + " Retry-After: 1"));
            } else if (Character.isDigit(e.charAt(0))) {
                statuses.add(e);
            } else {
                String status = e.equals("NOT_PERMITTED") ? "403" : "404";
                r.addApiResponse(status, ApiDocs.problem((status.equals("403") ? "not the caller's to read"
                        : "no such " + e.substring("UNKNOWN_".length()).toLowerCase(java.util.Locale.ROOT))
                        + ": reason " + e, e));
            }
        }
        op.summary(summary).responses(ApiDocs.withProblems(r, statuses.toArray(String[]::new)));
    }

    private static ApiResponse json(String schema) {
        return new ApiResponse().description("OK").content(ApiDocs.json(ApiDocs.ref(schema)));
    }

    private static ApiResponse array(String items) {
        return new ApiResponse().description("OK").content(ApiDocs.json(new ArraySchema().items(ApiDocs.ref(items))));
    }

    static StringSchema instant() {
        StringSchema s = new StringSchema();
        s.format("date-time").description(INSTANT);
        return s;
    }

    static IntegerSchema int64() {
        IntegerSchema s = new IntegerSchema();
        s.format("int64");
        return s;
    }

    static Schema<?> roles() {
        return new StringSchema()._enum(CommandCatalog.names(Role.class));
    }

    /**
     * {@code schema} or JSON null (OpenAPI 3.1: a type list with "null"; an enum lists null too; a reference is one of
     * two).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Schema<?> orNull(Schema<?> schema) {
        if (schema.get$ref() != null) {
            Schema<Object> s = new Schema<>();
            s.setOneOf(new ArrayList<>(List.of(schema, new Schema<>().types(new LinkedHashSet<>(List.of("null"))))));
            return s;
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        if (schema.getTypes() != null) {
            types.addAll(schema.getTypes());
        } else if (schema.getType() != null) {
            types.add(schema.getType());
        }
        types.add("null");
        schema.setTypes(types);
        if (schema.getEnum() != null) {
            List values = new ArrayList<>(schema.getEnum());
            values.add(null);
            schema.setEnum(values);
        }
        return schema;
    }

    /** An object schema, built a field at a time. */
    static final class Obj {
        private final ObjectSchema schema;
        private final boolean required;

        Obj(String description) {
            this(new ObjectSchema(), true);
            schema.setDescription(description);
        }

        private Obj(ObjectSchema schema, boolean required) {
            this.schema = schema;
            this.required = required;
        }

        /** The same object, where {@link #req} adds a field that is not required. */
        Obj optional() {
            return new Obj(schema, false);
        }

        Obj req(String name, Schema<?> value) {
            schema.addProperty(name, value);
            if (required) {
                schema.addRequiredItem(name);
            }
            return this;
        }

        Obj opt(String name, Schema<?> value) {
            schema.addProperty(name, value);
            return this;
        }

        ObjectSchema schema() {
            return schema;
        }

        /** A request body: a field not named here is refused (400), so none is allowed. */
        ObjectSchema closed() {
            schema.setAdditionalProperties(false);
            return schema;
        }
    }
}
