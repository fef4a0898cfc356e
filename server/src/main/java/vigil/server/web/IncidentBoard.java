package vigil.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import vigil.core.Actor;
import vigil.core.Policy;
import vigil.core.Recipient;
import vigil.core.engine.Queries;
import vigil.server.staff.CurrentActor;

/**
 * The incident board: every open incident by time left, each with its live countdown and its state in words; the
 * caller's own alerts on top. Each row and the alerts are fragments of their own, so an event re-fetches only what it
 * changed ({@code live.js}), never the whole board.
 */
@Controller
class IncidentBoard {
    /** Alerts listed on the board, most urgent first; beyond them the panel says how many more (2,000 unresourced
     * incidents are 2,000 alerts to a despatcher: the first twenty say what to do next, the count says how bad it is). */
    static final int ALERTS_SHOWN = 20;

    /** An open alert as the board lists it: what it is, what it is about, where to deal with it. */
    record AlertLine(String type, String words, String incidentId, String unitId, String schemeId, String href) {}

    private final Picture picture;
    private final CurrentActor actors;
    private final InstantSource clock;
    private final Policy policy;
    private final Words words;

    IncidentBoard(Picture picture, CurrentActor actors, InstantSource clock, Policy policy, Words words) {
        this.picture = picture;
        this.actors = actors;
        this.clock = clock;
        this.policy = policy;
        this.words = words;
    }

    @GetMapping("/board")
    String board(HttpServletRequest request, Model model) {
        Actor me = me(request, actors);
        record Board(List<IncidentRows.Row> rows, List<AlertLine> alerts) {}
        Picture.Seen<Board> seen = picture.ask(q -> {
            Map<String, Queries.UnitView> units = IncidentRows.unitsById(q);
            var now = clock.instant();
            List<IncidentRows.Row> rows = q.openIncidentDetails().stream()
                    .map(d -> IncidentRows.row(d, units, now, policy, words))
                    .sorted(java.util.Comparator.comparingLong(IncidentRows.Row::sortKey)).toList();
            return new Board(rows, alerts(q, me));
        });
        model.addAttribute("seq", seen.seq());
        model.addAttribute("rows", seen.value().rows());
        alerts(model, seen.value().alerts());
        model.addAttribute("now", clock.instant().toEpochMilli());
        return "board";
    }

    /** One row, for {@code live.js}: empty once the incident is no longer open (the row is then removed). */
    @GetMapping("/board/rows/{id}")
    String row(@PathVariable("id") String id, Model model) {
        Picture.Seen<IncidentRows.Row> seen = picture.ask(q -> q.incidentDetail(id)
                .filter(d -> !d.view().closed())
                .map(d -> IncidentRows.row(d, IncidentRows.unitsById(q), clock.instant(), policy, words)).orElse(null));
        model.addAttribute("row", seen.value());
        return "board :: row";
    }

    @GetMapping("/board/alerts")
    String alerts(HttpServletRequest request, Model model) {
        Actor me = me(request, actors);
        alerts(model, picture.ask(q -> alerts(q, me)).value());
        return "board :: alerts";
    }

    private static void alerts(Model model, List<AlertLine> all) {
        model.addAttribute("alerts", all.subList(0, Math.min(ALERTS_SHOWN, all.size())));
        model.addAttribute("alertCount", all.size());
    }

    static Actor me(HttpServletRequest request, CurrentActor actors) {
        return actors.of(request).orElseThrow(() -> new PageProblem(org.springframework.http.HttpStatus.UNAUTHORIZED,
                "Not logged in", "Log in to see this page."));
    }

    /** The caller's open alerts, addressed as the engine addresses them (by id, or by role in their roster BCU). */
    static List<AlertLine> alerts(Queries q, Actor me) {
        String bcu = q.staffMember(me.id()).map(Queries.StaffView::bcu).orElse(me.bcu());
        return q.openAlerts().stream().filter(a -> addressedTo(a.notifies(), me, bcu)).map(a -> new AlertLine(
                a.type(), Words.alert(a.type()), a.incidentId(), a.unitId(), a.schemeId(), href(a))).toList();
    }

    static boolean addressedTo(Recipient r, Actor actor, String bcu) {
        if (r.staffId() != null) {
            return r.staffId().equals(actor.id());
        }
        return r.role() == actor.role() && (r.bcu() == null || r.bcu().equals(bcu));
    }

    private static String href(Queries.AlertView a) {
        if (a.incidentId() == null) {
            return null;
        }
        String id = Paths.segment(a.incidentId());
        return switch (a.type()) {
            case "DivertReviewRequested", "DivertReviewOverdue" -> "/reviews/" + id;
            case "OverrideChallenged" -> "/challenges";
            case "ReallocationRequested" -> "/reallocations";
            default -> "/incidents/" + id;
        };
    }
}
