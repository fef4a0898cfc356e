package vigil.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.core.Actor;
import vigil.core.Grade;
import vigil.core.Policy;
import vigil.core.engine.Queries;
import vigil.server.log.Writer;
import vigil.server.reports.QartQueue;
import vigil.server.reports.ReportFollower;
import vigil.server.reports.ServerReports;
import vigil.server.reports.Timelines;
import vigil.server.staff.CurrentActor;
import vigil.sim.report.Report;

/**
 * The report pages (issue 13 point 2; docs/adr/107): the standard reports for any period, filtered by BCU and grade,
 * as tables and charts people would rather look at than read (response times per grade against the target, demand by
 * hour and weekday as a heat map, diverts and breaches over time), each with its CSV download; the QART work queue,
 * where a QA reviewer records the outcome of a divert and an inspector or duty officer asks for an urgent review; and
 * an incident's timeline with its CSV and EIDO. The numbers are {@link ServerReports}' (the API's, the CLI's): never
 * computed a second time. Each page says how far the history under it is verified.
 */
@Controller
class ReportPages {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The events that change the QART queue: it is fetched again (once the read tables have them) on any of them. */
    static final String QART_EVENTS = "DivertTagged DivertReviewRequested DivertReviewOverdue DivertApproved"
            + " DivertOverridden OverrideChallenged ChallengeResolved ReallocationRequested ReallocationTasked"
            + " DivertAudited UrgentReviewRequested UnitAssigned UnitArrived AttendanceBreached IncidentClosed";
    /** How long a page waits for the read tables to take in what it was told of (they follow the log, ADR 060). */
    private static final Duration CATCH_UP = Duration.ofSeconds(5);

    static final List<SchemePages.Option> AUDIT_OUTCOMES = List.of(
            new SchemePages.Option("APPROPRIATE", "Appropriate: the divert was right"),
            new SchemePages.Option("INAPPROPRIATE", "Inappropriate: the divert should not have been made"),
            new SchemePages.Option("LEARNING", "Learning: right or not, there is something to learn"));

    private final ServerReports reports;
    private final Timelines timelines;
    private final ReportFollower follower;
    private final Writer writer;
    private final Picture picture;
    private final CurrentActor actors;
    private final PageCommands commands;
    private final Policy policy;
    private final Words words;
    private final InstantSource clock;
    private final java.time.format.DateTimeFormatter period;

    ReportPages(ServerReports reports, Timelines timelines, ReportFollower follower, Writer writer, Picture picture,
                CurrentActor actors, PageCommands commands, Policy policy, Words words, InstantSource clock) {
        this.reports = reports;
        this.timelines = timelines;
        this.follower = follower;
        this.writer = writer;
        this.picture = picture;
        this.actors = actors;
        this.commands = commands;
        this.policy = policy;
        this.words = words;
        this.clock = clock;
        this.period = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss", java.util.Locale.UK)
                .withZone(words.zone());
    }

    // --- the standard reports ------------------------------------------------------------------------------------

    @GetMapping("/reports")
    String reports(ReportView.ReportQuery query, HttpServletRequest request, HttpServletResponse response,
                   Model model) {
        IncidentBoard.me(request, actors);
        ReportView.Asked asked = query.asked(words.zone());
        long seq = filterForm(model, asked);
        model.addAttribute("seq", seq);
        Report r = run(asked, ServerReports.all(), model, response);
        if (r == null) {
            return "reports";
        }
        List<ReportView.GradeRow> byGrade = ReportView.byGrade(r.responseTimes().byGrade(), policy);
        model.addAttribute("byGrade", byGrade);
        model.addAttribute("byBcu", ReportView.byBcu(r.responseTimes().byBcu(), policy));
        model.addAttribute("responseChart", ReportView.responseChart(byGrade));
        model.addAttribute("demand", r.demand());
        model.addAttribute("hourChart", ReportView.hourChart(r.demand().callsByHour()));
        model.addAttribute("heat", ReportView.heat(r.demand().callsByWeekdayHour()));
        List<ReportView.Bucket> buckets = ReportView.overTime(r, words.zone());
        model.addAttribute("buckets", buckets.stream().filter(b -> b.diverts() + b.breaches() > 0).toList());
        model.addAttribute("bucketWord", ReportView.unitWord(r.from(), r.to()));
        model.addAttribute("timeChart", ReportView.timeChart(buckets, words.zone()));
        model.addAttribute("delayed", r.delayedAttendance());
        model.addAttribute("diverts", r.diverts());
        model.addAttribute("schemes", r.schemes());
        return "reports";
    }

    /**
     * The report over what was asked; on a period the tables cannot answer (it starts after the last event they hold,
     * say), the message at the field and null.
     */
    private Report run(ReportView.Asked asked, Set<Report.Part> parts, Model model, HttpServletResponse response) {
        if (asked.form().refused()) {
            response.setStatus(422);
            return null;
        }
        ServerReports.Answer a;
        try {
            a = reports.report(asked.from(), asked.to(), asked.filter(), parts);
        } catch (IllegalArgumentException e) {
            asked.form().error(asked.from() != null ? "from" : "to", "The log holds nothing in that period: "
                    + (asked.from() != null ? "give an earlier start." : "give a later end."));
            response.setStatus(422);
            return null;
        }
        Report r = a.report();
        model.addAttribute("report", r);
        model.addAttribute("history", a.history());
        model.addAttribute("period", period.format(r.from()) + " to " + period.format(r.to()));
        model.addAttribute("periodFrom", r.from().toString());
        model.addAttribute("periodTo", r.to().toString());
        model.addAttribute("query", ReportView.query(r));
        return r;
    }

    /** The filter form's choices (the roster's BCUs, the grades) and the quick periods; the seq the page stands at. */
    private long filterForm(Model model, ReportView.Asked asked) {
        Picture.Seen<Set<String>> bcus = picture.ask(q -> {
            Set<String> out = new TreeSet<>();
            q.units().stream().map(Queries.UnitView::bcu).filter(b -> b != null).forEach(out::add);
            q.staff().stream().map(Queries.StaffView::bcu).filter(b -> b != null).forEach(out::add);
            return out;
        });
        Set<String> all = new TreeSet<>(bcus.value());
        all.addAll(asked.bcus());
        model.addAttribute("bcuOptions", all.stream().map(b -> new SchemePages.Option(b, b)).toList());
        model.addAttribute("gradeOptions", EnumSet.allOf(Grade.class).stream()
                .map(g -> new SchemePages.Option(g.name(), g.name() + ", " + Words.grade(g))).toList());
        model.addAttribute("filter", asked.form());
        var now = clock.instant();
        model.addAttribute("quick", List.of(
                new SchemePages.Option("from=" + now.minus(Duration.ofDays(1)), "Last 24 hours"),
                new SchemePages.Option("from=" + now.minus(Duration.ofDays(7)), "Last 7 days"),
                new SchemePages.Option("from=" + now.minus(Duration.ofDays(30)), "Last 30 days"),
                new SchemePages.Option("", "Everything in the log")));
        return bcus.seq();
    }

    // --- the QART work queue --------------------------------------------------------------------------------------

    @GetMapping("/qart")
    String qart(ReportView.ReportQuery query, HttpServletRequest request, HttpServletResponse response, Model model) {
        IncidentBoard.me(request, actors);
        ReportView.Asked asked = query.asked(words.zone());
        model.addAttribute("seq", filterForm(model, asked));
        model.addAttribute("qartEvents", QART_EVENTS);
        queue(asked, model, response);
        return "qart";
    }

    /** The queue alone, for {@code live.js}: once the read tables hold what the page was told of. */
    @GetMapping("/qart/queue")
    String queueFragment(ReportView.ReportQuery query, HttpServletRequest request, HttpServletResponse response,
                         Model model) {
        IncidentBoard.me(request, actors);
        follower.awaitProjected(writer.position().lastSeq(), CATCH_UP);
        model.addAttribute("qartEvents", QART_EVENTS);
        queue(query.asked(words.zone()), model, response);
        return "qart :: queue";
    }

    private void queue(ReportView.Asked asked, Model model, HttpServletResponse response) {
        Report r = run(asked, EnumSet.of(Report.Part.DIVERTS), model, response);
        model.addAttribute("queue", r == null ? List.of() : QartQueue.of(r.diverts()).stream().map(QartRow::of)
                .toList());
        // As asked, not as resolved: a queue open at its end takes in the diverts made after the page was shown.
        var src = org.springframework.web.util.UriComponentsBuilder.fromPath("/qart/queue");
        Form f = asked.form();
        for (String p : List.of("from", "to")) {
            if (!f.get(p).isBlank()) {
                src.queryParam(p, f.get(p));
            }
        }
        asked.bcus().forEach(b -> src.queryParam("bcu", b));
        asked.grades().forEach(g -> src.queryParam("grade", g.name()));
        model.addAttribute("queueSrc", src.encode().toUriString());
    }

    /** A row of the queue, its statuses in words as well as the API's names. */
    record QartRow(Report.Divert d, String reviewStatus, String auditStatus, String reviewWords, String reviewCss,
                   String auditWords, String auditCss) {
        static QartRow of(Report.Divert d) {
            String review = QartQueue.reviewStatus(d);
            String audit = QartQueue.auditStatus(d);
            return new QartRow(d, review, audit, switch (review) {
                case "APPROVED" -> "Approved";
                case "OVERRIDDEN" -> "Overridden";
                case "OVERDUE" -> "Review overdue";
                default -> "Awaiting review";
            }, switch (review) {
                case "APPROVED", "OVERRIDDEN" -> "neutral";
                case "OVERDUE" -> "breached";
                default -> "unacknowledged";
            }, d.audit() == null ? "Awaiting audit" : "Audited: " + d.audit().name().toLowerCase(java.util.Locale.ROOT),
                    d.audit() == null ? "warning" : "at-scene");
        }

        public String href() {
            return "/qart/" + Paths.segment(d.incidentId());
        }
    }

    @GetMapping("/qart/{id}")
    String qartIncident(@PathVariable("id") String id, Model model) {
        return qartIncidentPage(id, model, Form.empty(), Form.empty());
    }

    @PostMapping("/qart/{id}/audit")
    String audit(@PathVariable("id") String id, @RequestParam(name = "outcome", required = false) String outcome,
                 @RequestParam(name = "note", required = false) String note, HttpServletRequest request,
                 HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Answer a = commands.send(me, PageCommands.command("RecordDivertAudit").text("incidentId", id)
                .text("outcome", outcome).text("note", note));
        if (a.accepted()) {
            follower.awaitProjected(a.lastSeq(), CATCH_UP); // so the queue shows the audit at once
            redirect.addFlashAttribute("done", "Audit of " + id + " recorded: " + outcome.toLowerCase(
                    java.util.Locale.ROOT) + ".");
            return "redirect:/qart";
        }
        response.setStatus(422);
        return qartIncidentPage(id, model, Form.empty().value("outcome", outcome).value("note", note)
                .refused(a, Set.of("outcome", "note")), Form.empty());
    }

    @PostMapping("/qart/{id}/urgent")
    String urgent(@PathVariable("id") String id, @RequestParam(name = "note", required = false) String note,
                  HttpServletRequest request, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Answer a = commands.send(me, PageCommands.command("RequestUrgentReview").text("incidentId", id)
                .text("note", note));
        if (a.accepted()) {
            follower.awaitProjected(a.lastSeq(), CATCH_UP);
            redirect.addFlashAttribute("done", "Urgent review of " + id + " asked: it is at the top of QART's queue.");
            return "redirect:/qart";
        }
        response.setStatus(422);
        return qartIncidentPage(id, model, Form.empty(), Form.empty().value("note", note)
                .refused(a, Set.of("note")));
    }

    private String qartIncidentPage(String id, Model model, Form audit, Form urgent) {
        ServerReports.Answer a = reports.report(null, null, vigil.sim.report.Filter.NONE,
                EnumSet.of(Report.Part.DIVERTS));
        List<QartRow> rows = a.report().diverts().stream().filter(d -> d.incidentId().equals(id)).map(QartRow::of)
                .toList();
        if (rows.isEmpty()) {
            throw new PageProblem(HttpStatus.NOT_FOUND, "No divert from " + id, "The DIVERT tag list has no divert"
                    + " from an incident " + id + " (as far as the reports have read the log).");
        }
        model.addAttribute("seq", picture.ask(q -> 0).seq());
        model.addAttribute("id", id);
        model.addAttribute("rows", rows);
        model.addAttribute("history", a.history());
        model.addAttribute("audit", audit);
        model.addAttribute("urgent", urgent);
        model.addAttribute("outcomes", AUDIT_OUTCOMES);
        return "qart-incident";
    }

    // --- an incident's timeline -----------------------------------------------------------------------------------

    @GetMapping("/reports/incidents")
    String findTimeline(@RequestParam(name = "id", required = false) String id, HttpServletRequest request,
                        HttpServletResponse response, Model model) {
        IncidentBoard.me(request, actors);
        Form form = Form.empty().value("id", id);
        if (id != null) {
            if (id.isBlank()) {
                form.error("id", "Required: give an incident's id, such as CAD-1.");
            } else if (timelines.of(id.strip()).isEmpty()) {
                form.error("id", "The log names no incident " + id.strip() + " (as far as the reports have read it).");
            } else {
                return "redirect:/reports/incidents/" + Paths.segment(id.strip());
            }
            response.setStatus(422);
        }
        model.addAttribute("seq", picture.ask(q -> 0).seq());
        model.addAttribute("form", form);
        return "timeline-find";
    }

    @GetMapping("/reports/incidents/{id}")
    String timeline(@PathVariable("id") String id, HttpServletRequest request, Model model) {
        IncidentBoard.me(request, actors);
        model.addAttribute("seq", picture.ask(q -> 0).seq());
        timelineModel(id, model);
        return "timeline";
    }

    @GetMapping("/reports/incidents/{id}/events")
    String timelineFragment(@PathVariable("id") String id, HttpServletRequest request, Model model) {
        IncidentBoard.me(request, actors);
        follower.awaitProjected(writer.position().lastSeq(), CATCH_UP);
        timelineModel(id, model);
        return "timeline :: events";
    }

    /** One event of a timeline: the report's columns, and the event's own fields in a line. */
    record Line(long seq, String at, String type, String actor, String fields) {}

    private void timelineModel(String id, Model model) {
        List<Timelines.Entry> entries = timelines.of(id);
        if (entries.isEmpty()) {
            throw PageProblem.notFound("incident", id);
        }
        List<Line> lines = new ArrayList<>(entries.size());
        for (Timelines.Entry e : entries) {
            lines.add(new Line(e.seq(), words.dayTime(e.at()), e.type(), e.actor(), fields(e.payload())));
        }
        String base = "/api/reports/incidents/" + Paths.segment(id);
        model.addAttribute("id", id);
        model.addAttribute("lines", lines);
        model.addAttribute("history", reports.history());
        model.addAttribute("csv", base + "/timeline?format=csv");
        model.addAttribute("json", base + "/timeline");
        model.addAttribute("eido", base + "/eido");
    }

    /** A field's value in words: text as it is, an object as {@code (name value, ...)}, a list comma-separated. */
    private static String value(JsonNode v) {
        if (v.isString()) {
            return v.asString();
        }
        if (v.isObject()) {
            StringBuilder b = new StringBuilder("(");
            v.properties().forEach(p -> b.append(b.length() > 1 ? ", " : "").append(p.getKey()).append(' ')
                    .append(value(p.getValue())));
            return b.append(')').toString();
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(value(x)));
            return String.join(", ", parts);
        }
        return v.toString();
    }

    /** The event's own fields (what is not already a column), as {@code name: value}. */
    private static String fields(String payload) {
        JsonNode e = JSON.readTree(payload);
        StringBuilder b = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = e.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (Set.of("seq", "at", "type", "by").contains(f.getKey())) {
                continue;
            }
            if (!b.isEmpty()) {
                b.append("; ");
            }
            b.append(f.getKey()).append(": ").append(value(f.getValue()));
        }
        return b.toString();
    }
}
