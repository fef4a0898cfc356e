package vigil.sim.despatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Command.DivertDecision;
import vigil.core.Event;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Recorded;
import vigil.core.Role;
import vigil.core.Roster;
import vigil.core.engine.Queries;
import vigil.sim.generate.SyntheticCall;
import vigil.sim.model.Model;
import vigil.sim.model.ModelUnit;
import vigil.sim.model.Zone;

/**
 * The simulated staff and crews of a model's control room (contracts/simulate.md), acting through the engine:
 *
 * <ul>
 *   <li>the call handler records each call and creates its incident (an R incident is closed at once, referred);</li>
 *   <li>the despatcher assigns the unit the model's rule picks ({@code nearest} by the engine's travel-time query, or
 *       the zone's {@code preference} list then roster order); with none free it may divert the nearest unit on its
 *       way to a lesser incident, and otherwise queues the call; a unit that clears takes the head of the queue;</li>
 *   <li>with safeguards the controller approves each divert as the engine asks, the inspector tasks the reallocation
 *       the engine then requests, and the despatcher re-queues the original at once; without them (the 2018 way) the
 *       staff ignore those alerts and the original keeps its stale unit, noticed again only when that unit clears;</li>
 *   <li>crews acknowledge at once, arrive after the travel time, stay for the call's service time, then clear, and
 *       the despatcher closes the incident.</li>
 * </ul>
 *
 * Any command the engine refuses is a fault in this simulation, not a domain outcome, and stops the run.
 */
public final class SimulatedDespatcher {
    public static final String CALL_HANDLER = "sim-call-handler";
    public static final String DESPATCHER = "sim-despatcher";
    public static final String CONTROLLER = "sim-controller";
    public static final String INSPECTOR = "sim-inspector";

    private final ControlRoom room;
    private final Scheduler scheduler;
    private final DespatchObserver observer;
    private final Model.Dispatch dispatch;
    private final DespatchRule rule;
    private final Model.Diverts diverts;
    private final Map<String, Zone> zones = new HashMap<>();
    private final Map<String, Crew> crews = new LinkedHashMap<>();
    /** Open incidents by id. */
    private final Map<String, Job> jobs = new HashMap<>();
    private final DespatchQueue queue;
    /** Incidents that lost a unit while the current action played out: checked for cover when it ends. */
    private final List<String> lostUnit = new ArrayList<>(2);
    private final Actor callHandler = Actor.staff(CALL_HANDLER, Role.CALL_HANDLER);
    private final Actor despatcher = Actor.staff(DESPATCHER, Role.DESPATCHER);
    private final Actor controller = Actor.staff(CONTROLLER, Role.CONTROLLER);
    private final Actor inspector = Actor.staff(INSPECTOR, Role.INSPECTOR);

    public SimulatedDespatcher(Model model, ControlRoom room, Scheduler scheduler, DespatchObserver observer) {
        this.room = room;
        this.scheduler = scheduler;
        this.observer = observer;
        this.dispatch = model.dispatch();
        this.rule = new DespatchRule(model, model.policy().targets());
        this.diverts = model.diverts();
        this.queue = new DespatchQueue(model.queue());
        for (Zone z : model.zones()) {
            zones.put(z.id(), z);
        }
        for (ModelUnit u : model.units()) {
            crews.put(u.rosterId(), new Crew(u.rosterId(), u.homeZone()));
        }
    }

    /** The staff these simulated people are, and the model's units at their home zones' centres. */
    public static Roster roster(Model model) {
        Map<String, Location> centres = new HashMap<>();
        model.zones().forEach(z -> centres.put(z.id(), z.centre()));
        List<Roster.UnitSpec> units = new ArrayList<>(model.units().size());
        for (ModelUnit u : model.units()) {
            units.add(new Roster.UnitSpec(u.rosterId(), u.id(), centres.get(u.homeZone())));
        }
        return new Roster(List.of(
                new Roster.StaffMember(CALL_HANDLER, Role.CALL_HANDLER, null),
                new Roster.StaffMember(DESPATCHER, Role.DESPATCHER, null),
                new Roster.StaffMember(CONTROLLER, Role.CONTROLLER, null),
                new Roster.StaffMember(INSPECTOR, Role.INSPECTOR, null)), units);
    }

    /** Calls waiting for a unit now. */
    public int waiting() {
        return queue.size();
    }

    /** A call comes in: record it, create its incident, and resource it, divert for it or queue it. */
    public void callArrives(SyntheticCall call) {
        Instant at = call.at();
        String callId = "CALL-" + call.number();
        Job job = new Job(call, "CAD-" + call.number());
        perform(new Command.RecordCall(callHandler, callId, null, null, call.location(), null, null), at);
        perform(new Command.CreateIncident(callHandler, job.incidentId, callId, call.grade(), null, null,
                call.zoneId()), at);
        jobs.put(job.incidentId, job);
        observer.called(job);
        if (call.grade() == Grade.R) {
            close(job, "REFERRED", at);
            return;
        }
        DespatchRule.ForCall d = rule.forCall(room.queries(), call.grade(), call.zoneId(), call.location());
        job.foundNoUnit = d.foundNoUnit();
        if (d.pick() == null) {
            queue.add(job);
        } else if (d.pick().divert()) {
            divert(job, d.pick(), at);
        } else {
            assign(job, crews.get(d.pick().unitId()), d.pick().travelTime(), at);
        }
        checkCover();
    }

    /** Events the engine recorded on its own as its clock moved on (deadlines), outside any staff command. */
    public void deadlinesFired(List<Recorded> events) {
        react(events);
        checkCover();
    }

    /** The run stops: tells the observer which incidents are still open. */
    public void stop() {
        jobs.values().forEach(observer::stillOpen);
    }

    private void assign(Job job, Crew crew, Duration travelTime, Instant at) {
        List<Recorded> events = send(new Command.AssignUnit(despatcher, job.incidentId, crew.id), at);
        commit(job, crew);
        observer.dispatched(job, crew.id, outOfArea(job, crew));
        react(events);
        enRoute(job, crew, travelTime, at);
    }

    private void divert(Job job, DespatchRule.Pick candidate, Instant at) {
        Crew crew = crews.get(candidate.unitId());
        Job original = crew.job;
        List<Recorded> events = send(new Command.DivertUnit(despatcher, job.incidentId, crew.id,
                "grade " + job.grade() + " call and no unit free"), at);
        original.crew = null;
        original.divertedFrom = true;
        if (!diverts.safeguards()) {
            original.staleCrew = crew;
            crew.staleOriginals.add(original);
        }
        commit(job, crew);
        observer.diverted(original, job, crew.id);
        observer.dispatched(job, crew.id, outOfArea(job, crew));
        react(events);
        enRoute(job, crew, candidate.travelTime(), at);
    }

    private void commit(Job job, Crew crew) {
        crew.job = job;
        crew.token++;
        job.crew = crew;
    }

    /** The crew acknowledges at once and arrives after the travel time (at once when travel takes none). */
    private void enRoute(Job job, Crew crew, Duration travelTime, Instant at) {
        perform(new Command.AcknowledgeAssignment(crew.actor, job.incidentId, crew.id), at);
        long token = crew.token;
        if (travelTime.isZero()) {
            arrive(crew, token, at);
        } else {
            Instant arrival = at.plus(travelTime);
            scheduler.schedule(arrival, () -> arrive(crew, token, arrival));
        }
    }

    private void arrive(Crew crew, long token, Instant at) {
        if (crew.token != token) {
            return; // diverted on the way
        }
        Job job = crew.job;
        perform(new Command.ArriveAtScene(crew.actor, job.incidentId, crew.id), at);
        Instant done = at.plus(job.call.serviceTime());
        scheduler.schedule(done, () -> finish(crew, token, done));
        checkCover();
    }

    private void finish(Crew crew, long token, Instant at) {
        assert crew.token == token : "unit " + crew.id + " moved on while at a scene";
        Job job = crew.job;
        perform(new Command.ClearUnit(crew.actor, job.incidentId, crew.id), at);
        crew.job = null;
        job.crew = null;
        close(job, "RESOLVED", at);
        // The 2018 way: only now do the staff notice the incidents that still showed this unit.
        for (Job stale : crew.staleOriginals) {
            stale.staleCrew = null;
            queue.add(stale);
        }
        crew.staleOriginals.clear();
        Job next = queue.poll();
        if (next != null) {
            assign(next, crew, rule.travelFrom(room.queries(), crew.id, next.location()), at);
        }
        serveQueue(at);
        checkCover();
    }

    /**
     * Calls wait only while no unit is free. A call put back in the queue (a divert's original) while units are
     * free elsewhere goes at once to the unit the dispatch rule picks.
     */
    private void serveQueue(Instant at) {
        while (!queue.isEmpty()) {
            Queries q = room.queries();
            if (q.availableUnitCount() == 0) {
                return;
            }
            Job head = queue.poll();
            DespatchRule.Pick free = rule.free(q, head.zoneId(), head.location());
            assign(head, crews.get(free.unitId()), free.travelTime(), at);
        }
    }

    private void close(Job job, String disposition, Instant at) {
        perform(new Command.CloseIncident(despatcher, job.incidentId, disposition), at);
        jobs.remove(job.incidentId);
        observer.closed(job);
    }

    private boolean outOfArea(Job job, Crew crew) {
        List<String> preference = zones.get(job.zoneId()).preference();
        if (dispatch == Model.Dispatch.PREFERENCE && !preference.isEmpty()) {
            return !preference.get(0).equals(crew.id);
        }
        return !crew.homeZone.equals(job.zoneId());
    }

    private void perform(Command command, Instant at) {
        react(send(command, at));
    }

    private List<Recorded> send(Command command, Instant at) {
        return room.submit(command, at);
    }

    /** The staff's and the figures' response to what the engine recorded. */
    private void react(List<Recorded> events) {
        for (Recorded r : events) {
            switch (r.event()) {
                case Event.UnitAssigned e -> observer.unitCommitted(e.unitId(), r.at());
                case Event.UnitCleared e -> observer.unitReleased(e.unitId(), r.at());
                case Event.UnitDiverted e -> lostUnit.add(e.fromIncidentId());
                case Event.UnitArrived e -> {
                    Job job = jobs.get(e.incidentId());
                    if (e.firstAttendance() && job != null) {
                        job.attended = true;
                        observer.attended(job, r.at(), e.withinTarget());
                    }
                }
                case Event.AttendanceBreached e -> {
                    Job job = jobs.get(e.incidentId());
                    if (job != null) {
                        job.breached = true;
                    }
                }
                case Event.DivertReviewRequested e -> {
                    if (diverts.safeguards()) {
                        perform(new Command.ReviewDivert(controller, e.incidentId(), DivertDecision.APPROVE,
                                "urgent call, divert stands", e.unitId()), r.at());
                    }
                }
                case Event.ReallocationRequested e -> {
                    if (diverts.safeguards()) {
                        perform(new Command.TaskReallocation(inspector, e.incidentId(), "re-queued for next unit"),
                                r.at());
                    }
                }
                case Event.ReallocationTasked e -> {
                    Job job = jobs.get(e.incidentId());
                    if (job != null && job.crew == null && !job.queued) {
                        queue.add(job);
                        serveQueue(r.at());
                    }
                }
                case Event.CommandRejected e -> throw new IllegalStateException(
                        "the engine refused a simulated " + e.command() + ": " + e.reason() + " (" + e.detail() + ")");
                default -> { /* alerts the simulated staff do not act on */ }
            }
        }
    }

    /** Every incident that lost a unit must now have another or be waiting in the queue; if not, it is orphaned. */
    private void checkCover() {
        if (lostUnit.isEmpty()) {
            return;
        }
        Queries q = room.queries();
        for (String id : lostUnit) {
            Job job = jobs.get(id);
            if (job == null || job.queued || job.orphaned || job.attended) {
                continue;
            }
            boolean served = q.incident(id).map(i -> !i.committedUnits().isEmpty()).orElse(false);
            if (!served) {
                job.orphaned = true;
                observer.orphaned(job);
            }
        }
        lostUnit.clear();
    }
}
