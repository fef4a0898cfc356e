package vigil.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Actor;
import vigil.core.engine.Queries;
import vigil.server.log.EventLog;
import vigil.server.staff.CurrentActor;

/**
 * Call taking, from the keyboard alone: the call (CLI, address, place, caller, what they say) is recorded first, so it
 * is on the record even if the line drops; while it is typed, the moment a CLI or an address is entered, the engine's
 * scheme matching is asked (recording nothing) and a match shows as a banner with the grade the scheme requires and
 * its instructions, beside earlier calls (domestic flagged) and schemes withdrawn. Then the call becomes an incident,
 * graded, or is linked to an open one (those at the same address first, then the last hour's).
 */
@Controller
class CallTaking {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> CALL_FIELDS = Set.of("cli", "address", "location", "caller", "narrative");

    /** An open incident a call may be linked to, and why it is offered. */
    record LinkChoice(String id, String grade, String label, boolean sameAddress) {}

    private final Picture picture;
    private final CurrentActor actors;
    private final PageCommands commands;
    private final InstantSource clock;
    private final EventLog log;
    private final Words words;

    CallTaking(Picture picture, CurrentActor actors, PageCommands commands, InstantSource clock, EventLog log,
               Words words) {
        this.picture = picture;
        this.actors = actors;
        this.commands = commands;
        this.clock = clock;
        this.log = log;
        this.words = words;
    }

    @GetMapping("/calls/new")
    String newCall(HttpServletRequest request, Model model) {
        IncidentBoard.me(request, actors);
        model.addAttribute("seq", picture.ask(q -> 0).seq());
        model.addAttribute("call", Form.empty());
        model.addAttribute("check", null);
        return "call-new";
    }

    /** What recording a call with this CLI and address would find: the banner, asked as the call handler types. */
    @GetMapping("/calls/check")
    String check(@RequestParam(name = "cli", required = false) String cli,
                 @RequestParam(name = "address", required = false) String address, Model model) {
        boolean nothing = (cli == null || cli.isBlank()) && (address == null || address.isBlank());
        model.addAttribute("check", nothing ? null
                : picture.ask(q -> q.checkCaller(cli, address, clock.instant())).value());
        return "call-new :: check";
    }

    @PostMapping("/calls")
    String record(@RequestParam(name = "cli", required = false) String cli,
                  @RequestParam(name = "address", required = false) String address,
                  @RequestParam(name = "location", required = false) String location,
                  @RequestParam(name = "caller", required = false) String caller,
                  @RequestParam(name = "narrative", required = false) String narrative,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        Form form = Form.empty().value("cli", cli).value("address", address).value("location", location)
                .value("caller", caller).value("narrative", narrative);
        ObjectNode place = null;
        if (location != null && !location.isBlank()) {
            place = place(location);
            if (place == null) {
                form.error("location", "Give the place as latitude, longitude, e.g. 51.498, -0.090.");
            }
        }
        if (form.refused()) {
            return again(form, cli, address, response, model);
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            String callId = "CALL-" + nextNumber() + "-" + today();
            PageCommands.Answer a = commands.send(me, PageCommands.command("RecordCall").text("callId", callId)
                    .text("cli", cli).text("address", address).object("location", place).text("caller", caller)
                    .text("narrative", narrative));
            if (a.accepted()) {
                return redirect("/calls/" + Paths.segment(callId), request, response);
            }
            if (!a.errors().containsKey("callId")) { // not a clash of generated ids: the call handler's to put right
                a.errors().forEach((f, m) -> form.error(f.equals("lat") || f.equals("lon") ? "location"
                        : CALL_FIELDS.contains(f) ? f : "", m));
                return again(form, cli, address, response, model);
            }
        }
        form.error("", "The call could not be given a number; nothing was recorded. Try again.");
        return again(form, cli, address, response, model);
    }

    private String again(Form form, String cli, String address, HttpServletResponse response, Model model) {
        response.setStatus(422);
        model.addAttribute("call", form);
        model.addAttribute("check", (cli == null || cli.isBlank()) && (address == null || address.isBlank()) ? null
                : picture.ask(q -> q.checkCaller(cli, address, clock.instant())).value());
        return "call-new :: callForm";
    }

    /** A recorded call: what it found, and the two ways on: a new incident, graded, or a link to an open one. */
    @GetMapping("/calls/{id}")
    String call(@PathVariable("id") String id, HttpServletRequest request, Model model) {
        IncidentBoard.me(request, actors);
        Recorded r = recorded(id);
        model.addAttribute("seq", picture.ask(q -> 0).seq());
        model.addAttribute("rec", r);
        model.addAttribute("grading", Form.empty().value("grade", r.requiredGrade()));
        model.addAttribute("linking", Form.empty());
        model.addAttribute("choices", choices(r.address()));
        return "call";
    }

    @PostMapping("/calls/{id}/incident")
    String createIncident(@PathVariable("id") String id, @RequestParam(name = "grade", required = false) String grade,
                          @RequestParam(name = "type", required = false) String type,
                          @RequestParam(name = "domestic", required = false) String domestic,
                          HttpServletRequest request, HttpServletResponse response, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        Form form = Form.empty().value("grade", grade).value("type", type).value("domestic", domestic);
        for (int attempt = 0; attempt < 3; attempt++) {
            String incidentId = "CAD-" + nextNumber() + "-" + today();
            PageCommands.Answer a = commands.send(me, PageCommands.command("CreateIncident")
                    .text("incidentId", incidentId).text("callId", id).text("grade", grade).text("type", type)
                    .flag("domestic", domestic != null));
            if (a.accepted()) {
                return redirect("/incidents/" + Paths.segment(incidentId), request, response);
            }
            if (!a.errors().containsKey("incidentId")) {
                form.refused(a, Set.of("grade", "type"));
                response.setStatus(422);
                model.addAttribute("rec", recorded(id));
                model.addAttribute("grading", form);
                return "call :: grade";
            }
        }
        form.error("", "The incident could not be given a number; nothing was recorded. Try again.");
        response.setStatus(422);
        model.addAttribute("rec", recorded(id));
        model.addAttribute("grading", form);
        return "call :: grade";
    }

    @PostMapping("/calls/{id}/link")
    String link(@PathVariable("id") String id, @RequestParam(name = "incidentId", required = false) String incidentId,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Answer a = commands.send(me, PageCommands.command("LinkCall").text("callId", id)
                .text("incidentId", incidentId));
        if (a.accepted()) {
            return redirect("/incidents/" + Paths.segment(incidentId.trim()), request, response);
        }
        Recorded r = recorded(id);
        response.setStatus(422);
        model.addAttribute("rec", r);
        model.addAttribute("linking", Form.empty().value("incidentId", incidentId).refused(a, Set.of("incidentId")));
        model.addAttribute("choices", choices(r.address()));
        return "call :: link";
    }

    /** A call as recorded and what its recording found. */
    record Recorded(String id, String cli, String address, String caller, String narrative, String at,
                    List<JsonNode> schemes, List<JsonNode> previousSchemes, JsonNode previousContacts,
                    String incidentId) {
        /** The highest grade a matched scheme requires (I before S before E), or null. */
        public String requiredGrade() {
            return schemes.stream().map(s -> s.path("requiredGrade").asString("I")).sorted().findFirst().orElse(null);
        }
    }

    private Recorded recorded(String id) {
        List<String> lines = log.call(id);
        if (lines.isEmpty()) {
            throw PageProblem.notFound("call", id);
        }
        JsonNode call = null;
        List<JsonNode> schemes = new ArrayList<>();
        List<JsonNode> previous = new ArrayList<>();
        JsonNode contacts = null;
        String incidentId = null;
        for (String line : lines) {
            JsonNode e = JSON.readTree(line);
            switch (e.path("type").asString()) {
                case "CallRecorded" -> call = e;
                case "SchemeMatched" -> schemes.add(e);
                case "PreviousSchemeFound" -> previous.add(e);
                case "PreviousContactsFound" -> contacts = e;
                default -> incidentId = e.path("incidentId").asString(null);
            }
        }
        JsonNode c = call;
        return new Recorded(id, c.path("cli").asString(""), c.path("address").asString(""),
                c.path("caller").asString(""), c.path("narrative").asString(""),
                words.time(java.time.Instant.parse(c.path("at").asString())), schemes, previous, contacts, incidentId);
    }

    /** Open incidents to link to: those at the call's address first, then those created in the last hour. */
    private List<LinkChoice> choices(String address) {
        return picture.ask(q -> {
            List<LinkChoice> out = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            for (Queries.IncidentView i : q.openIncidentsAt(address)) {
                seen.add(i.id());
                out.add(new LinkChoice(i.id(), i.grade().name(), i.id() + ": same address, grade " + i.grade()
                        + ", created " + words.time(i.createdAt()), true));
            }
            var hourAgo = clock.instant().minusSeconds(3600);
            q.openIncidents().stream().filter(i -> !seen.contains(i.id()) && i.createdAt().isAfter(hourAgo))
                    .sorted(java.util.Comparator.comparing(Queries.IncidentView::createdAt).reversed()).limit(10)
                    .forEach(i -> out.add(new LinkChoice(i.id(), i.grade().name(), i.id() + ": grade " + i.grade()
                            + ", created " + words.time(i.createdAt()), false)));
            return out;
        }).value();
    }

    private long nextNumber() {
        return picture.ask(q -> 0).seq() + 1;
    }

    private String today() {
        return DateTimeFormatter.ofPattern("ddMMMyy", Locale.UK).withZone(words.zone()).format(clock.instant())
                .toUpperCase(Locale.ROOT);
    }

    /** {@code lat, lon} as a location; null when it is not two finite numbers. */
    static ObjectNode place(String text) {
        String[] parts = text.trim().split("\\s*[,;\\s]\\s*");
        if (parts.length != 2) {
            return null;
        }
        try {
            double lat = Double.parseDouble(parts[0]);
            double lon = Double.parseDouble(parts[1]);
            if (!Double.isFinite(lat) || !Double.isFinite(lon)) { // "NaN", "Infinity": Java reads them, no place is
                return null;
            }
            ObjectNode n = JSON.createObjectNode();
            n.put("lat", lat);
            n.put("lon", lon);
            return n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** After a page's command: htmx follows HX-Redirect, a plain form post a 303. */
    static String redirect(String to, HttpServletRequest request, HttpServletResponse response) {
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", to);
            response.setStatus(204);
            return null;
        }
        return "redirect:" + to;
    }
}
