package vigil.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vigil.core.Actor;
import vigil.core.Location;
import vigil.core.Policy;
import vigil.core.engine.NearestUnit;
import vigil.core.engine.Queries;
import vigil.core.engine.Travel;
import vigil.server.staff.CurrentActor;

/**
 * Assigning and diverting, from an incident's page and from the unit board: the recommended units first, nearest by
 * travel time with their ETA (the API's recommendation: 48 km/h, 1.4 times the straight line); a divert asks for its
 * reason and shows, before it is sent, what the incident the unit leaves will lose.
 */
@Controller
class Despatching {
    /** The API's travel model for recommendations (api.md): urban roads at 48 km/h, 1.4 times the straight line. */
    static final Travel TRAVEL = Travel.byRoad(48, 1.4);
    static final int RECOMMENDED = 5;

    /** A unit offered for an incident: with its ETA when the scene and its place are known. */
    record Offer(String unitId, String callSign, String eta, String km) {}

    /** A unit that could be diverted: where it is committed now, and what that incident is. */
    record Committed(String unitId, String callSign, String incidentId, String grade, String timeLeft,
                     boolean scheme) {}

    /** An open incident to choose as a divert's destination. */
    record Choice(String id, String grade, String label) {}

    /**
     * What the incident a unit leaves loses by a divert: its grade, time left, the units it keeps, whether it has a
     * special scheme or is domestic, and that it will be tagged DIVERT and reviewed by the controller.
     */
    record Loss(String incidentId, String grade, String gradeName, String timeLeft, List<String> keeps,
                boolean scheme, boolean domestic, boolean leftWithoutUnit, String type) {}

    private final Picture picture;
    private final CurrentActor actors;
    private final PageCommands commands;
    private final InstantSource clock;
    private final Policy policy;
    private final Words words;

    Despatching(Picture picture, CurrentActor actors, PageCommands commands, InstantSource clock, Policy policy,
                Words words) {
        this.picture = picture;
        this.actors = actors;
        this.commands = commands;
        this.clock = clock;
        this.policy = policy;
        this.words = words;
    }

    static List<Offer> offers(Queries q, String incidentId) {
        Location scene = q.incidentLocation(incidentId).orElse(null);
        List<Offer> out = new ArrayList<>();
        if (scene != null) {
            for (NearestUnit n : q.nearestAvailable(scene, TRAVEL, RECOMMENDED)) {
                String callSign = q.unit(n.unitId()).map(Queries.UnitView::callSign).orElse("");
                out.add(new Offer(n.unitId(), callSign, n.travelTime() == null ? null : minutes(n.travelTime()),
                        Double.isNaN(n.km()) ? null : String.format(java.util.Locale.ROOT, "%.1f km", n.km())));
            }
        } else {
            q.units().stream().filter(u -> q.isAvailable(u.id())).limit(RECOMMENDED)
                    .forEach(u -> out.add(new Offer(u.id(), u.callSign(), null, null)));
        }
        return out;
    }

    static String minutes(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? "under a minute" : (s + 30) / 60 + " min";
    }

    /** Units committed to another open incident, not yet at scene: what a divert could take. */
    List<Committed> divertable(Queries q, String toIncidentId) {
        List<Committed> out = new ArrayList<>();
        for (Queries.UnitView u : q.units()) {
            if (u.committedTo() == null || u.committedTo().equals(toIncidentId)) {
                continue;
            }
            q.incidentDetail(u.committedTo()).ifPresent(d -> out.add(new Committed(u.id(), u.callSign(),
                    d.view().id(), d.view().grade().name(), timeLeft(d.view()), !d.schemeIds().isEmpty())));
        }
        return out;
    }

    private String timeLeft(Queries.IncidentView i) {
        if (i.targetAt() == null || i.attendedAt() != null) {
            return i.attendedAt() != null ? "attended" : "no target";
        }
        return Words.countdown(Duration.between(clock.instant(), i.targetAt()));
    }

    Loss loss(Queries q, String unitId) {
        return q.unit(unitId).filter(u -> u.committedTo() != null).flatMap(u -> q.incidentDetail(u.committedTo()))
                .map(d -> {
                    List<String> keeps = d.view().committedUnits().stream().filter(x -> !x.equals(unitId)).toList();
                    return new Loss(d.view().id(), d.view().grade().name(), Words.grade(d.view().grade()),
                            timeLeft(d.view()), keeps, !d.schemeIds().isEmpty(), Boolean.TRUE.equals(d.domestic()),
                            keeps.isEmpty() && d.view().attendedAt() == null, d.type());
                }).orElse(null);
    }

    // --- assign, from an incident's page ----------------------------------------------------------------------

    @PostMapping("/incidents/{id}/assign")
    String assign(@PathVariable("id") String id, @RequestParam(name = "unitId", required = false) String unitId,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Answer a = commands.send(me, PageCommands.command("AssignUnit").text("incidentId", id)
                .text("unitId", unitId));
        Form form = Form.empty();
        if (a.accepted()) {
            form.done(unitId.trim() + " assigned to " + id + ".");
        } else {
            form.value("unitId", unitId).refused(a, Set.of("unitId"));
            response.setStatus(422);
        }
        return assignForm(id, form, model);
    }

    @GetMapping("/incidents/{id}/assign")
    String assignFragment(@PathVariable("id") String id, Model model) {
        return assignForm(id, Form.empty(), model);
    }

    private String assignForm(String id, Form form, Model model) {
        model.addAttribute("id", id);
        model.addAttribute("assign", form);
        model.addAttribute("offers", picture.ask(q -> offers(q, id)).value());
        return "despatch :: assign";
    }

    // --- divert to an incident, from its page -------------------------------------------------------------------

    @GetMapping("/incidents/{id}/divert")
    String divertFragment(@PathVariable("id") String id, Model model) {
        return divertForm(id, null, Form.empty(), model);
    }

    @GetMapping("/divert/preview")
    String preview(@RequestParam(name = "unitId", required = false) String unitId, Model model) {
        model.addAttribute("loss", unitId == null || unitId.isBlank() ? null
                : picture.ask(q -> loss(q, unitId.trim())).value());
        model.addAttribute("unitId", unitId);
        return "despatch :: loss";
    }

    @PostMapping("/divert")
    String divert(@RequestParam(name = "unitId", required = false) String unitId,
                  @RequestParam(name = "toIncidentId", required = false) String toIncidentId,
                  @RequestParam(name = "reason", required = false) String reason,
                  @RequestParam(name = "fixed", required = false) String fixed,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Answer a = commands.send(me, PageCommands.command("DivertUnit").text("unitId", unitId)
                .text("toIncidentId", toIncidentId).text("reason", reason));
        Form form = Form.empty();
        if (a.accepted()) {
            form.done(unitId.trim() + " diverted to " + toIncidentId.trim()
                    + ". The incident it left is tagged DIVERT and the controller asked to review it.");
        } else {
            form.value("unitId", unitId).value("toIncidentId", toIncidentId).value("reason", reason)
                    .refused(a, Set.of("unitId", "toIncidentId", "reason"));
            response.setStatus(422);
        }
        return "unit".equals(fixed) ? unitDivertForm(unitId, form, model) : divertForm(toIncidentId, unitId, form, model);
    }

    private String divertForm(String toIncidentId, String unitId, Form form, Model model) {
        record Options(List<Committed> units, Loss loss) {}
        Options o = picture.ask(q -> new Options(divertable(q, toIncidentId),
                unitId == null || unitId.isBlank() ? null : loss(q, unitId.trim()))).value();
        model.addAttribute("toIncidentId", toIncidentId);
        model.addAttribute("fixed", "incident");
        model.addAttribute("divert", form);
        model.addAttribute("units", o.units());
        model.addAttribute("loss", form.done() == null ? o.loss() : null);
        return "despatch :: divert";
    }

    // --- divert a unit, from the unit board -------------------------------------------------------------------------

    @GetMapping("/units/{unitId}/divert")
    String unitDivertPage(@PathVariable("unitId") String unitId, HttpServletRequest request, Model model) {
        IncidentBoard.me(request, actors);
        Picture.Seen<Boolean> known = picture.ask(q -> q.unit(unitId).isPresent());
        if (!known.value()) {
            throw PageProblem.notFound("unit", unitId);
        }
        model.addAttribute("seq", known.seq());
        unitDivertForm(unitId, Form.empty(), model);
        return "divert";
    }

    private String unitDivertForm(String unitId, Form form, Model model) {
        record Options(List<Choice> incidents, Loss loss) {}
        Options o = picture.ask(q -> {
            String from = q.unit(unitId).map(Queries.UnitView::committedTo).orElse(null);
            List<Choice> choices = q.openIncidentDetails().stream().filter(d -> !d.view().id().equals(from))
                    .filter(d -> d.view().attendedAt() == null).limit(200)
                    .map(d -> new Choice(d.view().id(), d.view().grade().name(), d.view().id() + " (grade "
                            + d.view().grade() + ", " + timeLeft(d.view()) + (d.type() == null ? "" : ", " + d.type())
                            + ")")).toList();
            return new Options(choices, loss(q, unitId));
        }).value();
        model.addAttribute("unitId", unitId);
        model.addAttribute("fixed", "unit");
        model.addAttribute("divert", form.value("unitId", unitId));
        model.addAttribute("incidents", o.incidents());
        model.addAttribute("loss", form.done() == null ? o.loss() : null);
        return "despatch :: unitDivert";
    }
}
