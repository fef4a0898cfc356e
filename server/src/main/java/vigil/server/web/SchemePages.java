package vigil.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Actor;
import vigil.core.Policy;
import vigil.core.engine.Queries;
import vigil.server.log.EventLog;
import vigil.server.staff.CurrentActor;
import vigil.server.staff.VictimDetails;

/**
 * Special schemes (issue 14; docs/adr/105): the OIC's Form 4564, the RTRD's register (what each request lacks, the
 * engine's own check, before it is activated or rejected), the OIC's work list (contacts and reviews due) with the
 * contact attempts and the review decision, and the crime manager's escalations (second-stage reviews of their BCU).
 * Every list is live. Victim details are shown only to the roles {@link VictimDetails} names, and each page that shows
 * them is recorded as the API's reads are. Decides nothing: the engine refuses what it refuses, at the field.
 */
@Controller
class SchemePages {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The events that change a list of schemes: a list is fetched again on any of them. */
    static final String SCHEME_EVENTS = "SchemeRequested SchemeRejected SchemeActivated VictimContactRecorded"
            + " VictimContactOverdue FirstStageReviewSent SecondStageReviewSent SchemeExtended SchemeWithdrawn"
            + " SchemeReviewOverdue";
    private static final int HISTORY = 500;

    /** A choice on a form: its value and its words. */
    record Option(String value, String label) {}

    static final List<Option> GRADES = List.of(new Option("I", "I, Immediate"), new Option("S", "S, Significant"),
            new Option("E", "E, Extended"));
    static final List<Option> METHODS = List.of(new Option("PHONE", "Phone"), new Option("TEXT", "Text message"),
            new Option("EMAIL", "Email"), new Option("VISIT", "Visit in person"), new Option("LETTER", "Letter"));
    static final List<Option> OUTCOMES = List.of(new Option("CONTACTED", "Contacted: spoke to the victim"),
            new Option("NO_ANSWER", "No answer"), new Option("MESSAGE_LEFT", "Message left"),
            new Option("UNSAFE", "Not safe to contact now"), new Option("OTHER", "Other (say in the note)"));
    static final List<Option> EXPLAINED = List.of(new Option("SCHEME", "What a special scheme is"),
            new Option("DURATION", "How long it lasts (six months at most unless extended)"),
            new Option("WITHDRAWAL", "That it is being withdrawn"),
            new Option("EXTENSION", "That it is being extended"));
    static final List<Option> DECISIONS = List.of(new Option("EXTEND", "Extend: the risk remains"),
            new Option("WITHDRAW", "Withdraw: the risk no longer exists"));

    /** A scheme as the lists show it: its state and what needs doing, in words. */
    record Line(String id, String status, IncidentRows.Badge state, List<IncidentRows.Badge> flags, String address,
                String clis, String oic, String bcu, String crimeRef, String requiredGrade, String missing,
                String activated, String ends, String contactDue, String reviewSent, String secondStageDue,
                int attempts, boolean notTold, boolean reviewDue, String told) {
        public String href() {
            return "/schemes/" + Paths.segment(id);
        }

        public String domId() {
            return "scheme-" + id;
        }
    }

    /** A scheme's page: its line, the form as the caller may see it, and its history from the log. */
    record Page(Line line, Queries.SchemeView view, boolean victimShown, SchemeHistory.Read history) {}

    private final Picture picture;
    private final CurrentActor actors;
    private final PageCommands commands;
    private final EventLog log;
    private final VictimDetails victims;
    private final Policy policy;
    private final java.time.format.DateTimeFormatter date;

    SchemePages(Picture picture, CurrentActor actors, PageCommands commands, EventLog log, VictimDetails victims,
                Policy policy, Words words) {
        this.picture = picture;
        this.actors = actors;
        this.commands = commands;
        this.log = log;
        this.victims = victims;
        this.policy = policy;
        this.date = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.UK)
                .withZone(words.zone());
    }

    @org.springframework.web.bind.annotation.ModelAttribute("schemeEvents")
    String schemeEvents() {
        return SCHEME_EVENTS;
    }

    // --- the RTRD's register ----------------------------------------------------------------------------------

    @GetMapping("/schemes")
    String register(HttpServletRequest request, Model model) {
        IncidentBoard.me(request, actors);
        Picture.Seen<List<Line>> seen = picture.ask(this::lines);
        model.addAttribute("seq", seen.seq());
        register(model, seen.value());
        return "schemes";
    }

    @GetMapping("/schemes/register")
    String registerFragment(Model model) {
        register(model, picture.ask(this::lines).value());
        return "schemes :: register";
    }

    private static void register(Model model, List<Line> lines) {
        model.addAttribute("requested", lines.stream().filter(l -> l.status().equals("REQUESTED")).toList());
        model.addAttribute("active", lines.stream().filter(l -> l.status().equals("ACTIVE")).toList());
        model.addAttribute("closed", lines.stream()
                .filter(l -> l.status().equals("REJECTED") || l.status().equals("WITHDRAWN")).toList());
    }

    // --- the OIC's Form 4564 ------------------------------------------------------------------------------------

    @GetMapping("/schemes/new")
    String requestForm(HttpServletRequest request, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        Picture.Seen<Integer> seen = picture.ask(q -> q.schemes().size());
        Form form = Form.empty().value("schemeId", "SCH-" + (seen.value() + 1)).value("oic", me.id())
                .value("bcu", me.bcu());
        return requestPage(model, seen.seq(), form);
    }

    @PostMapping("/schemes/new")
    String request(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect,
                   @RequestParam Map<String, String> in) {
        Actor me = IncidentBoard.me(request, actors);
        List<String> clis = in.getOrDefault("clis", "").lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        PageCommands.Command c = PageCommands.command("RequestScheme").text("schemeId", in.get("schemeId"))
                .text("address", in.get("address")).list("clis", clis).text("victimName", in.get("victimName"))
                .text("oic", in.get("oic")).text("bcu", in.get("bcu")).text("crimeRef", in.get("crimeRef"))
                .text("instructions", in.get("instructions")).text("requiredGrade", in.get("requiredGrade"));
        String method = in.get("contactMethod");
        if (method != null && !method.isBlank()) {
            ObjectNode pc = JSON.createObjectNode().put("method", method.strip());
            String detail = in.get("contactDetail");
            if (detail != null && !detail.isBlank()) {
                pc.put("detail", detail.strip());
            }
            c.object("preferredContact", pc);
        }
        PageCommands.Answer a = commands.send(me, c);
        if (a.accepted()) {
            String id = c.value("schemeId");
            redirect.addFlashAttribute("done", "Form 4564 for scheme " + id + " submitted. The RTRD checks it and puts"
                    + " it on CAD; the RTRD never contacts the victim: telling them is yours.");
            return "redirect:/schemes/" + Paths.segment(id);
        }
        Form form = Form.empty();
        in.forEach(form::value);
        Map<String, String> errors = new java.util.LinkedHashMap<>(a.errors());
        // The contact preference is one object in the command and two fields on the form.
        if (errors.containsKey("method")) {
            errors.put("contactMethod", errors.remove("method"));
        }
        if (errors.containsKey("detail")) {
            errors.put("contactDetail", errors.remove("detail"));
        }
        errors.forEach((field, message) -> form.error(REQUEST_FIELDS.contains(field) ? field : "", message));
        response.setStatus(422);
        return requestPage(model, picture.ask(q -> 0).seq(), form);
    }

    private static final Set<String> REQUEST_FIELDS = Set.of("schemeId", "address", "clis", "victimName",
            "contactMethod", "contactDetail", "oic", "bcu", "crimeRef", "instructions", "requiredGrade");

    private String requestPage(Model model, long seq, Form form) {
        model.addAttribute("seq", seq);
        model.addAttribute("form", form);
        model.addAttribute("grades", GRADES);
        model.addAttribute("methods", METHODS);
        return "scheme-new";
    }

    // --- the OIC's work list ------------------------------------------------------------------------------------

    @GetMapping("/schemes/mine")
    String mine(HttpServletRequest request, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        Picture.Seen<List<Line>> seen = picture.ask(q -> mine(q, me));
        model.addAttribute("seq", seen.seq());
        work(model, seen.value());
        return "schemes-mine";
    }

    @GetMapping("/schemes/mine/list")
    String mineFragment(HttpServletRequest request, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        work(model, picture.ask(q -> mine(q, me)).value());
        return "schemes-mine :: work";
    }

    private List<Line> mine(Queries q, Actor me) {
        return lines(q).stream().filter(l -> me.id().equals(l.oic())).toList();
    }

    private static void work(Model model, List<Line> mine) {
        model.addAttribute("contactsDue", mine.stream().filter(Line::notTold).toList());
        model.addAttribute("reviewsDue", mine.stream().filter(Line::reviewDue).toList());
        model.addAttribute("waiting", mine.stream().filter(l -> l.status().equals("REQUESTED")).toList());
        model.addAttribute("all", mine);
    }

    // --- the crime manager's escalations -----------------------------------------------------------------------

    @GetMapping("/schemes/escalations")
    String escalations(HttpServletRequest request, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        Picture.Seen<List<Line>> seen = picture.ask(q -> escalations(q, me));
        model.addAttribute("seq", seen.seq());
        model.addAttribute("escalations", seen.value());
        model.addAttribute("bcu", picture.ask(q -> bcuOf(q, me)).value());
        return "schemes-escalations";
    }

    @GetMapping("/schemes/escalations/list")
    String escalationsFragment(HttpServletRequest request, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        model.addAttribute("escalations", picture.ask(q -> escalations(q, me)).value());
        return "schemes-escalations :: escalations";
    }

    /** Active schemes of the caller's BCU whose review went to the second stage, or whose end passed undecided. */
    private List<Line> escalations(Queries q, Actor me) {
        String bcu = bcuOf(q, me);
        Set<String> escalated = new HashSet<>();
        for (Queries.AlertView a : q.openAlerts()) {
            if (a.schemeId() != null && (a.type().equals("SecondStageReviewSent")
                    || a.type().equals("SchemeReviewOverdue"))) {
                escalated.add(a.schemeId());
            }
        }
        return lines(q).stream().filter(l -> escalated.contains(l.id()))
                .filter(l -> bcu == null || bcu.equals(l.bcu())).toList();
    }

    private static String bcuOf(Queries q, Actor me) {
        return q.staffMember(me.id()).map(Queries.StaffView::bcu).orElse(me.bcu());
    }

    // --- one scheme ---------------------------------------------------------------------------------------------

    @GetMapping("/schemes/{id}")
    String scheme(@PathVariable("id") String id, HttpServletRequest request, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        return schemePage(id, me, model, Map.of());
    }

    /** The scheme's state and form, for {@code live.js}. */
    @GetMapping("/schemes/{id}/facts")
    String facts(@PathVariable("id") String id, HttpServletRequest request, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        Picture.Seen<Page> seen = page(id, me, "GET /schemes/" + id + "/facts");
        model.addAttribute("p", seen.value());
        return "scheme :: facts";
    }

    /** The scheme's contact attempts and history, for {@code live.js}. */
    @GetMapping("/schemes/{id}/history")
    String history(@PathVariable("id") String id, HttpServletRequest request, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        Picture.Seen<Page> seen = page(id, me, null);
        model.addAttribute("p", seen.value());
        return "scheme :: history";
    }

    @PostMapping("/schemes/{id}/activate")
    String activate(@PathVariable("id") String id, HttpServletRequest request, HttpServletResponse response,
                    Model model, RedirectAttributes redirect) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Answer a = commands.send(me, PageCommands.command("ActivateScheme").text("schemeId", id));
        return after(a, id, me, "activate", Form.empty(), Set.of(), "Scheme " + id + " is on CAD: calls from its"
                + " numbers and address now raise it. The OIC is to tell the victim within the week.", response, model,
                redirect);
    }

    @PostMapping("/schemes/{id}/reject")
    String reject(@PathVariable("id") String id, @RequestParam(name = "reason", required = false) String reason,
                  HttpServletRequest request, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Answer a = commands.send(me, PageCommands.command("RejectScheme").text("schemeId", id)
                .text("reason", reason));
        return after(a, id, me, "reject", Form.empty().value("reason", reason), Set.of("reason"),
                "Scheme " + id + " rejected: the OIC sees why and may submit a new Form 4564.", response, model,
                redirect);
    }

    @PostMapping("/schemes/{id}/contacts")
    String contact(@PathVariable("id") String id, @RequestParam(name = "method", required = false) String method,
                   @RequestParam(name = "outcome", required = false) String outcome,
                   @RequestParam(name = "explained", required = false) List<String> explained,
                   @RequestParam(name = "note", required = false) String note, HttpServletRequest request,
                   HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Command c = PageCommands.command("RecordVictimContact").text("schemeId", id)
                .text("method", method).text("outcome", outcome).text("note", note);
        c.node.putArray("explained"); // nothing ticked is an answer too: nothing was explained
        c.list("explained", explained);
        PageCommands.Answer a = commands.send(me, c);
        Form form = Form.empty().value("method", method).value("outcome", outcome).value("note", note)
                .value("explained", explained == null ? "" : String.join(",", explained));
        return after(a, id, me, "contact", form, Set.of("method", "outcome", "explained", "note"),
                "Contact attempt recorded (" + SchemeHistory.outcomeWord(outcome == null ? "" : outcome)
                        .toLowerCase(Locale.ROOT) + ").", response, model, redirect);
    }

    @PostMapping("/schemes/{id}/review")
    String review(@PathVariable("id") String id, @RequestParam(name = "decision", required = false) String decision,
                  @RequestParam(name = "note", required = false) String note, HttpServletRequest request,
                  HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Answer a = commands.send(me, PageCommands.command("ReviewScheme").text("schemeId", id)
                .text("decision", decision).text("note", note));
        Form form = Form.empty().value("decision", decision).value("note", note);
        return after(a, id, me, "review", form, Set.of("decision", "note"), "EXTEND".equals(decision)
                ? "Scheme " + id + " extended for another period; tell the victim it is being extended."
                : "Scheme " + id + " withdrawn.", response, model, redirect);
    }

    /** Accepted: back to the scheme, saying what was done. Refused: the page again, the message at the field. */
    private String after(PageCommands.Answer a, String id, Actor me, String which, Form form, Set<String> shown,
                         String done, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        if (a.accepted()) {
            redirect.addFlashAttribute("done", done);
            return "redirect:/schemes/" + Paths.segment(id);
        }
        // A refusal of the scheme's state (VICTIM_NOT_CONTACTED, INCOMPLETE_REQUEST...) is the form's own message.
        form.refused(a, shown);
        response.setStatus(422);
        return schemePage(id, me, model, Map.of(which, form));
    }

    private String schemePage(String id, Actor me, Model model, Map<String, Form> forms) {
        Picture.Seen<Page> seen = page(id, me, "GET /schemes/" + id);
        model.addAttribute("seq", seen.seq());
        model.addAttribute("p", seen.value());
        model.addAttribute("id", id);
        for (String f : List.of("activate", "reject", "contact", "review")) {
            model.addAttribute(f, forms.getOrDefault(f, Form.empty()));
        }
        Queries.SchemeView v = seen.value().view();
        if (!forms.containsKey("contact") && v.preferredContact() != null) {
            // The victim's preferred method first (the policy's words), for those who may see it.
            model.addAttribute("contact", Form.empty().value("method", v.preferredContact().method()));
        }
        model.addAttribute("methods", METHODS);
        model.addAttribute("outcomes", OUTCOMES);
        model.addAttribute("explainedOptions", EXPLAINED);
        model.addAttribute("decisions", DECISIONS);
        return "scheme";
    }

    /**
     * The scheme as {@code me} may see it; when that shows the victim details, the read is recorded first under
     * {@code path} (docs/adr/041), as {@code GET /api/schemes/{id}} records it.
     */
    private Picture.Seen<Page> page(String id, Actor me, String path) {
        record Found(Queries.SchemeView view, Line line) {}
        Picture.Seen<Found> seen = picture.ask(q -> q.scheme(id).map(s -> new Found(s, line(q, s, alerts(q))))
                .orElse(null));
        if (seen.value() == null) {
            throw PageProblem.notFound("scheme", id);
        }
        Queries.SchemeView s = seen.value().view();
        boolean shown = VictimDetails.maySee(me.role());
        if (shown && path != null && (s.victimName() != null || s.preferredContact() != null)) {
            victims.recordRead(me, path, List.of(id));
        }
        Queries.SchemeView asSeen = shown ? s : new Queries.SchemeView(s.id(), s.status(), s.address(), s.clis(), null,
                null, s.oic(), s.bcu(), s.crimeRef(), s.instructions(), s.requiredGrade(), s.activatedAt(),
                s.maxUntil(), s.firstReviewAt(), s.firstStageReviewSentAt(), s.reviewOverdue(), s.contactOverdue(),
                s.victimInformedAt(), s.withdrawnAt(), s.contactAttempts());
        SchemeHistory.Read history = SchemeHistory.of(log.scheme(id, HISTORY));
        return new Picture.Seen<>(seen.seq(), new Page(seen.value().line(), asSeen, shown, history));
    }

    // --- lines ---------------------------------------------------------------------------------------------------

    private List<Line> lines(Queries q) {
        Map<String, Set<String>> alerts = alerts(q);
        List<Line> out = new ArrayList<>();
        for (Queries.SchemeView s : q.schemes()) {
            out.add(line(q, s, alerts));
        }
        return out;
    }

    /** The open alerts of each scheme, by type. */
    private static Map<String, Set<String>> alerts(Queries q) {
        Map<String, Set<String>> out = new java.util.HashMap<>();
        for (Queries.AlertView a : q.openAlerts()) {
            if (a.schemeId() != null) {
                out.computeIfAbsent(a.schemeId(), k -> new LinkedHashSet<>()).add(a.type());
            }
        }
        return out;
    }

    private Line line(Queries q, Queries.SchemeView s, Map<String, Set<String>> alerts) {
        Set<String> open = alerts.getOrDefault(s.id(), Set.of());
        List<IncidentRows.Badge> flags = new ArrayList<>();
        String missing = null;
        IncidentRows.Badge state = switch (s.status()) {
            case "REQUESTED" -> new IncidentRows.Badge("Waiting for the RTRD", "unacknowledged");
            case "ACTIVE" -> new IncidentRows.Badge("Active", "scheme");
            case "REJECTED" -> new IncidentRows.Badge("Rejected", "neutral");
            default -> new IncidentRows.Badge("Withdrawn", "neutral");
        };
        if (s.status().equals("REQUESTED")) {
            missing = q.schemeFormMissing(s.id()).orElse(null);
            flags.add(missing == null ? new IncidentRows.Badge("Form complete", "at-scene")
                    : new IncidentRows.Badge("Form incomplete", "unresourced"));
        }
        boolean active = s.status().equals("ACTIVE");
        Instant contactDue = s.activatedAt() == null ? null
                : policy.victimContactWithin().addTo(s.activatedAt(), policy.zone());
        boolean notTold = active && s.victimInformedAt() == null;
        boolean reviewDue = active && s.firstStageReviewSentAt() != null;
        if (notTold) {
            flags.add(s.contactOverdue() ? new IncidentRows.Badge("Victim not told in time", "breached")
                    : new IncidentRows.Badge("Victim not yet told", "warning"));
        }
        if (reviewDue) {
            flags.add(new IncidentRows.Badge("Review due", "unacknowledged"));
        }
        if (open.contains("SecondStageReviewSent")) {
            flags.add(new IncidentRows.Badge("Escalated to the crime manager", "divert"));
        }
        if (s.reviewOverdue() && active) {
            flags.add(new IncidentRows.Badge("Past its end, no decision", "breached"));
        }
        Instant secondStage = s.firstStageReviewSentAt() == null ? null
                : policy.secondStageAfter().addTo(s.firstStageReviewSentAt(), policy.zone());
        return new Line(s.id(), s.status(), state, flags, s.address(), String.join(", ", s.clis()), s.oic(), s.bcu(),
                s.crimeRef(), s.requiredGrade() == null ? null : s.requiredGrade().name(), missing,
                day(s.activatedAt()), day(s.maxUntil()), day(contactDue),
                day(s.firstStageReviewSentAt()), day(secondStage), s.contactAttempts(), notTold, reviewDue,
                day(s.victimInformedAt()));
    }

    /** Schemes run for months: their dates carry the year. */
    private String day(Instant at) {
        return at == null ? null : date.format(at);
    }
}
