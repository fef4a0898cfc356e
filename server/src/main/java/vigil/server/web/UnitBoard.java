package vigil.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Actor;
import vigil.core.engine.Queries;
import vigil.server.staff.CurrentActor;

/**
 * The unit board: every unit with its status in words, its incident and whether it acknowledged; an available unit is
 * assigned from its row (the most urgent unresourced incidents offered), a committed one diverted from its own page.
 * And the map of units and incidents (Leaflet; no tile layer unless {@code VIGIL_MAP_TILES} names a tile server, so
 * nothing is fetched from outside by default).
 */
@Controller
class UnitBoard {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Unresourced incidents offered in an available unit's row, most urgent first. */
    static final int OFFERED = 30;

    /** A unit as a row of the board. */
    record UnitRow(String id, String callSign, String bcu, String status, String css, String incidentId,
                   String acknowledgement, boolean available, boolean divertable) {
        public String domId() {
            return "unit-" + id;
        }

        public String src() {
            return "/units/rows/" + Paths.segment(id);
        }
    }

    private final Picture picture;
    private final CurrentActor actors;
    private final PageCommands commands;
    private final String mapTiles;

    UnitBoard(Picture picture, CurrentActor actors, PageCommands commands,
              @Value("${vigil.map.tiles:}") String mapTiles) {
        this.picture = picture;
        this.actors = actors;
        this.commands = commands;
        this.mapTiles = mapTiles;
    }

    static UnitRow row(Queries.UnitView u) {
        String status;
        String css;
        String ack = "";
        if (u.atScene()) {
            status = "At scene";
            css = "at-scene";
        } else if (u.committedTo() != null) {
            status = u.acknowledged() ? "En route" : "Assigned, not acknowledged";
            css = u.acknowledged() ? "en-route" : "unacknowledged";
            ack = u.acknowledged() ? "acknowledged" : "NOT acknowledged";
        } else if (u.status() == vigil.core.Command.UnitStatus.AVAILABLE) {
            status = "Available";
            css = "at-scene";
        } else {
            status = "Unavailable";
            css = "neutral";
        }
        return new UnitRow(u.id(), u.callSign(), u.bcu(), status, css, u.committedTo(), ack,
                u.committedTo() == null && u.status() == vigil.core.Command.UnitStatus.AVAILABLE,
                u.committedTo() != null && !u.atScene());
    }

    /** The most urgent unresourced incidents, to assign an available unit to. */
    static List<IncidentBoard.AlertLine> waiting(Queries q) {
        return q.unresourced().stream().limit(OFFERED).map(i -> new IncidentBoard.AlertLine(i.grade().name(),
                i.id() + " (grade " + i.grade() + ")", i.id(), null, null, null)).toList();
    }

    @GetMapping("/units")
    String board(HttpServletRequest request, Model model) {
        IncidentBoard.me(request, actors);
        record Units(List<UnitRow> rows, List<IncidentBoard.AlertLine> waiting) {}
        Picture.Seen<Units> seen = picture.ask(q -> new Units(q.units().stream().map(UnitBoard::row).toList(),
                waiting(q)));
        model.addAttribute("seq", seen.seq());
        model.addAttribute("units", seen.value().rows());
        model.addAttribute("waiting", seen.value().waiting());
        model.addAttribute("forms", Map.of());
        return "units";
    }

    @GetMapping("/units/rows/{id}")
    String unitRow(@PathVariable("id") String id, Model model) {
        return rowFragment(id, Form.empty(), model);
    }

    private String rowFragment(String id, Form form, Model model) {
        record One(UnitRow row, List<IncidentBoard.AlertLine> waiting) {}
        One one = picture.ask(q -> new One(q.unit(id).map(UnitBoard::row).orElse(null), waiting(q))).value();
        model.addAttribute("u", one.row());
        model.addAttribute("waiting", one.waiting());
        model.addAttribute("forms", Map.of(id, form));
        return "units :: row";
    }

    @PostMapping("/units/{id}/assign")
    String assign(@PathVariable("id") String id, @RequestParam(name = "incidentId", required = false) String incidentId,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        Actor me = IncidentBoard.me(request, actors);
        PageCommands.Answer a = commands.send(me, PageCommands.command("AssignUnit").text("incidentId", incidentId)
                .text("unitId", id));
        Form form = Form.empty();
        if (a.accepted()) {
            form.done("Assigned to " + incidentId.trim() + ".");
        } else {
            form.value("incidentId", incidentId).refused(a, Set.of("incidentId"));
            response.setStatus(422);
        }
        return rowFragment(id, form, model);
    }

    @GetMapping("/map")
    String map(HttpServletRequest request, Model model) {
        IncidentBoard.me(request, actors);
        Picture.Seen<List<UnitRow>> seen = picture.ask(q -> q.units().stream().map(UnitBoard::row).toList());
        model.addAttribute("seq", seen.seq());
        model.addAttribute("tiles", mapTiles == null || mapTiles.isBlank() ? null : mapTiles.trim());
        return "map";
    }

    /** Units and open incidents with a known place, for the map's script. */
    @GetMapping(path = "/map/data", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> mapData(HttpServletRequest request) {
        IncidentBoard.me(request, actors);
        ObjectNode out = picture.ask(q -> {
            ObjectNode o = JSON.createObjectNode();
            ArrayNode units = o.putArray("units");
            for (Queries.UnitView u : q.units()) {
                if (u.location() != null) {
                    UnitRow r = row(u);
                    ObjectNode n = units.addObject();
                    n.put("id", u.id());
                    n.put("callSign", u.callSign());
                    n.put("lat", u.location().lat());
                    n.put("lon", u.location().lon());
                    n.put("status", r.status());
                    n.put("incidentId", u.committedTo());
                }
            }
            ArrayNode incidents = o.putArray("incidents");
            Map<String, Queries.IncidentDetail> open = new LinkedHashMap<>();
            q.openIncidentDetails().forEach(d -> open.put(d.view().id(), d));
            List<String> ids = new ArrayList<>(open.keySet());
            for (String id : ids) {
                q.incidentLocation(id).ifPresent(l -> {
                    Queries.IncidentDetail d = open.get(id);
                    ObjectNode n = incidents.addObject();
                    n.put("id", id);
                    n.put("grade", d.view().grade().name());
                    n.put("lat", l.lat());
                    n.put("lon", l.lon());
                    n.put("unresourced", d.view().unresourced());
                    n.put("divert", d.view().divertTagged());
                });
            }
            return o;
        }).value();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(out));
    }
}
