package vigil.server.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Grade;
import vigil.core.Role;
import vigil.sim.despatch.SimulatedDespatcher;
import vigil.sim.generate.CallGenerator;
import vigil.sim.generate.SyntheticCall;

/**
 * The shift's calls and its call handler: the simulator's call generator, on the shift's clock. Each call is recorded
 * ({@code DEMO-CALL-n}, its place, a line saying it is synthetic) and its incident created at once ({@code DEMO-n}, the
 * call's grade, a type fitting it, the call's zone as its BCU); an R call is closed as referred at once, as the
 * simulator does. A new shift's first call rings as the shift opens. The generator is seeded, so after a restart the
 * same calls come again: the shift skips those the log already holds and carries on from the next, which arrives as
 * long after the restart as it would have after the last (docs/adr/103). It also remembers each open call of the shift, for how long its crew will stay.
 */
final class CallHandler {
    static final String CALL_PREFIX = "DEMO-CALL-";
    static final String INCIDENT_PREFIX = "DEMO-";
    static final String NARRATIVE = "Synthetic call from the demo shift (./vigil serve --demo)";

    private static final Map<Grade, List<String>> TYPES = Map.of(
            Grade.I, List.of("Assault in progress", "Burglary in progress", "Road traffic collision, injuries",
                    "Concern for welfare, immediate risk", "Robbery just occurred"),
            Grade.S, List.of("Domestic incident", "Shoplifter detained", "Suspicious persons",
                    "Theft from vehicle, suspect nearby", "Missing person, vulnerable"),
            Grade.E, List.of("Criminal damage, no suspect", "Noise nuisance", "Abandoned vehicle", "Found property",
                    "Anti-social behaviour"),
            Grade.R, List.of("Lost property enquiry", "Civil dispute, advice", "Fraud reported after the event"));
    private static final String DOMESTIC = "Domestic incident";

    private final Actor callHandler = Actor.staff(SimulatedDespatcher.CALL_HANDLER, Role.CALL_HANDLER);
    private final Actor despatcher = Actor.staff(SimulatedDespatcher.DESPATCHER, Role.DESPATCHER);
    private final CallGenerator generator;
    private final Speed speed;
    /** The shift's open calls by incident id: how long their crews will stay. Bounded by the open incidents. */
    private final Map<String, SyntheticCall> open = new HashMap<>();
    private SyntheticCall next;
    /** The moment on the wall clock that the shift's time {@code originNanos} (after the model's start) fell on. */
    private final Instant wallOrigin;
    private final long originNanos;
    /** The last call rung in (before a restart too), or null. */
    private SyntheticCall last;

    private CallHandler(CallGenerator generator, Speed speed, Instant wallOrigin, SyntheticCall last) {
        this.generator = generator;
        this.speed = speed;
        this.wallOrigin = wallOrigin;
        this.last = last;
        this.next = generator.next();
        // A new shift's first call rings as it opens, not after the model's wait for it (minutes at speed 1): whoever
        // starts the demo sees the room at work at once. The calls after it keep the model's spacing.
        this.originNanos = last != null ? last.offsetNanos() : next != null ? next.offsetNanos() : 0;
    }

    /**
     * The shift from where the log leaves it: calls up to {@code lastRecorded} were rung in before (the generator runs
     * past them); those whose incidents are still {@code openIncidents} are remembered. {@code now} is when the next
     * call's wait begins.
     */
    static CallHandler resume(CallGenerator generator, Speed speed, Instant now, long lastRecorded,
                              Set<String> openIncidents) {
        Map<String, SyntheticCall> stillOpen = new HashMap<>();
        SyntheticCall last = null;
        for (long n = 1; n <= lastRecorded; n++) {
            SyntheticCall c = generator.next();
            if (c == null) {
                break;
            }
            last = c;
            if (openIncidents.contains(incidentId(c.number()))) {
                stillOpen.put(incidentId(c.number()), c);
            }
        }
        CallHandler h = new CallHandler(generator, speed, now, last);
        h.open.putAll(stillOpen);
        return h;
    }

    /**
     * Finishes what a stop between one call's commands left undone: the last call recorded without its incident
     * ({@code lastHasIncident} false: the log says), and R incidents of the shift still open.
     */
    void finishInterrupted(boolean lastHasIncident, Desk desk) {
        List<Command> commands = new ArrayList<>();
        if (last != null && !lastHasIncident) {
            commands.add(create(last));
            open.put(incidentId(last.number()), last);
        }
        for (SyntheticCall c : open.values()) {
            if (c.grade() == Grade.R) {
                commands.add(new Command.CloseIncident(despatcher, incidentId(c.number()), "REFERRED"));
            }
        }
        open.values().removeIf(c -> c.grade() == Grade.R);
        desk.submitAll(commands);
    }

    /**
     * The highest n for which {@code recorded} says the log holds {@code DEMO-CALL-n}, or 0: calls are rung in in
     * order, so a doubling search then a halving one finds it in a few dozen indexed look-ups however long the shift.
     */
    static long lastRecorded(LongPredicate recorded) {
        if (!recorded.test(1)) {
            return 0;
        }
        long lo = 1;
        long hi = 2;
        while (recorded.test(hi)) {
            lo = hi;
            hi *= 2;
        }
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            if (recorded.test(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static String callId(long number) {
        return CALL_PREFIX + number;
    }

    static String incidentId(long number) {
        return INCIDENT_PREFIX + number;
    }

    /** The number of the last call rung in, 0 before the first. */
    long lastNumber() {
        return last == null ? 0 : last.number();
    }

    /** When the next call rings, or null when the model makes none. */
    Instant nextDue() {
        return next == null ? null : due(next);
    }

    /** Rings in every call due by {@code now}; returns how many. */
    int ringDue(Instant now, Desk desk) {
        int rung = 0;
        while (next != null && !due(next).isAfter(now)) {
            ring(next, desk);
            last = next;
            next = generator.next();
            rung++;
        }
        return rung;
    }

    /** The shift's call behind {@code incidentId}, while it is open. */
    Optional<SyntheticCall> call(String incidentId) {
        return Optional.ofNullable(open.get(incidentId));
    }

    /** Forgets the calls whose incidents are no longer open. */
    void keepOnly(Set<String> openIncidents) {
        open.keySet().retainAll(openIncidents);
    }

    /** Records the call and creates its incident (closed as referred at once when R). */
    private void ring(SyntheticCall call, Desk desk) {
        String incidentId = incidentId(call.number());
        List<Command> commands = new ArrayList<>(3);
        commands.add(new Command.RecordCall(callHandler, callId(call.number()), null, null, call.location(), null,
                NARRATIVE));
        commands.add(create(call));
        if (call.grade() == Grade.R) {
            commands.add(new Command.CloseIncident(despatcher, incidentId, "REFERRED"));
        } else {
            open.put(incidentId, call);
        }
        desk.submitAll(commands);
    }

    private Command create(SyntheticCall call) {
        List<String> types = TYPES.get(call.grade());
        String type = types.get((int) ((call.number() - 1) % types.size()));
        return new Command.CreateIncident(callHandler, incidentId(call.number()), callId(call.number()), call.grade(),
                type, type.equals(DOMESTIC) ? Boolean.TRUE : null, call.zoneId());
    }

    private Instant due(SyntheticCall call) {
        return wallOrigin.plus(speed.onTheWall(Duration.ofNanos(call.offsetNanos() - originNanos)));
    }
}
