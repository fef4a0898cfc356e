package vigil.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vigil.core.Actor;
import vigil.core.Role;
import vigil.core.engine.GuidanceView;
import vigil.core.engine.Queries;
import vigil.server.staff.CurrentActor;

/**
 * Guidance read and understood (issue 12; docs/adr/082) in the browser: the administrator and the duty officer publish
 * it for some roles ({@code PublishGuidance} through {@link PageCommands}, refused at the field as the API refuses
 * it; anyone else 403 as the API answers them); everyone sees each guidance with who has confirmed it and who has not,
 * the engine's own answer ({@link Queries#guidance}, what {@code GET /api/guidance/{id}} gives), live.
 */
@Controller
class GuidancePages {
    static final String EVENTS = "GuidancePublished GuidanceConfirmed GuidanceReminderSent StaffAdded StaffRemoved";
    private static final Set<String> FIELDS = Set.of("guidanceId", "title", "text", "roles");

    /** A guidance as the list shows it: whom it is for, who confirmed it and when, who has not. */
    record Line(String id, String title, String text, String roles, String published, List<String> confirmed,
                List<String> unconfirmed) {
        public String domId() {
            return "guidance-" + id;
        }
    }

    private final Picture picture;
    private final CurrentActor actors;
    private final PageCommands commands;
    private final Words words;

    GuidancePages(Picture picture, CurrentActor actors, PageCommands commands, Words words) {
        this.picture = picture;
        this.actors = actors;
        this.commands = commands;
        this.words = words;
    }

    @ModelAttribute("guidanceEvents")
    String guidanceEvents() {
        return EVENTS;
    }

    @GetMapping("/guidance")
    String guidance(Model model) {
        Picture.Seen<List<Line>> seen = picture.ask(this::lines);
        Form form = Form.empty().value("guidanceId", "G-" + (seen.value().size() + 1));
        return page(seen, model, form);
    }

    /** The guidance a notice links to: its place on the list. */
    @GetMapping("/guidance/{id}")
    String one(@PathVariable("id") String id) {
        return "redirect:/guidance#guidance-" + Paths.segment(id);
    }

    @GetMapping("/guidance/list")
    String list(Model model) {
        model.addAttribute("guidance", picture.ask(this::lines).value());
        return "guidance :: list";
    }

    @PostMapping("/guidance")
    String publish(@RequestParam(name = "guidanceId", required = false) String guidanceId,
                   @RequestParam(name = "title", required = false) String title,
                   @RequestParam(name = "text", required = false) String text,
                   @RequestParam(name = "roles", required = false) List<String> roles, HttpServletRequest request,
                   HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Answer a = commands.send(me, PageCommands.command("PublishGuidance")
                .text("guidanceId", guidanceId).text("title", title).text("text", text).list("roles", roles));
        if (a.forbidden()) {
            throw new PageProblem(HttpStatus.FORBIDDEN, "Not allowed", a.errors().getOrDefault("",
                    "Only an administrator or a duty officer publishes guidance."));
        }
        List<String> chosen = roles == null ? List.of() : roles;
        if (a.accepted()) {
            String id = guidanceId.strip();
            redirect.addFlashAttribute("done", "Guidance " + id + " published to " + String.join(", ", chosen.stream()
                    .map(r -> Who.roleName(Role.valueOf(r))).toList()) + ": each of them has it in their notices,"
                    + " and is reminded daily until they confirm it.");
            return "redirect:/guidance#guidance-" + Paths.segment(id);
        }
        Map<String, String> errors = new LinkedHashMap<>(a.errors());
        if (errors.containsKey("roles") && chosen.isEmpty()) {
            errors.put("roles", "Choose at least one role it is for."); // the API's words name a JSON array
        }
        Form form = Form.empty().value("guidanceId", guidanceId).value("title", title).value("text", text)
                .value("roles", String.join(",", chosen));
        errors.forEach((field, message) -> form.error(FIELDS.contains(field) ? field : "", message));
        response.setStatus(422);
        return page(picture.ask(this::lines), model, form);
    }

    private String page(Picture.Seen<List<Line>> seen, Model model, Form form) {
        model.addAttribute("seq", seen.seq());
        model.addAttribute("guidance", seen.value());
        model.addAttribute("form", form);
        model.addAttribute("roleOptions", AdminPages.staffRoles());
        return "guidance";
    }

    /** Every guidance, newest first, from the engine's own answer. */
    private List<Line> lines(Queries q) {
        List<GuidanceView> all = q.guidance();
        return all.reversed().stream().map(g -> new Line(g.id(), g.title(), g.text(),
                String.join(", ", g.roles().stream().map(Who::roleName).toList()), words.dayTime(g.publishedAt()),
                g.confirmed().stream().map(c -> c.staffId() + " at " + words.dayTime(c.at())).toList(),
                g.unconfirmed())).toList();
    }
}
