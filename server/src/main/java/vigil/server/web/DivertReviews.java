package vigil.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.core.Actor;
import vigil.core.Policy;
import vigil.core.engine.Queries;
import vigil.server.api.IncidentTimeline;
import vigil.server.staff.CurrentActor;

/**
 * The divert protocol's desks (the seed's accepted recommendation): the controller's reviews — both incidents side by
 * side, grades, time left, scheme and vulnerability flags, the despatcher's reason — approved or overridden; the duty
 * officer's challenges; the inspector's reallocation tasks, with the nearest available units and their ETA.
 */
@Controller
class DivertReviews {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A divert as a desk lists it. */
    record Item(String incidentId, String unitId, String toIncidentId, String at, String stage, boolean overdue,
                String grade) {}

    /** The two incidents of a divert, as the controller weighs them. */
    record Pair(IncidentRows.Row original, IncidentRows.Row destination, Queries.DivertView divert, String reason,
                String by) {}

    private final Picture picture;
    private final CurrentActor actors;
    private final PageCommands commands;
    private final InstantSource clock;
    private final Policy policy;
    private final Words words;
    private final IncidentTimeline timelines;

    DivertReviews(Picture picture, CurrentActor actors, PageCommands commands, InstantSource clock, Policy policy,
                  Words words, IncidentTimeline timelines) {
        this.picture = picture;
        this.actors = actors;
        this.commands = commands;
        this.clock = clock;
        this.policy = policy;
        this.words = words;
        this.timelines = timelines;
    }

    private List<Item> diverts(Queries q, Set<String> stages) {
        List<Item> out = new ArrayList<>();
        for (Queries.IncidentView i : q.incidents()) {
            q.incidentDetail(i.id()).ifPresent(d -> d.diverts().stream().filter(v -> stages.contains(v.stage()))
                    .forEach(v -> out.add(new Item(i.id(), v.unitId(), v.toIncidentId(), words.time(v.at()),
                            v.stage(), v.reviewOverdue(), i.grade().name()))));
        }
        return out;
    }

    // --- the controller's reviews -----------------------------------------------------------------------------

    @GetMapping("/reviews")
    String reviews(HttpServletRequest request, Model model) {
        IncidentBoard.me(request, actors);
        Picture.Seen<List<Item>> seen = picture.ask(q -> diverts(q, Set.of("AWAITING_REVIEW")));
        model.addAttribute("seq", seen.seq());
        model.addAttribute("items", seen.value());
        return "reviews";
    }

    @GetMapping("/reviews/list")
    String reviewList(Model model) {
        model.addAttribute("items", picture.ask(q -> diverts(q, Set.of("AWAITING_REVIEW"))).value());
        return "reviews :: list";
    }

    @GetMapping("/reviews/{id}")
    String review(@PathVariable("id") String id, HttpServletRequest request, Model model) {
        IncidentBoard.me(request, actors);
        Picture.Seen<Pair> seen = pair(id);
        model.addAttribute("seq", seen.seq());
        model.addAttribute("now", clock.instant().toEpochMilli());
        model.addAttribute("id", id);
        model.addAttribute("pair", seen.value());
        model.addAttribute("decision", Form.empty());
        return "review";
    }

    @GetMapping("/reviews/{id}/pair")
    String pairFragment(@PathVariable("id") String id, Model model) {
        model.addAttribute("id", id);
        model.addAttribute("pair", pair(id).value());
        return "review :: pair";
    }

    @PostMapping("/reviews/{id}")
    String decide(@PathVariable("id") String id, @RequestParam(name = "decision", required = false) String decision,
                  @RequestParam(name = "note", required = false) String note, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Answer a = commands.send(me, PageCommands.command("ReviewDivert").text("incidentId", id)
                .text("decision", decision).text("note", note));
        Form form = Form.empty();
        if (a.accepted()) {
            form.done("APPROVE".equals(decision)
                    ? "Approved. The divert stands; the inspector is asked to get another unit tasked to " + id + "."
                    : "Overridden. The unit is sent back to " + id + "; the despatcher may challenge it.");
        } else {
            form.value("decision", decision).value("note", note).refused(a, Set.of("decision", "note"));
            response.setStatus(422);
        }
        model.addAttribute("id", id);
        model.addAttribute("decision", form);
        return "review :: decide";
    }

    private Picture.Seen<Pair> pair(String id) {
        Picture.Seen<Pair> seen = picture.ask(q -> q.incidentDetail(id).map(d -> {
            Map<String, Queries.UnitView> units = IncidentRows.unitsById(q);
            Queries.DivertView v = d.diverts().stream().filter(x -> x.stage().equals("AWAITING_REVIEW")).findFirst()
                    .orElse(d.diverts().isEmpty() ? null : d.diverts().getLast());
            IncidentRows.Row to = v == null ? null : q.incidentDetail(v.toIncidentId())
                    .map(t -> IncidentRows.row(t, units, clock.instant(), policy, words)).orElse(null);
            return new Pair(IncidentRows.row(d, units, clock.instant(), policy, words), to, v, null, null);
        }).orElse(null));
        if (seen.value() == null) {
            throw PageProblem.notFound("incident", id);
        }
        Pair p = seen.value();
        if (p.divert() == null) {
            throw new PageProblem(org.springframework.http.HttpStatus.NOT_FOUND, "No divert to review",
                    id + " has had no unit diverted from it.");
        }
        String reason = null;
        String by = null;
        for (String line : timelines.of(id).lines()) {
            JsonNode e = JSON.readTree(line);
            if (e.path("type").asString().equals("UnitDiverted") && e.path("unitId").asString().equals(
                    p.divert().unitId()) && e.path("fromIncidentId").asString().equals(id)) {
                reason = e.path("reason").asString(null);
                by = e.path("by").asString(null);
            }
        }
        return new Picture.Seen<>(seen.seq(), new Pair(p.original(), p.destination(), p.divert(), reason, by));
    }

    // --- the duty officer's challenges (and the despatcher's challenge of an override) ------------------------

    @GetMapping("/challenges")
    String challenges(HttpServletRequest request, Model model) {
        IncidentBoard.me(request, actors);
        Picture.Seen<List<Item>> seen = picture.ask(q -> diverts(q, Set.of("OVERRIDDEN", "OVERRIDE_CHALLENGED")));
        model.addAttribute("seq", seen.seq());
        model.addAttribute("items", seen.value());
        model.addAttribute("forms", Map.of());
        return "challenges";
    }

    @GetMapping("/challenges/list")
    String challengeList(Model model) {
        model.addAttribute("items", picture.ask(q -> diverts(q, Set.of("OVERRIDDEN", "OVERRIDE_CHALLENGED"))).value());
        model.addAttribute("forms", Map.of());
        return "challenges :: list";
    }

    @PostMapping("/challenges/{id}")
    String challengeOrResolve(@PathVariable("id") String id,
                              @RequestParam(name = "decision", required = false) String decision,
                              @RequestParam(name = "note", required = false) String note,
                              HttpServletRequest request, HttpServletResponse response, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Command c = decision == null ? PageCommands.command("ChallengeOverride").text("incidentId", id)
                .text("note", note) : PageCommands.command("ResolveChallenge").text("incidentId", id)
                .text("decision", decision).text("note", note);
        PageCommands.Answer a = commands.send(me, c);
        Form form = Form.empty();
        if (a.accepted()) {
            form.done(decision == null ? "Challenged: the duty officer decides."
                    : "UPHOLD_OVERRIDE".equals(decision) ? "Decided: the override stands."
                    : "Decided: the divert is allowed (if " + id + " is left without a unit, an inspector is asked to"
                    + " task one).");
        } else {
            form.value("note", note).value("decision", decision).refused(a, Set.of("note", "decision"));
            response.setStatus(422);
        }
        List<Item> items = picture.ask(q -> diverts(q, Set.of("OVERRIDDEN", "OVERRIDE_CHALLENGED"))).value();
        model.addAttribute("items", items);
        model.addAttribute("forms", Map.of(id, form));
        model.addAttribute("done", form.done());
        if (!a.accepted() && items.stream().noneMatch(i -> i.incidentId().equals(id))) {
            model.addAttribute("missed", Form.missed(id, form)); // its form is gone from the list: said above it
        }
        return "challenges :: list";
    }

    // --- the inspector's reallocation tasks -----------------------------------------------------------------

    record Task(IncidentRows.Row row, List<Despatching.Offer> offers) {}

    private List<Task> tasks(Queries q) {
        Map<String, Queries.UnitView> units = IncidentRows.unitsById(q);
        List<Task> out = new ArrayList<>();
        for (Queries.IncidentDetail d : q.openIncidentDetails()) {
            if (d.view().reallocationRequested()) {
                out.add(new Task(IncidentRows.row(d, units, clock.instant(), policy, words),
                        Despatching.offers(q, d.view().id())));
            }
        }
        return out;
    }

    @GetMapping("/reallocations")
    String reallocations(HttpServletRequest request, Model model) {
        IncidentBoard.me(request, actors);
        Picture.Seen<List<Task>> seen = picture.ask(this::tasks);
        model.addAttribute("seq", seen.seq());
        model.addAttribute("now", clock.instant().toEpochMilli());
        model.addAttribute("tasks", seen.value());
        model.addAttribute("forms", Map.of());
        return "reallocations";
    }

    @GetMapping("/reallocations/list")
    String reallocationList(Model model) {
        model.addAttribute("tasks", picture.ask(this::tasks).value());
        model.addAttribute("forms", Map.of());
        return "reallocations :: list";
    }

    @PostMapping("/reallocations/{id}")
    String task(@PathVariable("id") String id, @RequestParam(name = "note", required = false) String note,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Answer a = commands.send(me, PageCommands.command("TaskReallocation").text("incidentId", id)
                .text("note", note));
        Form form = Form.empty();
        if (a.accepted()) {
            form.done("Tasked: the despatchers are to send a unit to " + id + ".");
        } else {
            form.value("note", note).refused(a, Set.of("note"));
            response.setStatus(422);
        }
        List<Task> tasks = picture.ask(this::tasks).value();
        model.addAttribute("tasks", tasks);
        model.addAttribute("forms", Map.of(id, form));
        model.addAttribute("done", form.done());
        if (!a.accepted() && tasks.stream().noneMatch(t -> t.row().id().equals(id))) {
            model.addAttribute("missed", Form.missed(id, form)); // its form is gone from the list: said above it
        }
        return "reallocations :: list";
    }
}
