package vigil.server.apidocs;

import static vigil.server.apidocs.ReadAnswers.instant;
import static vigil.server.apidocs.ReadAnswers.int64;
import static vigil.server.apidocs.ReadAnswers.orNull;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import vigil.core.Command;
import vigil.core.Grade;
import vigil.server.apidocs.ReadAnswers.Obj;
import vigil.sim.report.Report;

/**
 * What the reports answer (extensions.md "reports (the server)"): the JSON of {@code ./vigil report} (sim's
 * ReportJson) with the server's {@code history} last, the QART queue, an incident's timeline and its EIDO, each also
 * as CSV where the controller offers it. Checked against real answers like the reads.
 */
final class ReportAnswers {
    private ReportAnswers() {}

    private static final List<String> PARTS = List.of("response-times", "delayed-attendance", "diverts", "schemes",
            "demand");

    static void describe(OpenAPI api) {
        Components c = api.getComponents();
        c.addSchemas("History", new Obj("how far the audit chain checked out (docs/adr/061)")
                .req("verified", new BooleanSchema())
                .req("verifiedUpTo", int64().description("the hash chain was recomputed over events 1 to this"))
                .req("reportedUpTo", int64().description("the report counts events 1 to this"))
                .req("statement", new StringSchema().description("e.g. \"history verified up to event N\""))
                .schema());
        c.addSchemas("Compliance", new Obj("one grade's figures")
                .req("incidents", new IntegerSchema())
                .req("attended", new IntegerSchema())
                .req("withinTarget", new IntegerSchema())
                .req("breached", new IntegerSchema())
                .req("closedUnattended", new IntegerSchema())
                .req("withinTargetRate", orNull(new NumberSchema()).description("withinTarget ÷ (withinTarget +"
                        + " breached); null when both are 0"))
                .req("responseMinutes", new Obj("creation to first attendance, by nearest rank; null when none was"
                        + " attended").req("p50", orNull(new NumberSchema())).req("p90", orNull(new NumberSchema()))
                        .req("max", orNull(new NumberSchema())).schema())
                .schema());
        c.addSchemas("ComplianceByGrade", byGrade());
        c.addSchemas("Report", report(new Obj("the five standard reports (contracts/report.md, extensions.md)"), true));
        c.addSchemas("ReportPart", report(new Obj("one standard report: from, to, filter, the report named by the"
                + " path, and history"), false));
        c.addSchemas("QartQueue", new Obj("the QART work queue: urgent review asked and not audited first, then not"
                + " audited, then audited; each in time order")
                .req("from", instant())
                .req("to", instant())
                .req("queue", new ArraySchema().items(new Obj("one divert and where its review and audit stand")
                        .req("incidentId", new StringSchema().description("the incident the unit was taken from"))
                        .req("unitId", new StringSchema())
                        .req("toIncidentId", new StringSchema())
                        .req("at", instant())
                        .req("reviewStatus", new StringSchema()._enum(List.of("APPROVED", "OVERRIDDEN", "OVERDUE",
                                "AWAITING_REVIEW")))
                        .req("review", orNull(new StringSchema()._enum(CommandCatalog.names(Report.Review.class))))
                        .req("reviewedAt", orNull(instant()))
                        .req("reviewOverdue", new BooleanSchema())
                        .req("challenge", orNull(new StringSchema()._enum(
                                CommandCatalog.names(Command.ChallengeDecision.class))))
                        .req("reallocatedAt", orNull(instant()))
                        .req("originalBreached", new BooleanSchema())
                        .req("auditStatus", new StringSchema()._enum(List.of("AUDITED", "AWAITING_AUDIT")))
                        .req("audit", orNull(new StringSchema()._enum(CommandCatalog.names(
                                Command.AuditOutcome.class))))
                        .req("urgentReview", new BooleanSchema())
                        .schema()))
                .req("history", ApiDocs.ref("History"))
                .schema());
        c.addSchemas("Timeline", new Obj("every event naming the incident (incidentId, fromIncidentId or"
                + " toIncidentId), in seq order, as far as the reports have read the log")
                .req("incidentId", new StringSchema())
                .req("events", new ArraySchema().items(new Obj("one event")
                        .req("seq", int64()).req("at", instant()).req("type", new StringSchema())
                        .req("actor", orNull(new StringSchema()).description("who; null for a deadline"))
                        .req("event", ApiDocs.ref("Event")).schema()))
                .req("history", ApiDocs.ref("History"))
                .schema());
        c.addSchemas("Eido", eido());

        Content report = csvToo(ApiDocs.ref("Report"));
        answer(api, "/api/reports", "The five standard reports over the events the read tables hold", report);
        answer(api, "/api/reports/{part}", "One standard report", csvToo(ApiDocs.ref("ReportPart")));
        answer(api, "/api/reports/qart", "The QART work queue (default: the whole log)",
                csvToo(ApiDocs.ref("QartQueue")));
        answer(api, "/api/reports/incidents/{incidentId}/timeline", "An incident's timeline",
                csvToo(ApiDocs.ref("Timeline")), "the log (as far as the reports have read it) names no such"
                        + " incident");
        answer(api, "/api/reports/incidents/{incidentId}/eido", "An incident as a NENA EIDO (docs/adr/062)",
                ApiDocs.json(ApiDocs.ref("Eido")), "the log (as far as the reports have read it) names no such"
                        + " incident");
    }

    /** All five parts ({@code all}), or any one of them. */
    private static Schema<?> report(Obj o, boolean all) {
        Obj part = all ? o : o.optional();
        o.req("from", instant()).req("to", instant());
        o.optional().req("filter", new Obj("the filter given, only when one is")
                .req("bcu", new ArraySchema().items(new StringSchema()))
                .req("grade", new ArraySchema().items(grade())).schema());
        part.req("responseTimes", new Obj("attendance against the policy's targets")
                .req("byGrade", ApiDocs.ref("ComplianceByGrade"))
                .req("byBcu", new ObjectSchema().additionalProperties(ApiDocs.ref("ComplianceByGrade"))
                        .description("by BCU (\"-\" for none), sorted"))
                .schema());
        part.req("delayedAttendance", new ArraySchema().items(new Obj("an incident attended late or not at all")
                .req("incidentId", new StringSchema()).req("grade", grade()).req("targetAt", orNull(instant()))
                .req("attendedAt", orNull(instant())).req("lateByMinutes", orNull(new NumberSchema()))
                .req("divertTagged", new BooleanSchema()).schema()));
        part.req("diverts", new ArraySchema().items(new Obj("a divert made in the period (the DIVERT tag list)")
                .req("incidentId", new StringSchema()).req("unitId", new StringSchema())
                .req("toIncidentId", new StringSchema()).req("at", instant())
                .req("review", orNull(new StringSchema()._enum(CommandCatalog.names(Report.Review.class))))
                .req("reviewedAt", orNull(instant())).req("reviewOverdue", new BooleanSchema())
                .req("challenge", orNull(new StringSchema()._enum(CommandCatalog.names(
                        Command.ChallengeDecision.class))))
                .req("reallocatedAt", orNull(instant())).req("originalAttendedAt", orNull(instant()))
                .req("originalBreached", new BooleanSchema())
                .req("audit", orNull(new StringSchema()._enum(CommandCatalog.names(Command.AuditOutcome.class))))
                .req("urgentReview", new BooleanSchema()).schema()));
        part.req("schemes", new ArraySchema().items(new Obj("a scheme activated by the end of the period")
                .req("schemeId", new StringSchema()).req("activatedAt", orNull(instant()))
                .req("victimInformedAt", orNull(instant())).req("victimInformedInTime", orNull(new BooleanSchema()))
                .req("contactAttempts", new IntegerSchema()).req("firstStageAt", orNull(instant()))
                .req("secondStageAt", orNull(instant()))
                .req("decision", orNull(new StringSchema()._enum(CommandCatalog.names(
                        Command.SchemeDecision.class))))
                .req("decidedAt", orNull(instant())).req("victimInformedOfDecision", orNull(new BooleanSchema()))
                .req("reviewOverdue", new BooleanSchema()).schema()));
        part.req("demand", new Obj("calls and incidents in the period")
                .req("callsByHour", hours().description("calls by local hour, hour 0 first"))
                .req("calls", new IntegerSchema())
                .req("incidents", new IntegerSchema())
                .req("callsByWeekdayHour", week())
                .schema());
        o.req("history", ApiDocs.ref("History"));
        return o.schema();
    }

    private static Schema<?> byGrade() {
        ObjectSchema s = new ObjectSchema();
        s.additionalProperties(ApiDocs.ref("Compliance"));
        s.propertyNames(grade());
        return s.description("by grade, in the order I, S, E, R");
    }

    private static ArraySchema hours() {
        ArraySchema s = new ArraySchema().items(new IntegerSchema());
        s.setMinItems(24);
        s.setMaxItems(24);
        return s;
    }

    private static ArraySchema week() {
        ArraySchema s = new ArraySchema().items(hours());
        s.setMinItems(7);
        s.setMaxItems(7);
        s.setDescription("seven rows of 24 counts, Monday first, by local weekday and hour");
        return s;
    }

    private static Schema<?> grade() {
        return new StringSchema()._enum(CommandCatalog.names(Grade.class));
    }

    /** The subset of NENA-STA-021 that {@code Timelines.eido} writes (docs/adr/062). */
    private static Schema<?> eido() {
        return new Obj("an incident as a NENA EIDO (NENA-STA-021), the subset of docs/adr/062")
                .req("$id", new StringSchema()).req("eidoMessageIdentifier", new StringSchema())
                .req("sendingSystemIdentifier", new StringSchema()).req("lastUpdateTimeStamp", instant())
                .req("incidentComponent", new ArraySchema().items(incidentComponent()).description("the one"
                        + " incident"))
                .req("emergencyResourceComponent", new ArraySchema().items(new Obj("a unit assigned to it")
                        .req("componentIdentifier", new StringSchema()).req("resourceIdentifier", new StringSchema())
                        .req("assignmentTimeStamp", instant()).req("lastUpdateTimeStamp", instant()).schema()))
                .req("notesComponent", new ArraySchema().items(new Obj("an event")
                        .req("componentIdentifier", new StringSchema()).req("noteDateTimeStamp", instant())
                        .req("noteText", new StringSchema().description("its type and replay line"))
                        .opt("authorReference", new StringSchema().description("absent for a deadline")).schema()))
                .req("agentComponent", new ArraySchema().items(new Obj("someone who acted on it")
                        .req("componentIdentifier", new StringSchema()).req("agentIdentifier", new StringSchema())
                        .schema()))
                .req("extension", new Obj("Vigil's own").req("vigil", new Obj("how far the audit chain checked out")
                        .req("historyVerified", new BooleanSchema()).req("historyStatement", new StringSchema())
                        .schema()).schema())
                .schema();
    }

    private static Schema<?> incidentComponent() {
        return new Obj("the incident")
                .req("componentIdentifier", new StringSchema()).req("incidentTrackingIdentifier", new StringSchema())
                .req("lastUpdateTimeStamp", instant()).req("incidentStatusCommonRegistryText",
                        new StringSchema()._enum(List.of("Open", "Closed")))
                .opt("incidentCreationTimeStamp", instant())
                .opt("incidentTypeCommonRegistryText", new StringSchema())
                .opt("incidentPriorityText", grade())
                .schema();
    }

    /** The JSON, and with {@code format=csv} the CLI's tables as a download. */
    private static Content csvToo(Schema<?> json) {
        return ApiDocs.json(json).addMediaType("text/csv", new MediaType().schema(new StringSchema()
                .description("format=csv: one table per part, each after a line `# name` (extensions.md \"CSV\")")));
    }

    private static void answer(OpenAPI api, String path, String summary, Content ok, String... notFound) {
        PathItem item = api.getPaths().get(path);
        Operation op = item == null ? null : item.getGet();
        if (op == null) {
            return;
        }
        ApiResponses r = new ApiResponses().addApiResponse("200", new ApiResponse().description("OK").content(ok));
        for (String why : notFound) {
            r.addApiResponse("404", ApiDocs.problem(why));
        }
        op.summary(summary).responses(ApiDocs.withProblems(r, "400", "401"));
        if (op.getParameters() == null) {
            return;
        }
        for (Parameter p : op.getParameters()) {
            switch (p.getName()) {
                case "from" -> p.description("from this instant (default: the first event the tables hold)")
                        .schema(instant());
                case "to" -> p.description("to this instant, included (default: the last event the tables hold)")
                        .schema(instant());
                case "bcu" -> p.description("only these BCUs (\"-\" for none); repeatable")
                        .schema(new ArraySchema().items(new StringSchema()));
                case "grade" -> p.description("only incidents of these grades at `to`; repeatable")
                        .schema(new ArraySchema().items(grade()));
                case "format" -> p.description(path.endsWith("/eido") ? "json alone (the EIDO has no CSV)"
                        : "json (default) or csv").schema(new StringSchema()._enum(path.endsWith("/eido")
                        ? List.of("json") : List.of("json", "csv")));
                case "part" -> p.description("which report").schema(new StringSchema()._enum(PARTS));
                default -> { }
            }
        }
    }
}
