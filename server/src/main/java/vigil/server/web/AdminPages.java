package vigil.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Actor;
import vigil.core.Role;
import vigil.core.engine.Queries;
import vigil.server.api.StaffIntake;
import vigil.server.staff.CurrentActor;
import vigil.server.staff.StaffAccounts;

/**
 * The administrator's pages (issue 14; docs/adr/106): staff (their accounts: add with role, BCU and email, remove, set
 * a password; a generated password is shown once) through {@link StaffIntake}, the very code behind {@code /api/staff};
 * and the roster of units (add, retire, where each is and what it is doing) through the administration commands.
 * Anyone else is refused as {@code /api/staff} refuses them (403).
 */
@Controller
class AdminPages {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String STAFF_EVENTS = "StaffAdded StaffRemoved";
    static final String UNIT_EVENTS = "UnitAdded UnitRetired";

    /** A member of staff as the list shows them: the account and whether the roster has them. */
    record Member(String id, String role, String bcu, String email, boolean enabled, boolean hasPassword,
                  String unitId, boolean onRoster) {
        public String href() {
            return "/admin/staff/" + Paths.segment(id);
        }

        public String state() {
            return !enabled ? "Removed (cannot log in)" : !hasPassword ? "No password yet: cannot log in"
                    : "Can log in";
        }

        public String stateCss() {
            return !enabled ? "neutral" : !hasPassword ? "warning" : "at-scene";
        }
    }

    /** A unit on the roster: what it is doing and where it is believed to be. */
    record UnitLine(String id, String callSign, String bcu, String status, String statusCss, String incidentId,
                    String where) {
        public String domId() {
            return "unit-" + id;
        }

        public String src() {
            return "/admin/units/rows/" + Paths.segment(id);
        }
    }

    private final Picture picture;
    private final CurrentActor actors;
    private final PageCommands commands;
    private final StaffIntake staff;

    AdminPages(Picture picture, CurrentActor actors, PageCommands commands, StaffIntake staff) {
        this.picture = picture;
        this.actors = actors;
        this.commands = commands;
        this.staff = staff;
    }

    @ModelAttribute("roles")
    List<SchemePages.Option> roles() {
        return staffRoles();
    }

    /** The roles a member of staff may hold (a unit's terminal is not one), in words. */
    static List<SchemePages.Option> staffRoles() {
        return Arrays.stream(Role.values()).filter(r -> r != Role.UNIT)
                .map(r -> new SchemePages.Option(r.name(), Who.roleName(r))).toList();
    }

    @ModelAttribute("staffEvents")
    String staffEvents() {
        return STAFF_EVENTS;
    }

    @ModelAttribute("unitEvents")
    String unitEvents() {
        return UNIT_EVENTS;
    }

    // --- staff --------------------------------------------------------------------------------------------------

    @GetMapping("/admin/staff")
    String staff(HttpServletRequest request, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        return staffPage(me, model, Form.empty());
    }

    @GetMapping("/admin/staff/list")
    String staffList(HttpServletRequest request, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        model.addAttribute("members", members(me).value());
        return "admin-staff :: members";
    }

    @PostMapping("/admin/staff")
    String add(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect,
               @RequestParam Map<String, String> in) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Command c = PageCommands.fields().text("staffId", in.get("staffId")).text("role", in.get("role"))
                .text("bcu", in.get("bcu")).text("email", in.get("email")).text("password", in.get("password"));
        PageCommands.Answer a = PageCommands.answer(() -> staff.add(me, c.node), c);
        if (a.accepted()) {
            String id = c.value("staffId");
            redirect.addFlashAttribute("done", id + " is on the roster as " + Who.roleName(Role.valueOf(
                    in.get("role"))) + (blank(in.get("bcu")) ? "" : " in " + in.get("bcu").strip()) + ".");
            shownOnce(redirect, id, a);
            return "redirect:/admin/staff";
        }
        Form form = typed(in).refused(a, Set.of("staffId", "role", "bcu", "email", "password"));
        form.value("password", null);
        return staffPage(me, model, form, response);
    }

    @GetMapping("/admin/staff/{id}")
    String member(@PathVariable("id") String id, HttpServletRequest request, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        return memberPage(me, id, model, Form.empty(), Form.empty());
    }

    @PostMapping("/admin/staff/{id}/password")
    String password(@PathVariable("id") String id, @RequestParam(name = "password", required = false) String password,
                    HttpServletRequest request, HttpServletResponse response, Model model,
                    RedirectAttributes redirect) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Command c = PageCommands.fields().text("password", password);
        PageCommands.Answer a = PageCommands.answer(() -> staff.password(me, id, c.node), c);
        if (a.accepted()) {
            redirect.addFlashAttribute("done", "The password of " + id + " is set.");
            shownOnce(redirect, id, a);
            return "redirect:/admin/staff/" + Paths.segment(id);
        }
        response.setStatus(422);
        return memberPage(me, id, model, Form.empty().refused(a, Set.of("password")), Form.empty());
    }

    @PostMapping("/admin/staff/{id}/remove")
    String remove(@PathVariable("id") String id, HttpServletRequest request, HttpServletResponse response,
                  Model model, RedirectAttributes redirect) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Command c = PageCommands.fields().text("staffId", id);
        PageCommands.Answer a = PageCommands.answer(() -> staff.remove(me, id), c);
        if (a.accepted()) {
            redirect.addFlashAttribute("done", id + " is off the roster: their login no longer works.");
            return "redirect:/admin/staff";
        }
        response.setStatus(422);
        return memberPage(me, id, model, Form.empty(), Form.empty().refused(a, Set.of()));
    }

    /** A generated password, kept for the next page only (a flash attribute): shown once, never again. */
    private static void shownOnce(RedirectAttributes redirect, String id, PageCommands.Answer a) {
        String generated = a.body() == null ? null : a.body().path("password").asString(null);
        if (generated != null) {
            redirect.addFlashAttribute("generatedFor", id);
            redirect.addFlashAttribute("generated", generated);
        }
    }

    private String staffPage(Actor me, Model model, Form form, HttpServletResponse response) {
        response.setStatus(422);
        return staffPage(me, model, form);
    }

    private String staffPage(Actor me, Model model, Form form) {
        Picture.Seen<List<Member>> seen = members(me);
        model.addAttribute("seq", seen.seq());
        model.addAttribute("members", seen.value());
        model.addAttribute("form", form);
        return "admin-staff";
    }

    private String memberPage(Actor me, String id, Model model, Form password, Form remove) {
        Member m = members(me).value().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> PageProblem.notFound("member of staff", id));
        model.addAttribute("seq", picture.ask(q -> 0).seq());
        model.addAttribute("m", m);
        model.addAttribute("passwordForm", password);
        model.addAttribute("removeForm", remove);
        return "admin-member";
    }

    /** The accounts ({@link StaffIntake#list}: an administrator's only) with whether the roster has each. */
    private Picture.Seen<List<Member>> members(Actor me) {
        List<StaffAccounts.Account> accounts = staff.list(me);
        Picture.Seen<Set<String>> roster = picture.ask(q -> {
            Set<String> ids = new TreeSet<>();
            q.staff().forEach(s -> ids.add(s.id()));
            return ids;
        });
        List<Member> out = new ArrayList<>();
        for (StaffAccounts.Account a : accounts) {
            out.add(new Member(a.username(), a.role() == Role.UNIT ? "Unit's terminal" : Who.roleName(a.role()),
                    a.bcu(), a.email(), a.enabled(), a.hasPassword(), a.unitId(),
                    a.unitId() != null || roster.value().contains(a.username())));
        }
        return new Picture.Seen<>(roster.seq(), out);
    }

    private static Form typed(Map<String, String> in) {
        Form f = Form.empty();
        in.forEach((k, v) -> {
            if (!k.equals("password") && !k.equals("_csrf")) {
                f.value(k, v);
            }
        });
        return f;
    }

    // --- the roster of units ------------------------------------------------------------------------------------

    @GetMapping("/admin/units")
    String units(HttpServletRequest request, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        return unitsPage(me, model, Form.empty(), Form.empty());
    }

    @GetMapping("/admin/units/list")
    String unitList(HttpServletRequest request, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        staff.list(me); // an administrator's page: the same check as /api/staff
        model.addAttribute("units", picture.ask(AdminPages::unitLines).value());
        return "admin-units :: roster";
    }

    @GetMapping("/admin/units/rows/{id}")
    String unitRow(@PathVariable("id") String id, HttpServletRequest request, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        staff.list(me);
        model.addAttribute("u", picture.ask(q -> q.unit(id).map(AdminPages::unitLine).orElse(null)).value());
        return "admin-units :: row";
    }

    @PostMapping("/admin/units")
    String addUnit(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect,
                   @RequestParam Map<String, String> in) {
        Actor me = IncidentBoard.me(request, actors);
        Form form = Form.empty();
        in.forEach((k, v) -> {
            if (!k.equals("_csrf")) {
                form.value(k, v);
            }
        });
        PageCommands.Command c = PageCommands.command("AddUnit").text("unitId", in.get("unitId"))
                .text("callSign", in.get("callSign")).text("bcu", in.get("bcu"));
        String lat = in.getOrDefault("lat", "").strip();
        String lon = in.getOrDefault("lon", "").strip();
        if (!lat.isEmpty() || !lon.isEmpty()) {
            // Text to a JSON number is the page's to do; whether the place is on Earth is the command's check.
            Double la = number(lat, "lat", form);
            Double lo = number(lon, "lon", form);
            if (la == null || lo == null) {
                response.setStatus(422);
                return unitsPage(me, model, form, Form.empty());
            }
            ObjectNode where = JSON.createObjectNode().put("lat", la).put("lon", lo);
            c.object("location", where);
        }
        PageCommands.Answer a = commands.send(me, c);
        if (a.accepted()) {
            redirect.addFlashAttribute("done", "Unit " + c.value("unitId") + " (" + c.value("callSign")
                    + ") is on the roster, available.");
            return "redirect:/admin/units";
        }
        form.refused(a, Set.of("unitId", "callSign", "bcu", "lat", "lon"));
        response.setStatus(422);
        return unitsPage(me, model, form, Form.empty());
    }

    @PostMapping("/admin/units/retire")
    String retire(@RequestParam(name = "unitId", required = false) String unitId, HttpServletRequest request,
                  HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Answer a = commands.send(me, PageCommands.command("RetireUnit").text("unitId", unitId));
        if (a.accepted()) {
            redirect.addFlashAttribute("done", "Unit " + unitId.strip() + " is retired: it leaves the roster for good"
                    + " (its id stays taken).");
            return "redirect:/admin/units";
        }
        response.setStatus(422);
        return unitsPage(me, model, Form.empty(), Form.empty().value("unitId", unitId).refused(a, Set.of("unitId")));
    }

    private String unitsPage(Actor me, Model model, Form add, Form retire) {
        staff.list(me);
        Picture.Seen<List<UnitLine>> seen = picture.ask(AdminPages::unitLines);
        model.addAttribute("seq", seen.seq());
        model.addAttribute("units", seen.value());
        model.addAttribute("add", add);
        model.addAttribute("retire", retire);
        model.addAttribute("unitOptions", seen.value().stream()
                .map(u -> new SchemePages.Option(u.id(), u.id() + " (" + u.callSign() + ", " + u.status() + ")"))
                .toList());
        return "admin-units";
    }

    private static List<UnitLine> unitLines(Queries q) {
        return q.units().stream().map(AdminPages::unitLine).toList();
    }

    private static UnitLine unitLine(Queries.UnitView u) {
        String status;
        String css;
        if (u.committedTo() != null && u.atScene()) {
            status = "At scene";
            css = "at-scene";
        } else if (u.committedTo() != null) {
            status = u.acknowledged() ? "Assigned, en route" : "Assigned, not acknowledged";
            css = u.acknowledged() ? "en-route" : "unacknowledged";
        } else if (u.status() == vigil.core.Command.UnitStatus.UNAVAILABLE) {
            status = "Unavailable";
            css = "neutral";
        } else {
            status = "Available";
            css = "at-scene";
        }
        String where = u.location() == null ? "not known" : String.format(Locale.ROOT, "%.4f, %.4f",
                u.location().lat(), u.location().lon());
        return new UnitLine(u.id(), u.callSign(), u.bcu(), status, css, u.committedTo(), where);
    }

    private static Double number(String text, String field, Form form) {
        if (text.isEmpty()) {
            form.error(field, "Required with the other: give both latitude and longitude, or neither.");
            return null;
        }
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            form.error(field, "Must be a number in decimal degrees, such as " + (field.equals("lat") ? "51.5074"
                    : "-0.1278") + ".");
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
