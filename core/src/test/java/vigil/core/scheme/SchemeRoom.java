package vigil.core.scheme;

import static org.assertj.core.api.Assertions.fail;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.ContactPreference;
import vigil.core.Command.Explained;
import vigil.core.Command.SchemeDecision;
import vigil.core.Event;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Policy;
import vigil.core.Reason;
import vigil.core.Recorded;
import vigil.core.Role;
import vigil.core.Roster;
import vigil.core.engine.Engine;

/**
 * A control room for special-scheme stories: one member of staff for every role (two OICs and two crime managers,
 * of different BCUs), a clock that only runs forward, and every event kept. Given steps must be accepted; a when
 * step keeps what the engine answered, deadline events fired on the way included, for the then steps to read.
 */
final class SchemeRoom {
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    static final Actor OIC = new Actor("oic1", Role.OIC, "SE");
    static final Actor OIC_OF_NW = new Actor("oic2", Role.OIC, "NW");
    static final Actor RTRD = new Actor("rtrd1", Role.RTRD, null);
    /** Listed before the SE crime manager, so "the first crime manager on the roster" is the wrong one for SE. */
    static final Actor CRIME_MANAGER_OF_NW = new Actor("cmNW", Role.CRIME_MANAGER, "NW");
    static final Actor CRIME_MANAGER = new Actor("cmSE", Role.CRIME_MANAGER, "SE");
    static final Actor CALL_HANDLER = new Actor("ch1", Role.CALL_HANDLER, "SE");
    static final Actor DESPATCHER = new Actor("dsp1", Role.DESPATCHER, "SE");
    static final Actor CONTROLLER = new Actor("ctl1", Role.CONTROLLER, "SE");
    static final Actor INSPECTOR = new Actor("insp1", Role.INSPECTOR, "SE");
    static final Actor DUTY_OFFICER = new Actor("do1", Role.DUTY_OFFICER, null);
    static final Actor QA_REVIEWER = new Actor("qa1", Role.QA_REVIEWER, null);
    static final Actor ADMIN = new Actor("adm1", Role.ADMIN, null);
    static final Actor UNIT = Actor.unit("U1");

    static final List<Actor> EVERYONE = List.of(OIC, OIC_OF_NW, RTRD, CRIME_MANAGER_OF_NW, CRIME_MANAGER, CALL_HANDLER,
            DESPATCHER, CONTROLLER, INSPECTOR, DUTY_OFFICER, QA_REVIEWER, ADMIN, UNIT);

    static final Roster ROSTER = new Roster(
            EVERYONE.stream().filter(a -> a.role() != Role.UNIT)
                    .map(a -> new Roster.StaffMember(a.id(), a.role(), a.bcu())).toList(),
            List.of(new Roster.UnitSpec("U1", "MD21", new Location(51.498, -0.090))));

    private final Engine engine;
    private final List<Recorded> record = new ArrayList<>();
    private List<Recorded> latest = List.of();
    private Instant now;
    private long step;

    private SchemeRoom(Policy policy, Instant opening) {
        this.engine = Engine.start(policy, ROSTER, opening);
        this.now = opening;
    }

    static SchemeRoom openingAt(Instant opening) {
        return new SchemeRoom(Policy.metropolitan(), opening);
    }

    static SchemeRoom openingAt(Instant opening, Policy policy) {
        return new SchemeRoom(policy, opening);
    }

    /** A wall-clock time in London: {@code london("2025-01-06T10:00")}. */
    static Instant london(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(LONDON).toInstant();
    }

    static Instant utc(String instant) {
        return Instant.parse(instant);
    }

    Engine engine() {
        return engine;
    }

    // --- time ----------------------------------------------------------------------------------------------------

    /** Commands from now on happen at {@code instant}; nothing fires until a command or {@link #whenClockReaches}. */
    SchemeRoom at(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("the story runs forward: " + instant + " is before " + now);
        }
        now = instant;
        return this;
    }

    Instant now() {
        return now;
    }

    /** Time passes to {@code instant}: every deadline due up to and including it fires. */
    SchemeRoom whenClockReaches(Instant instant) {
        at(instant);
        latest = engine.advanceTo(instant);
        record.addAll(latest);
        return this;
    }

    // --- given / when --------------------------------------------------------------------------------------------

    /** Steps that set the scene: each must be accepted. */
    SchemeRoom given(Command... commands) {
        for (Command c : commands) {
            List<Recorded> out = submit(c);
            List<Recorded> refused = out.stream().filter(r -> r.event() instanceof Event.CommandRejected).toList();
            if (!refused.isEmpty()) {
                fail("given step " + c + " was refused:\n" + lines(refused));
            }
        }
        latest = List.of();
        return this;
    }

    /** A complete scheme requested and activated now. */
    SchemeRoom givenActive(Form form) {
        return given(form.requested(), activate(form.schemeId()));
    }

    SchemeRoom when(Command command) {
        latest = submit(command);
        return this;
    }

    private List<Recorded> submit(Command c) {
        List<Recorded> out = engine.submit(step++, c, now);
        record.addAll(out);
        return out;
    }

    // --- what happened -------------------------------------------------------------------------------------------

    /** What the last when step recorded (deadline events fired on the way included). */
    List<Recorded> latest() {
        return latest;
    }

    List<Recorded> record() {
        return List.copyOf(record);
    }

    /** The events of {@code type} the last when step recorded. */
    <E extends Event> List<E> latest(Class<E> type) {
        return only(type, latest);
    }

    /** The events of {@code type} in the whole record. */
    <E extends Event> List<E> recorded(Class<E> type) {
        return only(type, record);
    }

    static <E extends Event> List<E> only(Class<E> type, List<Recorded> records) {
        return records.stream().map(Recorded::event).filter(type::isInstance).map(type::cast).toList();
    }

    /** The reason the last command was refused; fails when it was not refused exactly once. */
    Reason refusal() {
        List<Event.CommandRejected> r = latest(Event.CommandRejected.class);
        if (r.size() != 1 || latest.stream().anyMatch(e -> e.by() != null && !(e.event() instanceof Event.CommandRejected))) {
            fail("expected one refusal and nothing else from the command, but the engine recorded:\n" + lines(latest));
        }
        return r.get(0).reason();
    }

    /** The last command was accepted. */
    SchemeRoom thenAccepted() {
        if (!latest(Event.CommandRejected.class).isEmpty()) {
            fail("expected the command to be accepted, but the engine recorded:\n" + lines(latest));
        }
        return this;
    }

    /** The instant the last event of {@code type} was recorded. */
    Instant lastAt(Class<? extends Event> type) {
        for (int k = record.size() - 1; k >= 0; k--) {
            if (type.isInstance(record.get(k).event())) {
                return record.get(k).at();
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the record:\n" + lines(record));
    }

    static String lines(List<Recorded> records) {
        if (records.isEmpty()) {
            return "  (nothing)";
        }
        return records.stream().map(r -> "  #" + r.seq() + " " + r.at() + " " + r.event()
                + (r.by() == null ? "" : " by " + r.by())).collect(Collectors.joining("\n"));
    }

    // --- commands, as the control room says them ----------------------------------------------------------------

    /** A complete Form 4564 for the SE BCU, owned by {@link #OIC}; change parts with the {@code with} methods. */
    static Form form(String schemeId) {
        return new Form(schemeId, "Flat 2, 10 Example Road, London SE1 1AA", List.of("07700 900123"), "A. Example",
                new ContactPreference("PHONE", null), OIC.id(), "SE", "5001234/25",
                "Immediate response. Risk of domestic abuse from former partner.", Grade.I);
    }

    record Form(String schemeId, String address, List<String> clis, String victimName,
                ContactPreference preferredContact, String oic, String bcu, String crimeRef, String instructions,
                Grade requiredGrade) {

        Form withAddress(String a) {
            return new Form(schemeId, a, clis, victimName, preferredContact, oic, bcu, crimeRef, instructions,
                    requiredGrade);
        }

        Form withClis(String... c) {
            return new Form(schemeId, address, Arrays.asList(c), victimName, preferredContact, oic, bcu, crimeRef,
                    instructions, requiredGrade);
        }

        Form withPreferredContact(ContactPreference p) {
            return new Form(schemeId, address, clis, victimName, p, oic, bcu, crimeRef, instructions, requiredGrade);
        }

        Form withOic(String o) {
            return new Form(schemeId, address, clis, victimName, preferredContact, o, bcu, crimeRef, instructions,
                    requiredGrade);
        }

        Form withBcu(String b) {
            return new Form(schemeId, address, clis, victimName, preferredContact, oic, b, crimeRef, instructions,
                    requiredGrade);
        }

        Form withCrimeRef(String r) {
            return new Form(schemeId, address, clis, victimName, preferredContact, oic, bcu, r, instructions,
                    requiredGrade);
        }

        Form withInstructions(String i) {
            return new Form(schemeId, address, clis, victimName, preferredContact, oic, bcu, crimeRef, i,
                    requiredGrade);
        }

        Form withRequiredGrade(Grade g) {
            return new Form(schemeId, address, clis, victimName, preferredContact, oic, bcu, crimeRef, instructions, g);
        }

        Command.RequestScheme requested() {
            return requestedBy(OIC);
        }

        Command.RequestScheme requestedBy(Actor by) {
            return new Command.RequestScheme(by, schemeId, address, clis, victimName, preferredContact, oic, bcu,
                    crimeRef, instructions, requiredGrade);
        }
    }

    static Command activate(String schemeId) {
        return new Command.ActivateScheme(RTRD, schemeId);
    }

    static Command reject(String schemeId) {
        return new Command.RejectScheme(RTRD, schemeId, "no risk assessment attached");
    }

    static Command contact(String schemeId, ContactOutcome outcome, Explained... explained) {
        return contact(OIC, schemeId, outcome, explained);
    }

    static Command contact(Actor by, String schemeId, ContactOutcome outcome, Explained... explained) {
        Set<Explained> what = explained.length == 0 ? EnumSet.noneOf(Explained.class) : EnumSet.copyOf(List.of(explained));
        return new Command.RecordVictimContact(by, schemeId, "PHONE", outcome, what, null);
    }

    /** The victim reached and told about the scheme and how long it lasts. */
    static Command victimToldOfScheme(String schemeId) {
        return contact(schemeId, ContactOutcome.CONTACTED, Explained.SCHEME, Explained.DURATION);
    }

    static Command extend(String schemeId, Actor by) {
        return new Command.ReviewScheme(by, schemeId, SchemeDecision.EXTEND, "risk remains");
    }

    static Command withdraw(String schemeId, Actor by) {
        return new Command.ReviewScheme(by, schemeId, SchemeDecision.WITHDRAW, "risk reassessed as standard");
    }

    static Command call(String callId, String cli, String address) {
        return new Command.RecordCall(CALL_HANDLER, callId, cli, address, null, Command.CallerKind.VICTIM, null);
    }

    static Command callFrom(String callId, String cli) {
        return call(callId, cli, null);
    }

    static Command callAbout(String callId, String address) {
        return call(callId, null, address);
    }

    static Command createIncident(String incidentId, String callId, Grade grade, boolean domestic) {
        return new Command.CreateIncident(CALL_HANDLER, incidentId, callId, grade, domestic ? "Domestic" : "Other",
                domestic, null);
    }

    static Command regrade(String incidentId, Grade grade) {
        return new Command.Regrade(CONTROLLER, incidentId, grade, "reassessed");
    }

    static Command link(String callId, String incidentId) {
        return new Command.LinkCall(CALL_HANDLER, callId, incidentId);
    }
}
