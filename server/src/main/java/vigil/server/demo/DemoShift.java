package vigil.server.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Policy;
import vigil.core.Role;
import vigil.core.engine.Queries;
import vigil.server.config.VigilProperties;
import vigil.server.log.EventLog;
import vigil.server.log.LoggedEvent;
import vigil.server.log.Writer;
import vigil.server.staff.StaffAccounts;
import vigil.sim.despatch.SimulatedDespatcher;
import vigil.sim.generate.CallGenerator;

/**
 * {@code ./vigil serve --demo}: a synthetic shift in the room while the server runs ({@code VIGIL_DEMO_SHIFT}). Once
 * the server is up (health UP: the writer writes and the first start's accounts and demo room are open), the shift
 * joins the roster through the log as the administrator: the simulated call handler, despatcher, controller and
 * inspector ({@code sim-call-handler} …) and the model's units, each only if the log does not hold it already. Then
 * it finds where the log leaves its calls and carries on: one thread rings calls in when due ({@link CallHandler}),
 * looks at the room and lets the people act ({@link Staff}), and waits until the next thing is due or the writer
 * commits something. Stopping the server stops the shift first (it is started after the writer and stopped before it);
 * a restart carries on from the log. It runs only in a room of its own: a log holding a control room's work gets none
 * of its synthetic calls.
 */
@Component
class DemoShift implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DemoShift.class);
    /** The longest the shift waits without looking at the room; also how soon it tries again when it cannot write. */
    private static final Duration LOOK_AT_LEAST_EVERY = Duration.ofSeconds(1);

    /** The simulated staff, each with the role the shift needs them in. */
    static final List<Actor> PEOPLE = List.of(
            Actor.staff(SimulatedDespatcher.CALL_HANDLER, Role.CALL_HANDLER),
            Actor.staff(SimulatedDespatcher.DESPATCHER, Role.DESPATCHER),
            Actor.staff(SimulatedDespatcher.CONTROLLER, Role.CONTROLLER),
            Actor.staff(SimulatedDespatcher.INSPECTOR, Role.INSPECTOR));

    private final VigilProperties properties;
    private final Writer writer;
    private final EventLog eventLog;
    private final InstantSource clock;
    private final Policy policy;
    private final ObjectProvider<HealthEndpoint> health;
    private final Nudge nudge;
    private final StaffAccounts accounts;
    private volatile boolean running;
    private volatile long lastCall;
    /** The clock's time at the shift's last look at the room (null before the first): how far it has caught up. */
    private volatile Instant lastLook;
    /** What the shift is doing, in words: waiting for the room to open, running, or why it did not start. */
    private volatile String standing = "not asked for";
    private Thread thread;

    private record Shift(CallHandler calls, Staff staff) {}

    DemoShift(VigilProperties properties, Writer writer, EventLog eventLog, InstantSource clock, Policy policy,
              ObjectProvider<HealthEndpoint> health, Nudge nudge, StaffAccounts accounts) {
        this.properties = properties;
        this.writer = writer;
        this.eventLog = eventLog;
        this.clock = clock;
        this.policy = policy;
        this.health = health;
        this.nudge = nudge;
        this.accounts = accounts;
    }

    /** The number of the last call the shift has rung in (0 before the first, or with no shift). */
    long lastCall() {
        return lastCall;
    }

    String standing() {
        return standing;
    }

    /** When (by the room's clock) the shift last looked at the room and acted; null before it first did. */
    Instant lastLook() {
        return lastLook;
    }

    @Override
    public synchronized void start() {
        if (running || !properties.demoShift()) {
            return;
        }
        running = true;
        standing = "waiting for the room to open";
        thread = Thread.ofPlatform().name("vigil-demo").daemon(true).start(this::run);
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            t = thread;
        }
        nudge.poke();
        try {
            t.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (standing.startsWith("running")) {
            log.info("demo shift: stopped after call {}", lastCall);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        DemoModel model;
        Speed speed;
        try { // checked before the server started (DemoSettings); a file changed since is said here, once
            model = DemoModel.load(properties.demoModel());
            speed = new Speed(properties.demoSpeed());
        } catch (RuntimeException e) {
            standing = "not started: " + e.getMessage();
            log.error("demo shift: {}", standing);
            return;
        }
        Desk desk = new Desk(writer, accounts::follow); // the people it adds get accounts (no password) at once
        Shift shift = null;
        String lastFault = null;
        try {
            while (running) {
                try {
                    if (shift == null) {
                        if (!roomIsOpen()) {
                            nudge.await(LOOK_AT_LEAST_EVERY.toNanos());
                            continue;
                        }
                        if (!roomOfItsOwn(desk)) {
                            return;
                        }
                        shift = open(model, speed, desk);
                        continue;
                    }
                    step(shift, desk);
                    lastFault = null;
                } catch (Desk.Unavailable e) {
                    nudge.await(LOOK_AT_LEAST_EVERY.toNanos()); // the writer is not writing: the room waits too
                } catch (RuntimeException e) {
                    // A fault of the shift's own: it must not take the control room down. It starts again from the log.
                    if (!String.valueOf(e.getMessage()).equals(lastFault)) {
                        log.error("demo shift: a fault; starting again from the log in a second", e);
                        lastFault = String.valueOf(e.getMessage());
                    }
                    shift = null;
                    nudge.await(LOOK_AT_LEAST_EVERY.toNanos());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Up: the writer writes and the first start's accounts (and demo room) are open, so the shift cannot race them. */
    private boolean roomIsOpen() {
        HealthEndpoint h = health.getIfAvailable();
        if (h != null) {
            return Status.UP.equals(h.health().getStatus());
        }
        return writer.state().phase() == Writer.Phase.WRITING;
    }

    /**
     * Whether the shift may run in this install: it writes synthetic calls into the record, so only into a log that
     * holds nothing but a roster (a new install, the demo room's included) or a shift already (docs/adr/104). Anything
     * else is a control room's real record: the shift does not start, and says why, once.
     */
    private boolean roomOfItsOwn(Desk desk) throws Desk.Unavailable {
        if (desk.look(q -> q.idTaken(SimulatedDespatcher.CALL_HANDLER))) {
            return true; // a shift has run here: it carries on
        }
        long last = eventLog.lastSeq();
        long after = 0;
        while (after < last) {
            List<LoggedEvent> page = eventLog.between(after, last, 1_000);
            if (page.isEmpty()) {
                break;
            }
            for (LoggedEvent e : page) {
                if (!ROSTER_ONLY.contains(e.type())) {
                    standing = "not started: the log holds a control room's own work (event " + e.seq() + ", "
                            + e.type() + "), and a demo shift writes synthetic calls into it; run --demo with a"
                            + " VIGIL_DATA_DIR (or database) of its own";
                    log.error("demo shift: {}", standing);
                    return false;
                }
            }
            after = page.getLast().seq();
        }
        return true;
    }

    /** Events a new install's log holds before any work: its roster (a demo room's, or the administrator's). */
    private static final Set<String> ROSTER_ONLY = Set.of("StaffAdded", "StaffRemoved", "UnitAdded", "UnitRetired",
            "UnitLocationReported", "UnitStatusChanged", "CommandRejected");

    /** Joins the roster (adding only what the log lacks), finds where the calls stand, and forms the shift. */
    private Shift open(DemoModel model, Speed speed, Desk desk) throws Desk.Unavailable {
        Set<String> crews = join(model, desk);
        long last = CallHandler.lastRecorded(n -> !eventLog.call(CallHandler.callId(n)).isEmpty());
        boolean lastHasIncident = last == 0 || eventLog.call(CallHandler.callId(last)).stream()
                .anyMatch(line -> line.contains("\"type\":\"IncidentCreated\""));
        Set<String> open = desk.look(q -> {
            Set<String> ids = new HashSet<>();
            q.openIncidents().forEach(i -> ids.add(i.id()));
            return ids;
        });
        CallHandler calls = CallHandler.resume(new CallGenerator(model.model(), model.model().seed()), speed,
                clock.instant(), last, open);
        calls.finishInterrupted(lastHasIncident, desk);
        lastCall = calls.lastNumber();
        standing = "running at speed " + speed;
        log.info("demo shift: running at speed {} ({}): {} crews; {}", speed, model.name(), crews.size(),
                last == 0 ? "the first call is on its way" : "carrying on after call " + CallHandler.callId(last));
        return new Shift(calls, new Staff(model, model.rule(policy), speed, crews, calls, desk));
    }

    /**
     * Adds the shift's people and units the roster lacks, as the administrator, and answers the model's units on the
     * roster now: the crews. An id the log has used before for something else, or for someone taken off the roster, is
     * never used again (the engine says so): that person stands down, that unit is not crewed.
     */
    private Set<String> join(DemoModel model, Desk desk) throws Desk.Unavailable {
        Actor admin = Actor.staff(Writer.ADMINISTRATOR, Role.ADMIN);
        List<Command> adds = desk.look(q -> {
            List<Command> out = new ArrayList<>();
            for (Actor a : PEOPLE) {
                if (q.staffMember(a.id()).isEmpty() && !q.idTaken(a.id())) {
                    out.add(new Command.AddStaff(admin, a.id(), a.role(), null));
                }
            }
            for (DemoModel.Unit u : model.units()) {
                if (!q.idTaken(u.id())) {
                    out.add(new Command.AddUnit(admin, u.id(), u.callSign(), u.bcu(), u.place()));
                }
            }
            return out;
        });
        if (!adds.isEmpty()) {
            List<Desk.Result> results = desk.submitAll(adds);
            if (results.contains(Desk.Result.UNAVAILABLE)) {
                throw new Desk.Unavailable("the writer stopped writing while the shift joined the roster");
            }
            log.info("demo shift: {} of {} people and units added to the roster", results.stream()
                    .filter(r -> r == Desk.Result.DONE).count(), adds.size());
        }
        Roster roster = desk.look(q -> {
            Map<String, String> absent = new LinkedHashMap<>();
            for (Actor a : PEOPLE) {
                Queries.StaffView s = q.staffMember(a.id()).orElse(null);
                if (s == null) {
                    absent.put(a.id(), "not on the roster");
                } else if (s.role() != a.role()) {
                    absent.put(a.id(), "on the roster as " + s.role() + ", not " + a.role());
                }
            }
            Set<String> crewed = new LinkedHashSet<>();
            for (DemoModel.Unit u : model.units()) {
                if (q.unit(u.id()).isPresent()) {
                    crewed.add(u.id());
                }
            }
            return new Roster(absent, crewed);
        });
        roster.absent().forEach(desk::standDown);
        return roster.crews();
    }

    private record Roster(Map<String, String> absent, Set<String> crews) {}

    /** Rings in the calls due, lets the people act on the room as it is, then waits for the next thing or a commit. */
    private void step(Shift shift, Desk desk) throws Desk.Unavailable, InterruptedException {
        Instant now = clock.instant(); // one moment per round: everything due by it is done in it
        shift.calls().ringDue(now, desk);
        lastCall = shift.calls().lastNumber();
        Set<String> crews = shift.staff().crewIds();
        Picture room = desk.look(q -> Picture.of(q, crews));
        int handedIn = shift.staff().act(room, now, () -> running);
        lastLook = now;
        if (handedIn > 0 || !running) {
            return; // the room has changed: look again before waiting
        }
        Instant wake = now.plus(LOOK_AT_LEAST_EVERY);
        for (Instant due : new Instant[] {shift.calls().nextDue(), shift.staff().nextDue(now)}) {
            if (due != null && due.isBefore(wake)) {
                wake = due;
            }
        }
        nudge.await(Duration.between(now, wake).toNanos());
    }
}
