package vigil.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Grade;
import vigil.server.reports.QartQueue;
import vigil.server.reports.ServerReports;
import vigil.server.reports.Timelines;
import vigil.server.staff.CurrentActor;
import vigil.sim.report.Filter;
import vigil.sim.report.Report;
import vigil.sim.report.ReportCsv;
import vigil.sim.report.ReportJson;

/**
 * The standard reports over the read tables (docs/adr/060), for any member of staff logged in:
 * {@code GET /api/reports} (all five) and {@code /api/reports/{response-times|delayed-attendance|diverts|schemes|demand}}
 * with {@code from}, {@code to}, {@code bcu} and {@code grade} (repeatable) and {@code format=json|csv}; the QART work
 * queue {@code /api/reports/qart}; an incident's timeline {@code /api/reports/incidents/{id}/timeline} and its NENA
 * EIDO {@code /api/reports/incidents/{id}/eido}. Each answer says how far the audit chain checked out.
 */
@RestController
class ReportController {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
    /** A QART queue row's fields, in the order the JSON gives them and the CSV's columns. */
    private static final List<String> QART_FIELDS = List.of("incidentId", "unitId", "toIncidentId", "at",
            "reviewStatus", "review", "reviewedAt", "reviewOverdue", "challenge", "reallocatedAt", "originalBreached",
            "auditStatus", "audit", "urgentReview");

    private final ServerReports reports;
    private final Timelines timelines;
    private final CurrentActor actors;

    ReportController(ServerReports reports, Timelines timelines, CurrentActor actors) {
        this.reports = reports;
        this.timelines = timelines;
        this.actors = actors;
    }

    @GetMapping("/api/reports")
    ResponseEntity<String> all(HttpServletRequest request, @RequestParam(name = "from", required = false) String from,
                               @RequestParam(name = "to", required = false) String to,
                               @RequestParam(name = "bcu", required = false) List<String> bcu,
                               @RequestParam(name = "grade", required = false) List<String> grade,
                               @RequestParam(name = "format", required = false) String format) {
        return answer(request, "reports", EnumSet.allOf(Report.Part.class), from, to, bcu, grade, format);
    }

    @GetMapping("/api/reports/{part:response-times|delayed-attendance|diverts|schemes|demand}")
    ResponseEntity<String> one(HttpServletRequest request, @PathVariable("part") String part,
                               @RequestParam(name = "from", required = false) String from,
                               @RequestParam(name = "to", required = false) String to,
                               @RequestParam(name = "bcu", required = false) List<String> bcu,
                               @RequestParam(name = "grade", required = false) List<String> grade,
                               @RequestParam(name = "format", required = false) String format) {
        Report.Part p = switch (part) {
            case "response-times" -> Report.Part.RESPONSE_TIMES;
            case "delayed-attendance" -> Report.Part.DELAYED_ATTENDANCE;
            case "diverts" -> Report.Part.DIVERTS;
            case "schemes" -> Report.Part.SCHEMES;
            default -> Report.Part.DEMAND;
        };
        return answer(request, part, EnumSet.of(p), from, to, bcu, grade, format);
    }

    private ResponseEntity<String> answer(HttpServletRequest request, String name, Set<Report.Part> parts, String from,
                                          String to, List<String> bcu, List<String> grade, String format) {
        actors.of(request).orElseThrow(Problem::unauthenticated);
        boolean csv = accepted(request, csv(format));
        ServerReports.Answer a = run(from, to, bcu, grade, parts);
        ServerReports.History h = a.history();
        if (csv) {
            return csv(name, ReportCsv.text(a.report(), parts, List.of(historyTable(h))));
        }
        return json(ReportJson.text(a.report(), parts, g -> {
            g.writeName("history");
            g.writeStartObject();
            g.writeBooleanProperty("verified", h.verified());
            g.writeNumberProperty("verifiedUpTo", h.verifiedUpTo());
            g.writeNumberProperty("reportedUpTo", h.reportedUpTo());
            g.writeStringProperty("statement", h.statement());
            g.writeEndObject();
        }));
    }

    /**
     * The QART work queue: the DIVERT tag list over the period (default: all the log holds) with each divert's review
     * and audit status; those asked for an urgent review and not yet audited first, then the others not yet audited,
     * then the audited, each in time order.
     */
    @GetMapping("/api/reports/qart")
    ResponseEntity<String> qart(HttpServletRequest request, @RequestParam(name = "from", required = false) String from,
                                @RequestParam(name = "to", required = false) String to,
                                @RequestParam(name = "bcu", required = false) List<String> bcu,
                                @RequestParam(name = "grade", required = false) List<String> grade,
                                @RequestParam(name = "format", required = false) String format) {
        actors.of(request).orElseThrow(Problem::unauthenticated);
        boolean csv = accepted(request, csv(format));
        ServerReports.Answer a = run(from, to, bcu, grade, EnumSet.of(Report.Part.DIVERTS));
        ObjectNode o = JSON.createObjectNode();
        o.put("from", a.report().from().toString()).put("to", a.report().to().toString());
        ArrayNode q = o.putArray("queue");
        for (Report.Divert d : QartQueue.of(a.report().diverts())) {
            q.addObject().put("incidentId", d.incidentId()).put("unitId", d.unitId())
                    .put("toIncidentId", d.toIncidentId()).put("at", d.at().toString())
                    .put("reviewStatus", reviewStatus(d)).put("review", d.review() == null ? null : d.review().name())
                    .put("reviewedAt", d.reviewedAt() == null ? null : d.reviewedAt().toString())
                    .put("reviewOverdue", d.reviewOverdue())
                    .put("challenge", d.challenge() == null ? null : d.challenge().name())
                    .put("reallocatedAt", d.reallocatedAt() == null ? null : d.reallocatedAt().toString())
                    .put("originalBreached", d.originalBreached()).put("auditStatus", auditStatus(d))
                    .put("audit", d.audit() == null ? null : d.audit().name()).put("urgentReview", d.urgentReview());
        }
        if (csv) { // the queue's fields in its order, as the report CSVs write them (absent: an empty field)
            List<List<String>> rows = q.valueStream().map(n -> QART_FIELDS.stream()
                    .map(f -> n.get(f).isNull() ? "" : n.get(f).asString()).toList()).toList();
            String text = ReportCsv.text(a.report(), EnumSet.noneOf(Report.Part.class), List.of(
                    historyTable(a.history()), new ReportCsv.Table("qart", QART_FIELDS, rows)));
            return csv("qart", text);
        }
        history(o, a.history());
        return json(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n");
    }

    private static String reviewStatus(Report.Divert d) {
        return QartQueue.reviewStatus(d);
    }

    private static String auditStatus(Report.Divert d) {
        return QartQueue.auditStatus(d);
    }

    @GetMapping("/api/reports/incidents/{incidentId}/timeline")
    ResponseEntity<String> timeline(HttpServletRequest request, @PathVariable("incidentId") String incidentId,
                                    @RequestParam(name = "format", required = false) String format) {
        actors.of(request).orElseThrow(Problem::unauthenticated);
        boolean csv = accepted(request, csv(format));
        List<Timelines.Entry> entries = entries(incidentId);
        ServerReports.History h = reports.history();
        if (csv) {
            StringBuilder out = new StringBuilder();
            ReportCsv.Table history = historyTable(h);
            ReportCsv.Table events = new ReportCsv.Table("timeline", List.of("seq", "at", "type", "actor", "event"),
                    Timelines.csvRows(entries));
            out.append(ReportCsv.tables(List.of(history, events)));
            return csv("timeline-" + incidentId, out.toString());
        }
        return json(Timelines.json(incidentId, entries, h));
    }

    @GetMapping("/api/reports/incidents/{incidentId}/eido")
    ResponseEntity<String> eido(HttpServletRequest request, @PathVariable("incidentId") String incidentId,
                                @RequestParam(name = "format", required = false) String format) {
        actors.of(request).orElseThrow(Problem::unauthenticated);
        if (format != null && !format.equals("json")) { // its siblings' format=csv has no EIDO to give (audit 8)
            throw Problem.badRequest("the EIDO is JSON alone: format must be json, not \"" + format + "\"", "format");
        }
        Accepts.require(request, MediaType.APPLICATION_JSON, "the EIDO is application/json alone");
        return json(Timelines.eido(incidentId, entries(incidentId), reports.history()));
    }

    private List<Timelines.Entry> entries(String incidentId) {
        List<Timelines.Entry> entries = timelines.of(incidentId);
        if (entries.isEmpty()) {
            throw Problem.of(HttpStatus.NOT_FOUND, "no-such-incident", "No such incident",
                    "the log (as far as the reports have read it) names no incident " + incidentId)
                    .reason("UNKNOWN_INCIDENT");
        }
        return entries;
    }

    private ServerReports.Answer run(String from, String to, List<String> bcu, List<String> grade,
                                     Set<Report.Part> parts) {
        Instant f = instant("from", from);
        Instant t = instant("to", to);
        if (f != null && t != null && f.isAfter(t)) {
            throw Problem.badRequest("from " + f + " is after to " + t, "from");
        }
        Set<Grade> grades = EnumSet.noneOf(Grade.class);
        for (String g : grade == null ? List.<String>of() : grade) {
            try {
                grades.add(Grade.valueOf(g.trim()));
            } catch (IllegalArgumentException e) {
                throw Problem.badRequest("grade must be one of I, S, E, R, not \"" + g + "\"", "grade");
            }
        }
        Filter filter = new Filter(Set.copyOf(bcu == null ? List.of() : bcu), grades);
        try {
            return reports.report(f, t, filter, parts);
        } catch (IllegalArgumentException e) { // the end of the log's events against the one bound the client gave
            throw Problem.badRequest(e.getMessage(), f == null && t != null ? "to" : "from");
        }
    }

    private static Instant instant(String name, String text) {
        if (text == null) {
            return null;
        }
        try {
            Instant t = Instant.parse(text.trim());
            if (t.isBefore(Instant.parse("1900-01-01T00:00:00Z")) || !t.isBefore(Instant.parse("2200-01-01T00:00:00Z"))) {
                throw Problem.badRequest(name + " must fall in the years 1900 to 2199, not " + text, name);
            }
            return t;
        } catch (DateTimeParseException e) {
            throw Problem.badRequest(name + " must be an instant such as 2026-01-01T00:00:00Z, not \"" + text + "\"",
                    name);
        }
    }

    private static boolean csv(String format) {
        if (format == null || format.equals("json")) {
            return false;
        }
        if (format.equals("csv")) {
            return true;
        }
        throw Problem.badRequest("format must be json or csv, not \"" + format + "\"", "format");
    }

    /** The format's answer must be one the client reads ({@link Accepts}); {@code csv} again, when it is. */
    private static boolean accepted(HttpServletRequest request, boolean csv) {
        if (csv) {
            Accepts.require(request, CSV, "this answer is text/csv (format=csv); without format it is application/json");
        } else {
            Accepts.require(request, MediaType.APPLICATION_JSON,
                    "this answer is application/json; format=csv makes it text/csv");
        }
        return csv;
    }

    private static ReportCsv.Table historyTable(ServerReports.History h) {
        return new ReportCsv.Table("history", List.of("verified", "verifiedUpTo", "reportedUpTo", "statement"),
                List.of(List.of(String.valueOf(h.verified()), String.valueOf(h.verifiedUpTo()),
                        String.valueOf(h.reportedUpTo()), h.statement())));
    }

    private static void history(ObjectNode o, ServerReports.History h) {
        ObjectNode n = o.putObject("history");
        n.put("verified", h.verified()).put("verifiedUpTo", h.verifiedUpTo()).put("reportedUpTo", h.reportedUpTo())
                .put("statement", h.statement());
    }

    private static ResponseEntity<String> json(String body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static ResponseEntity<String> csv(String name, String body) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]",
                        "_") + ".csv\"").body(body);
    }
}
