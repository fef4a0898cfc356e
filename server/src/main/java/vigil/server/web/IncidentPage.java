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
import vigil.server.log.EventLog;
import vigil.server.staff.CurrentActor;
import vigil.server.staff.VictimDetails;

/**
 * An incident's page: where it stands (the board's row, larger), its calls, the schemes they matched, its diverts, and
 * its timeline (every event, who, when), each part live; and what may be done to it from here: regrade, close (assign
 * and divert are the despatch forms beside them).
 */
@Controller
class IncidentPage {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A call of the incident, as recorded. */
    record CallView(String id, String cli, String address, String caller, String narrative, String at) {}

    /** A scheme its calls matched: what it asks of the response. */
    record SchemeLine(String id, String requiredGrade, String instructions, String status) {}

    private final Picture picture;
    private final CurrentActor actors;
    private final InstantSource clock;
    private final Policy policy;
    private final Words words;
    private final IncidentTimeline timelines;
    private final EventLog log;
    private final PageCommands commands;

    IncidentPage(Picture picture, CurrentActor actors, InstantSource clock, Policy policy, Words words,
                 IncidentTimeline timelines, EventLog log, PageCommands commands) {
        this.picture = picture;
        this.actors = actors;
        this.clock = clock;
        this.policy = policy;
        this.words = words;
        this.timelines = timelines;
        this.log = log;
        this.commands = commands;
    }

    record Standing(IncidentRows.Row row, Queries.IncidentDetail detail, List<SchemeLine> schemes) {}

    Picture.Seen<Standing> standing(String id) {
        Picture.Seen<Standing> seen = picture.ask(q -> q.incidentDetail(id).map(d -> new Standing(
                IncidentRows.row(d, IncidentRows.unitsById(q), clock.instant(), policy, words), d,
                d.schemeIds().stream().map(s -> q.scheme(s).map(v -> new SchemeLine(v.id(),
                        v.requiredGrade() == null ? "I" : v.requiredGrade().name(), v.instructions(), v.status()))
                        .orElse(new SchemeLine(s, "", "", ""))).toList())).orElse(null));
        if (seen.value() == null) {
            throw PageProblem.notFound("incident", id);
        }
        return seen;
    }

    @GetMapping("/incidents/{id}")
    String page(@PathVariable("id") String id, HttpServletRequest request, Model model) {
        IncidentBoard.me(request, actors);
        Picture.Seen<Standing> seen = standing(id);
        model.addAttribute("seq", seen.seq());
        model.addAttribute("now", clock.instant().toEpochMilli());
        model.addAttribute("s", seen.value());
        model.addAttribute("row", seen.value().row());
        model.addAttribute("timeline", timeline(id, request));
        model.addAttribute("calls", calls(seen.value().detail()));
        model.addAttribute("regrade", Form.empty());
        model.addAttribute("closing", Form.empty());
        model.addAttribute("crew", Form.empty());
        return "incident";
    }

    @GetMapping("/incidents/{id}/summary")
    String summary(@PathVariable("id") String id, Model model) {
        Picture.Seen<Standing> seen = standing(id);
        model.addAttribute("s", seen.value());
        model.addAttribute("row", seen.value().row());
        return "incident :: summary";
    }

    @GetMapping("/incidents/{id}/timeline")
    String timelineFragment(@PathVariable("id") String id, HttpServletRequest request, Model model) {
        model.addAttribute("id", id);
        model.addAttribute("timeline", timeline(id, request));
        return "incident :: timeline";
    }

    /** The units committed and what their crews report: a unit's own terminal, or a despatcher relaying the radio. */
    @GetMapping("/incidents/{id}/crew")
    String crew(@PathVariable("id") String id, Model model) {
        model.addAttribute("row", standing(id).value().row());
        model.addAttribute("crew", Form.empty());
        return "incident :: crew";
    }

    /** What a crew reports: the unit's own command, and what the page says once it is recorded. */
    private record CrewAct(String command, String done) {}

    private static final Map<String, CrewAct> CREW_ACTS = Map.of(
            "acknowledge", new CrewAct("AcknowledgeAssignment", " acknowledged."),
            "arrive", new CrewAct("ArriveAtScene", " recorded at the scene."),
            "clear", new CrewAct("ClearUnit", " cleared."));

    @PostMapping("/incidents/{id}/crew")
    String crewReports(@PathVariable("id") String id, @RequestParam(name = "unitId", required = false) String unitId,
                       @RequestParam(name = "act", required = false) String act, HttpServletRequest request,
                       HttpServletResponse response, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        Form form = Form.empty();
        CrewAct crewAct = act == null ? null : CREW_ACTS.get(act);
        if (crewAct == null) {
            form.error("", "Choose what the crew reports: acknowledged, at the scene or cleared.");
            response.setStatus(422);
        } else {
            PageCommands.Answer a = commands.send(me, PageCommands.command(crewAct.command())
                    .text("incidentId", id).text("unitId", unitId));
            if (a.accepted()) {
                form.done(unitId.trim() + crewAct.done());
            } else {
                a.errors().forEach((f, m) -> form.error("", m));
                response.setStatus(422);
            }
        }
        model.addAttribute("row", standing(id).value().row());
        model.addAttribute("crew", form);
        return "incident :: crew";
    }

    @PostMapping("/incidents/{id}/regrade")
    String regrade(@PathVariable("id") String id, @RequestParam(name = "grade", required = false) String grade,
                   @RequestParam(name = "reason", required = false) String reason, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Answer a = commands.send(me, PageCommands.command("Regrade").text("incidentId", id)
                .text("grade", grade).text("reason", reason));
        Form form = Form.empty();
        if (a.accepted()) {
            form.done("Regraded " + grade + ".");
        } else {
            form.value("grade", grade).value("reason", reason).refused(a, Set.of("grade", "reason"));
            response.setStatus(422);
        }
        model.addAttribute("id", id);
        model.addAttribute("regrade", form);
        return "incident :: regrade";
    }

    @PostMapping("/incidents/{id}/close")
    String close(@PathVariable("id") String id, @RequestParam(name = "disposition", required = false) String disposition,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Answer a = commands.send(me, PageCommands.command("CloseIncident").text("incidentId", id)
                .text("disposition", disposition));
        Form form = Form.empty();
        if (a.accepted()) {
            form.done("Closed.");
        } else {
            form.value("disposition", disposition).refused(a, Set.of("disposition"));
            response.setStatus(422);
        }
        model.addAttribute("id", id);
        model.addAttribute("closing", form);
        return "incident :: close";
    }

    private List<Timeline.Entry> timeline(String id, HttpServletRequest request) {
        Actor me = IncidentBoard.me(request, actors);
        // An incident's lines carry no victim details, but every answer passes the one filter all the same.
        return Timeline.of(timelines.of(id).lines().stream().map(l -> VictimDetails.asSeenBy(me.role(), l)).toList());
    }

    /** The incident's first call and those linked to it (their ids from its created and linked events). */
    private List<CallView> calls(Queries.IncidentDetail d) {
        List<String> ids = new ArrayList<>();
        ids.add(d.view().callId());
        for (String line : timelines.of(d.view().id()).lines()) {
            JsonNode e = JSON.readTree(line);
            if (e.path("type").asString().equals("CallLinked")) {
                ids.add(e.path("callId").asString());
            }
        }
        List<CallView> out = new ArrayList<>();
        for (String callId : ids) {
            for (String line : log.call(callId)) {
                JsonNode e = JSON.readTree(line);
                if (e.path("type").asString().equals("CallRecorded")) {
                    out.add(new CallView(callId, e.path("cli").asString(""), e.path("address").asString(""),
                            words(e.path("caller").asString("")), e.path("narrative").asString(""),
                            words.time(java.time.Instant.parse(e.path("at").asString()))));
                }
            }
        }
        return out;
    }

    private static String words(String caller) {
        return Map.of("VICTIM", "the victim", "THIRD_PARTY", "a third party", "WITNESS", "a witness", "OTHER", "other")
                .getOrDefault(caller, "");
    }
}
