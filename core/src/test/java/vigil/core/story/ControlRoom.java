package vigil.core.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Event;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Policy;
import vigil.core.Reason;
import vigil.core.Recorded;
import vigil.core.Role;
import vigil.core.Roster;
import vigil.core.engine.Engine;
import vigil.core.engine.Queries;

/**
 * One control room for one story. Given steps set the scene and must be accepted; a when step records what the
 * engine answers (deadline events fired on the way included); then steps assert on that answer. The story clock
 * only moves forward: {@link #at} sets the instant of the next commands, {@link #whenClockReaches} fires deadlines.
 */
public final class ControlRoom {
    /** 23:00 BST on 31 May 2018, the night of the IOPC case. */
    public static final Instant SHIFT_START = Instant.parse("2018-05-31T22:00:00Z");
    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    public static final String U1 = "U1";
    public static final String U2 = "U2";
    public static final String U3 = "U3";
    public static final String CAD_1 = "CAD-1";
    public static final String CAD_2 = "CAD-2";
    public static final String CAD_3 = "CAD-3";

    public static final Actor CALL_HANDLER = new Actor("ch1", Role.CALL_HANDLER, "SE");
    public static final Actor DESPATCHER = new Actor("dsp1", Role.DESPATCHER, "SE");
    public static final Actor CONTROLLER = new Actor("ctl1", Role.CONTROLLER, "SE");
    public static final Actor INSPECTOR = new Actor("insp1", Role.INSPECTOR, "SE");
    public static final Actor DUTY_OFFICER = new Actor("do1", Role.DUTY_OFFICER, null);
    public static final Actor RTRD = new Actor("rtrd1", Role.RTRD, null);
    public static final Actor OIC = new Actor("oic1", Role.OIC, "SE");
    public static final Actor OIC_OF_NW = new Actor("oic2", Role.OIC, "NW");
    /** Listed before the SE crime manager, so "the first crime manager on the roster" is the wrong one for SE. */
    public static final Actor CRIME_MANAGER_OF_NW = new Actor("cmNW", Role.CRIME_MANAGER, "NW");
    public static final Actor CRIME_MANAGER = new Actor("cmSE", Role.CRIME_MANAGER, "SE");
    public static final Actor QA_REVIEWER = new Actor("qa1", Role.QA_REVIEWER, null);
    public static final Actor ADMIN = new Actor("adm1", Role.ADMIN, null);
    public static final Actor UNIT = Actor.unit(U1);

    /** Everyone who may give a command: the staff in roster order, then a unit. */
    public static final List<Actor> EVERYONE = List.of(CALL_HANDLER, DESPATCHER, CONTROLLER, INSPECTOR, DUTY_OFFICER,
            RTRD, OIC, OIC_OF_NW, CRIME_MANAGER_OF_NW, CRIME_MANAGER, QA_REVIEWER, ADMIN, UNIT);

    /**
     * The one roster of every story: a member of staff for every role in the SE BCU (or none), a second OIC and
     * crime manager of NW for the stories about BCUs, and three response cars.
     */
    public static final Roster ROSTER = new Roster(
            EVERYONE.stream().filter(a -> a.role() != Role.UNIT)
                    .map(a -> new Roster.StaffMember(a.id(), a.role(), a.bcu())).toList(),
            List.of(new Roster.UnitSpec(U1, "MD21", new Location(51.498, -0.090)),
                    new Roster.UnitSpec(U2, "MD22", new Location(51.487, -0.071)),
                    new Roster.UnitSpec(U3, "MD23", new Location(51.480, -0.100))));

    private Policy policy = Policy.metropolitan();
    private Instant opening = SHIFT_START;
    private Engine engine;
    private Instant now = SHIFT_START;
    private long nextStep;
    private final List<Recorded> history = new ArrayList<>();
    private List<Recorded> latest = List.of();
    private Act latestAct;

    private ControlRoom() {}

    public static ControlRoom controlRoom() {
        return new ControlRoom();
    }

    // --- staff -----------------------------------------------------------------------------------------------------

    /** The SE (or BCU-less) member of staff holding {@code role}, or the unit {@code U1} for {@link Role#UNIT}. */
    public static Actor staffWith(Role role) {
        return EVERYONE.stream().filter(a -> a.role() == role && (a.bcu() == null || a.bcu().equals("SE")))
                .findFirst().orElseThrow();
    }

    public static Actor callHandler() {
        return staffWith(Role.CALL_HANDLER);
    }

    public static Actor despatcher() {
        return staffWith(Role.DESPATCHER);
    }

    public static Actor controller() {
        return staffWith(Role.CONTROLLER);
    }

    public static Actor inspector() {
        return staffWith(Role.INSPECTOR);
    }

    public static Actor dutyOfficer() {
        return staffWith(Role.DUTY_OFFICER);
    }

    public static Actor qaReviewer() {
        return staffWith(Role.QA_REVIEWER);
    }

    public static Actor admin() {
        return staffWith(Role.ADMIN);
    }

    // --- time ------------------------------------------------------------------------------------------------------

    /** {@code minutes} after the shift starts. */
    public static Instant minute(long minutes) {
        return SHIFT_START.plus(Duration.ofMinutes(minutes));
    }

    public static Instant minute(long minutes, long seconds) {
        return minute(minutes).plusSeconds(seconds);
    }

    /** A wall-clock time in London, as a control room log would write it: {@code london("2018-05-31T23:58")}. */
    public static Instant london(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(LONDON).toInstant();
    }

    public static Instant utc(String instant) {
        return Instant.parse(instant);
    }

    // --- setting up ------------------------------------------------------------------------------------------------

    public ControlRoom withPolicy(Policy p) {
        if (engine != null) {
            throw new IllegalStateException("the policy is set before the room opens");
        }
        policy = p;
        return this;
    }

    public ControlRoom openingAt(Instant start) {
        if (engine != null) {
            throw new IllegalStateException("the room is already open");
        }
        opening = start;
        now = start;
        return this;
    }

    public Policy policy() {
        return policy;
    }

    public Instant opening() {
        return opening;
    }

    public Engine engine() {
        if (engine == null) {
            engine = Engine.start(policy, ROSTER, opening);
        }
        return engine;
    }

    public Queries queries() {
        return engine().queries();
    }

    /** Commands from now on happen at {@code instant}. */
    public ControlRoom at(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("the story runs forward: " + instant + " is before " + now);
        }
        now = instant;
        return this;
    }

    public Instant now() {
        return now;
    }

    // --- given -----------------------------------------------------------------------------------------------------

    /** Steps that set the scene: each must be accepted. */
    public ControlRoom given(Act... acts) {
        for (Act act : acts) {
            List<Recorded> out = submit(act);
            List<Recorded> refusals = out.stream().filter(r -> r.event() instanceof Event.CommandRejected).toList();
            if (!refusals.isEmpty()) {
                fail("given step " + act + " was refused:\n" + lines(refusals));
            }
        }
        latest = List.of();
        latestAct = null;
        return this;
    }

    /** Commands, each given by the actor it names, that set the scene: each must be accepted. */
    public ControlRoom given(Command... commands) {
        return given(Arrays.stream(commands).map(Act::of).toArray(Act[]::new));
    }

    /** A complete scheme requested and activated now. */
    public ControlRoom givenActive(SchemeActs.Form form) {
        return given(form.requested(), SchemeActs.activate(form.schemeId()));
    }

    /** An incident created now from a call of its own ({@code call-CAD-1}). */
    public GivenIncident givenIncident(String incidentId, Grade grade) {
        String callId = callFor(incidentId);
        given(Acts.recordCall(callId), Acts.createIncident(incidentId, callId, grade));
        return new GivenIncident(incidentId);
    }

    public static String callFor(String incidentId) {
        return "call-" + incidentId;
    }

    public final class GivenIncident {
        private final String incidentId;

        private GivenIncident(String incidentId) {
            this.incidentId = incidentId;
        }

        public GivenIncident assignedTo(String unitId) {
            given(Acts.assign(unitId).to(incidentId));
            return this;
        }

        public GivenIncident acknowledgedBy(String unitId) {
            given(Acts.unit(unitId).acknowledges(incidentId));
            return this;
        }

        public GivenIncident attendedBy(String unitId) {
            given(Acts.unit(unitId).arrivesAt(incidentId));
            return this;
        }

        public ControlRoom room() {
            return ControlRoom.this;
        }
    }

    // --- when ------------------------------------------------------------------------------------------------------

    public ControlRoom when(Act act) {
        latest = submit(act);
        latestAct = act;
        return this;
    }

    public ControlRoom when(Command command) {
        return when(Act.of(command));
    }

    /** Time passes to {@code instant}: every deadline due up to and including it fires. */
    public ControlRoom whenClockReaches(Instant instant) {
        at(instant);
        latest = engine().advanceTo(instant);
        history.addAll(latest);
        latestAct = null;
        return this;
    }

    public ControlRoom whenTimePasses(Duration d) {
        return whenClockReaches(now.plus(d));
    }

    private List<Recorded> submit(Act act) {
        List<Recorded> out = engine().submit(nextStep++, act.command(), now);
        history.addAll(out);
        return out;
    }

    // --- then ------------------------------------------------------------------------------------------------------

    /** What the last when step produced is exactly these events, in this order. */
    public ControlRoom thenEvents(Expected... expected) {
        boolean same = latest.size() == expected.length;
        for (int k = 0; same && k < expected.length; k++) {
            same = expected[k].matches(latest.get(k));
        }
        if (!same) {
            fail("expected exactly:\n" + expectedLines(expected) + "\nbut the engine recorded:\n" + lines(latest));
        }
        return this;
    }

    /**
     * The last command's own events are exactly these, in this order. Deadline events that fell due before the
     * command (and so were recorded first) are left out: they are not the command's doing.
     */
    public ControlRoom thenCommandEvents(Expected... expected) {
        List<Recorded> own = latest.stream().filter(r -> r.by() != null).toList();
        boolean same = own.size() == expected.length;
        for (int k = 0; same && k < expected.length; k++) {
            same = expected[k].matches(own.get(k));
        }
        if (!same) {
            fail("expected the command to record exactly:\n" + expectedLines(expected) + "\nbut the engine recorded:\n"
                    + lines(latest));
        }
        return this;
    }

    /** What the last when step produced includes these events, in this order (others may come between). */
    public ControlRoom thenEventsInclude(Expected... expected) {
        assertSubsequence(latest, expected, "the last step");
        return this;
    }

    /** The whole record so far includes these events in this order. */
    public ControlRoom thenHistoryIncludes(Expected... expected) {
        assertSubsequence(history, expected, "the record");
        return this;
    }

    /** Nothing matching {@code unwanted} in the whole record so far. */
    public ControlRoom thenHistoryHasNo(Expected unwanted) {
        List<Recorded> found = history.stream().filter(unwanted::matches).toList();
        if (!found.isEmpty()) {
            fail("expected no " + unwanted + " but the record has:\n" + lines(found));
        }
        return this;
    }

    public ControlRoom thenNothingHappens() {
        if (!latest.isEmpty()) {
            fail("expected nothing but the engine recorded:\n" + lines(latest));
        }
        return this;
    }

    /** The last command was refused for {@code reason}: one CommandRejected naming it and its step, nothing else. */
    public ControlRoom thenRejected(Reason reason) {
        if (latestAct == null) {
            throw new IllegalStateException("thenRejected follows a when step with a command");
        }
        List<Recorded> own = latest.stream().filter(r -> r.by() != null).toList();
        if (own.size() != 1 || !(own.get(0).event() instanceof Event.CommandRejected rejected)) {
            fail("expected " + latestAct.name() + " to be refused with " + reason + " but the engine recorded:\n"
                    + lines(latest));
            return this;
        }
        assertThat(rejected.reason()).as("reason for refusing %s:\n%s", latestAct.name(), lines(latest))
                .isEqualTo(reason);
        assertThat(rejected.command()).isEqualTo(latestAct.name());
        assertThat(rejected.step()).as("the refusal names the step").isEqualTo(nextStep - 1);
        return this;
    }

    /** The last command was accepted: no CommandRejected among its events. */
    public ControlRoom thenAccepted() {
        if (latest.stream().anyMatch(r -> r.event() instanceof Event.CommandRejected)) {
            fail("expected " + latestAct + " to be accepted but the engine recorded:\n" + lines(latest));
        }
        return this;
    }

    public List<Recorded> latest() {
        return latest;
    }

    public List<Recorded> history() {
        return List.copyOf(history);
    }

    /** The events of {@code type} the last when step recorded (deadline events fired on the way included). */
    public <E extends Event> List<E> latest(Class<E> type) {
        return only(type, latest);
    }

    /** The events of {@code type} in the whole record. */
    public <E extends Event> List<E> recorded(Class<E> type) {
        return only(type, history);
    }

    /** The instant the last event of {@code type} was recorded. */
    public Instant lastAt(Class<? extends Event> type) {
        for (int k = history.size() - 1; k >= 0; k--) {
            if (type.isInstance(history.get(k).event())) {
                return history.get(k).at();
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the record:\n" + lines(history));
    }

    private static <E extends Event> List<E> only(Class<E> type, List<Recorded> records) {
        return records.stream().map(Recorded::event).filter(type::isInstance).map(type::cast).toList();
    }

    public Queries.IncidentView incident(String incidentId) {
        return queries().incident(incidentId).orElseThrow(() -> new AssertionError("no incident " + incidentId));
    }

    public Queries.UnitView unitView(String unitId) {
        return queries().unit(unitId).orElseThrow(() -> new AssertionError("no unit " + unitId));
    }

    private static void assertSubsequence(List<Recorded> actual, Expected[] expected, String where) {
        int k = 0;
        for (Recorded r : actual) {
            if (k < expected.length && expected[k].matches(r)) {
                k++;
            }
        }
        if (k < expected.length) {
            fail("expected " + where + " to include, in order:\n" + expectedLines(expected) + "\nmissing from "
                    + expected[k] + "; " + where + " is:\n" + lines(actual));
        }
    }

    static String lines(List<Recorded> records) {
        if (records.isEmpty()) {
            return "  (nothing)";
        }
        return records.stream().map(r -> "  " + Expected.describe(r)).collect(Collectors.joining("\n"));
    }

    private static String expectedLines(Expected[] expected) {
        if (expected.length == 0) {
            return "  (nothing)";
        }
        return Arrays.stream(expected).map(e -> "  " + e).collect(Collectors.joining("\n"));
    }
}
