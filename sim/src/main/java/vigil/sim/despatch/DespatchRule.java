package vigil.sim.despatch;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.engine.NearestUnit;
import vigil.core.engine.Queries;
import vigil.core.engine.Travel;
import vigil.sim.model.Model;
import vigil.sim.model.Zone;

/**
 * Which unit the simulated despatcher sends (contracts/simulate.md, ADR 007), asked of the engine's queries and
 * nothing else: the model's dispatch rule for a free unit ({@code nearest} by travel time, or the zone's
 * {@code preference} list then roster order), and for a call whose grade may take another's unit, a divert of the
 * nearest unit on its way to a lesser incident when none is free or the free one would miss the target. It keeps no
 * state, so anyone holding the queries may ask it: the simulation, and the server's demo shift, which asks it on the
 * writer against the room as people have left it.
 */
public final class DespatchRule {
    private final Model.Dispatch dispatch;
    private final Travel travel;
    private final Model.Diverts diverts;
    private final Map<Grade, Duration> targets;
    private final Map<String, Zone> zones = new HashMap<>();

    /** A unit to send: free, or ({@code divert}) on its way to another incident, and how long it takes to get there. */
    public record Pick(String unitId, Duration travelTime, boolean divert) {}

    /** What the despatcher does with a new call: send {@code pick}, or queue it when null. */
    public record ForCall(Pick pick, boolean foundNoUnit) {}

    /** The model's rule, judged against {@code targets} (the policy's attendance targets by grade). */
    public DespatchRule(Model model, Map<Grade, Duration> targets) {
        this.dispatch = model.dispatch();
        this.travel = model.travel();
        this.diverts = model.diverts();
        this.targets = Map.copyOf(targets);
        for (Zone z : model.zones()) {
            zones.put(z.id(), z);
        }
    }

    /** The model's travel times. */
    public Travel travel() {
        return travel;
    }

    /**
     * A new call of {@code grade} in {@code zoneId} at {@code scene}: the free unit the rule picks, or a divert (when
     * the model lets this grade divert and no free unit can make the target sooner), or no unit (it waits).
     */
    public ForCall forCall(Queries q, Grade grade, String zoneId, Location scene) {
        Pick free = free(q, zoneId, scene);
        boolean mayDivert = diverts.enabled() && diverts.toGrades().contains(grade);
        if (free == null) {
            Optional<NearestUnit> candidate = mayDivert
                    ? q.nearestDivertable(scene, travel, diverts.fromGrades())
                    : Optional.empty();
            return new ForCall(candidate.map(DespatchRule::divert).orElse(null), true);
        }
        if (mayDivert && missesTarget(grade, free.travelTime())) {
            // No free unit can make the target: a unit on its way to a lesser call that would get there sooner is
            // diverted; otherwise the free one goes.
            Optional<NearestUnit> candidate = q.nearestDivertable(scene, travel, diverts.fromGrades())
                    .filter(c -> c.travelTime().compareTo(free.travelTime()) < 0);
            return new ForCall(candidate.map(DespatchRule::divert).orElse(free), false);
        }
        return new ForCall(free, false);
    }

    /** The free unit the model's dispatch rule picks for a call in {@code zoneId} at {@code scene}, or null. */
    public Pick free(Queries q, String zoneId, Location scene) {
        if (dispatch == Model.Dispatch.PREFERENCE) {
            Zone zone = zones.get(zoneId);
            for (String id : zone == null ? List.<String>of() : zone.preference()) {
                if (q.isAvailable(id)) {
                    return new Pick(id, travelFrom(q, id, scene), false);
                }
            }
            // Then any other free unit in roster (file) order, wherever it is.
            return q.nearestAvailable(scene, Travel.none())
                    .map(n -> new Pick(n.unitId(), travelFrom(q, n.unitId(), scene), false)).orElse(null);
        }
        return q.nearestAvailable(scene, travel).map(n -> new Pick(n.unitId(), n.travelTime(), false)).orElse(null);
    }

    /** How long {@code unitId} takes from where it is believed to be to {@code scene}. */
    public Duration travelFrom(Queries q, String unitId, Location scene) {
        if (travel instanceof Travel.NoTime) {
            return Duration.ZERO;
        }
        return travel.between(q.unit(unitId).orElseThrow().location(), scene);
    }

    private boolean missesTarget(Grade grade, Duration travelTime) {
        Duration target = targets.get(grade);
        return target != null && travelTime.compareTo(target) > 0;
    }

    private static Pick divert(NearestUnit n) {
        return new Pick(n.unitId(), n.travelTime(), true);
    }
}
