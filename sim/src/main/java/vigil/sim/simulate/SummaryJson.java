package vigil.sim.simulate;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Grade;

/** The summary as the contract prints it: one JSON object, fields in the contract's order. */
public final class SummaryJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SummaryJson() {}

    public static ObjectNode tree(Summary s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", s.name());
        o.put("seed", s.seed());
        if (s.simulatedDays() == Math.rint(s.simulatedDays())) {
            o.put("simulatedDays", (long) s.simulatedDays());
        } else {
            o.put("simulatedDays", s.simulatedDays());
        }
        o.put("calls", s.calls());
        ObjectNode grades = o.putObject("grades");
        for (Map.Entry<Grade, Summary.GradeFigures> e : s.grades().entrySet()) {
            Summary.GradeFigures g = e.getValue();
            ObjectNode n = grades.putObject(e.getKey().name());
            n.put("calls", g.calls());
            n.put("attended", g.attended());
            n.put("withinTarget", g.withinTarget());
            n.put("withinTargetRate", g.withinTargetRate());
            ObjectNode r = n.putObject("responseMinutes");
            r.put("mean", g.responseMinutes().mean());
            r.put("p50", g.responseMinutes().p50());
            r.put("p90", g.responseMinutes().p90());
            r.put("p99", g.responseMinutes().p99());
        }
        var units = o.putArray("units");
        for (Summary.UnitFigures u : s.units()) {
            units.addObject().put("id", u.id()).put("workload", u.workload());
        }
        o.put("delayProbability", s.delayProbability());
        o.put("outOfAreaFraction", s.outOfAreaFraction());
        o.putObject("diverts").put("count", s.diverts()).put("originalsBreached", s.originalsBreached());
        o.put("orphaned", s.orphaned());
        o.put("events", s.events());
        o.put("wallSeconds", s.wallSeconds());
        o.put("eventsPerSecond", s.eventsPerSecond());
        return o;
    }

    public static String text(Summary s) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(s));
    }
}
