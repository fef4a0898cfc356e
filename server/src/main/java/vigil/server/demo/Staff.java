package vigil.server.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Command.DivertDecision;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Role;
import vigil.core.engine.Queries;
import vigil.core.engine.Queries.AlertView;
import vigil.core.engine.Queries.IncidentView;
import vigil.core.engine.Queries.UnitView;
import vigil.sim.despatch.DespatchRule;
import vigil.sim.despatch.SimulatedDespatcher;
import vigil.sim.generate.SyntheticCall;

/**
 * The shift's despatcher, controller, inspector and crews. Each time the room is looked at ({@link #act}) they see what
 * needs doing in it, whoever made it so, and each thing is done after its own delay in the shift's time, unless it is
 * no longer there to do by then (someone did it, or changed the room):
 *
 * <ul>
 *   <li>a crew acknowledges an assignment of its unit ({@link #CREW_ACKNOWLEDGES}), arrives after the travel time from
 *       where the unit is believed to be, stays for its call's service time (for an incident not of the shift, a draw
 *       from the model's), then clears;</li>
 *   <li>the despatcher sends a unit to an open, unattended incident with no unit and a known scene
 *       ({@link #DESPATCHER_THINKS}): the unit the simulator's rule picks ({@link DespatchRule}: on first sight a
 *       divert when the model allows it, afterwards a free unit only), in queue order; it leaves alone an R incident,
 *       one without a scene, and an original whose divert review or reallocation is still open; it closes an attended
 *       incident once its last unit has cleared;</li>
 *   <li>the controller approves each divert waiting for review ({@link #CONTROLLER_THINKS}) and the inspector tasks
 *       each reallocation the engine asks for ({@link #INSPECTOR_THINKS}), as the simulator's staff do with
 *       safeguards; with a model whose {@code safeguards} are off they ignore both, the 2018 way.</li>
 * </ul>
 *
 * A refusal is the engine's answer to the room as it stood: the thing is looked at again ({@link #LOOK_AGAIN}, longer
 * each time it is refused, so nothing refused fills the log), and done if it still needs doing. Bounded: it keeps one
 * entry per thing to do in the room now.
 */
final class Staff {
    static final Duration DESPATCHER_THINKS = Duration.ofSeconds(30);
    static final Duration CREW_ACKNOWLEDGES = Duration.ofSeconds(10);
    static final Duration CONTROLLER_THINKS = Duration.ofSeconds(60);
    static final Duration INSPECTOR_THINKS = Duration.ofSeconds(60);
    /** A crew sent to an incident whose scene nobody gave is this long finding it. */
    static final Duration UNKNOWN_SCENE_TRAVEL = Duration.ofMinutes(10);
    /** A refused thing is looked at again after this, twice as long each time it is refused, up to 64 times as long. */
    static final Duration LOOK_AGAIN = Duration.ofSeconds(30);
    private static final int MOST_DOUBLINGS = 6;
    static final String DIVERT_NOTE = "urgent call, divert stands";
    static final String REALLOCATION_NOTE = "re-queued for next unit";

    /** What there is to do, in the order a round does it: crews first, then the despatcher and supervisors. */
    enum Kind { ACKNOWLEDGE, ARRIVE, CLEAR, CLOSE, REVIEW, TASK, DESPATCH }

    record Key(Kind kind, String incidentId, String unitId) {}

    private record Plan(Instant due, int refusals) {}

    private final Actor despatcher = Actor.staff(SimulatedDespatcher.DESPATCHER, Role.DESPATCHER);
    private final Actor controller = Actor.staff(SimulatedDespatcher.CONTROLLER, Role.CONTROLLER);
    private final Actor inspector = Actor.staff(SimulatedDespatcher.INSPECTOR, Role.INSPECTOR);
    private final DemoModel model;
    private final DespatchRule rule;
    private final boolean safeguards;
    private final Speed speed;
    private final Set<String> crewIds;
    private final CallHandler calls;
    private final Desk desk;
    private final SplittableRandom random;
    private final Map<Key, Plan> plans = new HashMap<>();
    /** Open incidents the despatcher has looked at once: later looks send only a free unit. */
    private final Set<String> seen = new HashSet<>();

    Staff(DemoModel model, DespatchRule rule, Speed speed, Set<String> crewIds, CallHandler calls, Desk desk) {
        this.model = model;
        this.rule = rule;
        this.safeguards = model.model().diverts().safeguards();
        this.speed = speed;
        this.crewIds = Set.copyOf(crewIds);
        this.calls = calls;
        this.desk = desk;
        this.random = new SplittableRandom(model.model().seed());
    }

    Set<String> crewIds() {
        return crewIds;
    }

    /**
     * When the next thing falls due after {@code now}, or null. Things already due wait for the room to change (an
     * incident for a unit to free), which a commit says.
     */
    Instant nextDue(Instant now) {
        return plans.values().stream().map(Plan::due).filter(d -> d.isAfter(now)).min(Instant::compareTo).orElse(null);
    }

    /**
     * Sees what needs doing in {@code room} and does what is due by {@code now}; returns how many commands were handed
     * in. Stops early (false from {@code goOn}) when the shift is stopping.
     */
    int act(Picture room, Instant now, BooleanSupplier goOn) throws Desk.Unavailable {
        Map<Key, Supplier<Duration>> wanted = wanted(room);
        plans.keySet().retainAll(wanted.keySet());
        Set<String> open = new HashSet<>();
        room.open().forEach(i -> open.add(i.id()));
        seen.retainAll(open);
        calls.keepOnly(open);
        int done = 0;
        for (Map.Entry<Key, Supplier<Duration>> e : wanted.entrySet()) {
            plans.computeIfAbsent(e.getKey(), k -> new Plan(now.plus(speed.onTheWall(e.getValue().get())), 0));
        }
        for (Kind kind : Kind.values()) {
            for (Key key : wanted.keySet()) {
                Plan plan = plans.get(key);
                if (key.kind() != kind || plan.due().isAfter(now) || !goOn.getAsBoolean()) {
                    continue;
                }
                if (kind == Kind.DESPATCH && room.freeUnits() == 0 && seen.contains(key.incidentId())) {
                    continue; // waits in the queue until a unit is free
                }
                Desk.Result r = run(key);
                if (r == null) {
                    continue; // waits for a unit; looked at again in the next round
                }
                done++;
                switch (r) {
                    case DONE, STOOD_DOWN -> plans.remove(key);
                    case REFUSED -> {
                        int n = Math.min(plan.refusals() + 1, MOST_DOUBLINGS);
                        Duration wait = speed.onTheWall(LOOK_AGAIN).multipliedBy(1L << (n - 1));
                        plans.put(key, new Plan(now.plus(wait), plan.refusals() + 1));
                    }
                    case UNAVAILABLE -> throw new Desk.Unavailable("the writer is not writing");
                }
            }
        }
        return done;
    }

    /** Everything the room needs of the shift's people now, each with how long they take to get to it. */
    private Map<Key, Supplier<Duration>> wanted(Picture room) {
        Map<Key, Supplier<Duration>> out = new LinkedHashMap<>();
        Map<String, IncidentView> incidents = new HashMap<>();
        room.open().forEach(i -> incidents.put(i.id(), i));
        for (UnitView u : room.crews()) {
            String at = u.committedTo();
            if (at == null || !desk.onDuty(u.id())) {
                continue;
            }
            if (!u.acknowledged() && !u.atScene()) {
                out.put(new Key(Kind.ACKNOWLEDGE, at, u.id()), () -> CREW_ACKNOWLEDGES);
            } else if (!u.atScene()) {
                out.put(new Key(Kind.ARRIVE, at, u.id()), () -> travel(u.location(), room.scenes().get(at)));
            } else {
                IncidentView i = incidents.get(at);
                out.put(new Key(Kind.CLEAR, at, u.id()), () -> serviceTime(at, i == null ? null : i.grade()));
            }
        }
        Set<String> inProtocol = new HashSet<>();
        for (AlertView a : room.protocol()) {
            inProtocol.add(a.incidentId());
            if (!safeguards) {
                continue; // the 2018 way: the staff ignore the divert protocol's alerts
            }
            if (a.type().equals(Picture.REVIEW) && desk.onDuty(controller.id())) {
                out.put(new Key(Kind.REVIEW, a.incidentId(), a.unitId()), () -> CONTROLLER_THINKS);
            } else if (a.type().equals(Picture.REALLOCATION) && desk.onDuty(inspector.id())) {
                out.put(new Key(Kind.TASK, a.incidentId(), null), () -> INSPECTOR_THINKS);
            }
        }
        if (!desk.onDuty(despatcher.id())) {
            return out;
        }
        for (IncidentView i : room.open()) {
            if (i.attendedAt() != null && i.committedUnits().isEmpty()) {
                out.put(new Key(Kind.CLOSE, i.id(), null), () -> DESPATCHER_THINKS);
            } else if (i.unresourced() && i.grade() != Grade.R && room.scenes().containsKey(i.id())
                    && !inProtocol.contains(i.id())) {
                out.put(new Key(Kind.DESPATCH, i.id(), null), () -> DESPATCHER_THINKS);
            }
        }
        return out;
    }

    /** Does it: the engine's answer, or null when nothing was handed in (a despatch that must wait). */
    private Desk.Result run(Key key) throws Desk.Unavailable {
        String incident = key.incidentId();
        String unit = key.unitId();
        return switch (key.kind()) {
            case ACKNOWLEDGE -> desk.submit(new Command.AcknowledgeAssignment(Actor.unit(unit), incident, unit));
            case ARRIVE -> desk.submit(new Command.ArriveAtScene(Actor.unit(unit), incident, unit));
            case CLEAR -> desk.submit(new Command.ClearUnit(Actor.unit(unit), incident, unit));
            case CLOSE -> desk.submit(new Command.CloseIncident(despatcher, incident, "RESOLVED"));
            case REVIEW -> desk.submit(new Command.ReviewDivert(controller, incident, DivertDecision.APPROVE,
                    DIVERT_NOTE, unit));
            case TASK -> desk.submit(new Command.TaskReallocation(inspector, incident, REALLOCATION_NOTE));
            case DESPATCH -> despatch(incident);
        };
    }

    /**
     * Sends the unit the rule picks, asked on the writer against the room as it is now (someone may have sent one
     * since the picture). Nothing free and nothing to divert: the incident waits, due again when a unit frees.
     */
    private Desk.Result despatch(String incidentId) throws Desk.Unavailable {
        boolean firstLook = seen.add(incidentId);
        Choice c = desk.look(q -> choose(q, incidentId, firstLook));
        if (c == null) {
            return null;
        }
        if (c.pick().divert()) {
            return desk.submit(new Command.DivertUnit(despatcher, incidentId, c.pick().unitId(),
                    "grade " + c.grade() + " call and no unit free"));
        }
        return desk.submit(new Command.AssignUnit(despatcher, incidentId, c.pick().unitId()));
    }

    private record Choice(DespatchRule.Pick pick, Grade grade) {}

    private Choice choose(Queries q, String incidentId, boolean firstLook) {
        IncidentView i = q.incident(incidentId).orElse(null);
        Location scene = q.incidentLocation(incidentId).orElse(null);
        if (i == null || !i.unresourced() || scene == null) {
            return null;
        }
        DespatchRule.Pick pick = firstLook ? rule.forCall(q, i.grade(), i.bcu(), scene).pick()
                : rule.free(q, i.bcu(), scene);
        return pick == null ? null : new Choice(pick, i.grade());
    }

    private Duration travel(Location from, Location scene) {
        if (from == null || scene == null) {
            return UNKNOWN_SCENE_TRAVEL;
        }
        return rule.travel().between(from, scene);
    }

    private Duration serviceTime(String incidentId, Grade grade) {
        return calls.call(incidentId).map(SyntheticCall::serviceTime)
                .orElseGet(() -> model.serviceTime(grade == null ? Grade.E : grade, random));
    }
}
