package vigil.sim.scenario;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Command.*;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Policy;
import vigil.core.Role;
import vigil.core.Roster;
import vigil.sim.json.Fields;
import vigil.sim.json.InvalidInput;
import vigil.sim.json.JsonStream;

/**
 * Reads and checks a scenario file (contracts/scenario.md). Everything wrong with the file is an {@link InvalidInput}
 * naming the step index and field; what is wrong only in the domain (an unknown incident, a role not permitted) is
 * left for the engine to refuse.
 */
public final class ScenarioReader {
    private ScenarioReader() {}

    /**
     * Reads and checks the whole file before anything runs, so a bad file yields its one line and nothing else. The
     * file is streamed: its steps are read one at a time, never held as one JSON tree.
     */
    public static Scenario read(Path file) {
        try {
            return read(JsonStream.Source.of(file));
        } catch (InvalidInput e) {
            throw e.in(file);
        }
    }

    public static Scenario parse(String text) {
        return read(JsonStream.Source.of(text));
    }

    private static Scenario read(JsonStream.Source source) {
        JsonStream.Header header = JsonStream.header(source, "scenario", "steps");
        Fields f = new Fields(header.members(), "scenario");
        String name = f.optionalText("name");
        Instant start = f.instant("start");
        Instant until = f.instant("until");
        if (until.isBefore(start)) {
            throw f.invalid("until", "is before \"start\"");
        }
        Policy policy = PolicyReader.read(f.optionalObject("policy"));

        Map<String, Actor> actors = new HashMap<>();
        List<Roster.StaffMember> staff = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        List<JsonNode> staffNodes = f.has("staff") ? f.array("staff", true) : List.of();
        for (int i = 0; i < staffNodes.size(); i++) {
            Fields s = new Fields(staffNodes.get(i), "staff[" + i + "]");
            String id = s.text("id");
            Role role = staffRole(s);
            if (!ids.add(id)) {
                throw s.invalid("id", "\"" + id + "\" is used twice");
            }
            Roster.StaffMember m = new Roster.StaffMember(id, role, s.optionalText("bcu"));
            s.refuseMisspelt("a member of staff");
            staff.add(m);
            actors.put(id, m.actor());
        }
        List<Roster.UnitSpec> units = new ArrayList<>();
        List<JsonNode> unitNodes = f.has("units") ? f.array("units", true) : List.of();
        for (int i = 0; i < unitNodes.size(); i++) {
            Fields u = new Fields(unitNodes.get(i), "units[" + i + "]");
            String id = u.text("id");
            if (!ids.add(id)) {
                throw u.invalid("id", "\"" + id + "\" is used twice");
            }
            units.add(new Roster.UnitSpec(id, u.optionalText("callSign"), u.optionalText("bcu"), location(u)));
            u.refuseMisspelt("a unit");
            actors.put(id, Actor.unit(id));
        }
        if (!header.hasArray()) {
            f.array("steps", true); // says what is wrong: missing, or not an array
        }
        // A misspelt field must not pass silently here either: "polcy" would run the file under the default policy.
        f.refuseMisspelt("the scenario", "steps");

        Steps steps = new Steps(start, until, actors);
        JsonStream.forEachElement(source, "steps", steps::read);
        return new Scenario(name, start, until, policy, new Roster(staff, units), steps.read);
    }

    /** The steps read so far, checked in order: time order, and who may appear in {@code by} by then. */
    private static final class Steps {
        final Instant start;
        final Instant until;
        final Map<String, Actor> actors;
        final List<Scenario.Step> read = new ArrayList<>();
        Instant last;

        Steps(Instant start, Instant until, Map<String, Actor> actors) {
            this.start = start;
            this.until = until;
            this.actors = actors;
            this.last = start;
        }

        void read(JsonNode n) {
            int i = read.size();
            String what = new Fields(n, "step " + i).text("do");
            Fields s = new Fields(n, "step " + i + " (" + what + ")");
            s.text("do");
            Instant at = s.instant("at");
            if (at.isBefore(last)) {
                throw s.invalid("at", last.equals(start) && i == 0 ? "is before the scenario's start"
                        : "is before the previous step's (steps must be in time order)");
            }
            if (at.isAfter(until)) {
                throw s.invalid("at", "is after the scenario's until");
            }
            last = at;
            String byId = s.text("by");
            Actor by = actors.get(byId);
            if (by == null) {
                throw s.invalid("by", "is \"" + byId + "\", not a staff id or unit id of this scenario");
            }
            Command c = command(what, s, by);
            s.refuseUnasked(what);
            // Who the administrator puts on the roster may give later steps; the engine decides whether they may.
            switch (c) {
                case AddStaff a -> actors.putIfAbsent(a.staffId(), new Actor(a.staffId(), a.role(), a.bcu()));
                case AddUnit a -> actors.putIfAbsent(a.unitId(), Actor.unit(a.unitId()));
                default -> { }
            }
            read.add(new Scenario.Step(i, at, c));
        }
    }

    /**
     * One command given through the API: a scenario step without {@code at} and {@code by}, acting as {@code by}.
     * {@code where} names the input in messages ({@code "command"}). A field the command does not have is refused.
     */
    public static Command command(JsonNode body, Actor by, String where) {
        String what = new Fields(body, where).text("do");
        Fields s = new Fields(body, where + " (" + what + ")");
        s.text("do");
        Command c = command(what, s, by);
        s.refuseUnasked(what);
        return c;
    }

    private static Role staffRole(Fields s) {
        String r = s.text("role");
        for (Role role : Role.values()) {
            if (role != Role.UNIT && role.name().equals(r)) {
                return role;
            }
        }
        throw s.invalid("role", "is \"" + r + "\", not one of " + java.util.Arrays.stream(Role.values())
                .filter(x -> x != Role.UNIT).map(Enum::name).collect(java.util.stream.Collectors.joining(", ")));
    }

    /** A non-empty array of staff roles (not UNIT), each once. */
    private static List<Role> staffRoles(Fields s, String name) {
        List<String> names = s.optionalTextArray(name);
        if (names == null) {
            throw s.invalid(name, "is missing (name the roles it is for, e.g. [\"DESPATCHER\"])");
        }
        if (names.isEmpty()) {
            throw s.invalid(name, "must name at least one role");
        }
        Set<Role> out = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            Role r = null;
            for (Role role : Role.values()) {
                if (role != Role.UNIT && role.name().equals(names.get(i))) {
                    r = role;
                }
            }
            if (r == null || !out.add(r)) {
                throw s.invalid(name + "[" + i + "]", r == null ? "is \"" + names.get(i) + "\", not a role of staff"
                        : "is \"" + names.get(i) + "\" again");
            }
        }
        return List.copyOf(out);
    }

    private static Location location(Fields f) {
        Fields l = f.optionalObject("location");
        return l == null ? null : place(l);
    }

    private static Location place(Fields l) {
        double lat = l.number("lat");
        double lon = l.number("lon");
        if (lat < -90 || lat > 90) {
            throw l.invalid("lat", "must be between -90 and 90");
        }
        if (lon < -180 || lon > 180) {
            throw l.invalid("lon", "must be between -180 and 180");
        }
        return new Location(lat, lon);
    }

    /** The step's fields read in the contract's order (unitId first), so a step missing both names unitId. */
    private static Command divertUnit(Fields s, Actor by) {
        String unitId = s.text("unitId");
        return new DivertUnit(by, s.text("toIncidentId"), unitId, s.freeText("reason"));
    }

    private static Command command(String what, Fields s, Actor by) {
        return switch (what) {
            case "RecordCall" -> new RecordCall(by, s.text("callId"), s.optionalText("cli"), s.optionalText("address"),
                    location(s), s.optionalEnum("caller", CallerKind.class), s.optionalText("narrative"));
            case "CreateIncident" -> new CreateIncident(by, s.text("incidentId"), s.text("callId"),
                    s.enumeration("grade", Grade.class), s.optionalText("type"), s.optionalBoolean("domestic"),
                    s.optionalText("bcu"));
            case "LinkCall" -> new LinkCall(by, s.text("callId"), s.text("incidentId"));
            case "Regrade" -> new Regrade(by, s.text("incidentId"), s.enumeration("grade", Grade.class),
                    s.freeText("reason"));
            case "AssignUnit" -> new AssignUnit(by, s.text("incidentId"), s.text("unitId"));
            case "DivertUnit" -> divertUnit(s, by);
            case "AcknowledgeAssignment" -> new AcknowledgeAssignment(by, s.text("incidentId"), s.text("unitId"));
            case "ArriveAtScene" -> new ArriveAtScene(by, s.text("incidentId"), s.text("unitId"));
            case "ClearUnit" -> new ClearUnit(by, s.text("incidentId"), s.text("unitId"));
            case "CloseIncident" -> new CloseIncident(by, s.text("incidentId"), s.freeText("disposition"));
            case "SetUnitStatus" -> new SetUnitStatus(by, s.text("unitId"), s.enumeration("status", UnitStatus.class));
            case "ReviewDivert" -> new ReviewDivert(by, s.text("incidentId"),
                    s.enumeration("decision", DivertDecision.class), s.freeText("note"), s.optionalText("unitId"));
            case "ChallengeOverride" -> new ChallengeOverride(by, s.text("incidentId"), s.freeText("note"),
                    s.optionalText("unitId"));
            case "ResolveChallenge" -> new ResolveChallenge(by, s.text("incidentId"),
                    s.enumeration("decision", ChallengeDecision.class), s.freeText("note"), s.optionalText("unitId"));
            case "TaskReallocation" -> new TaskReallocation(by, s.text("incidentId"), s.freeText("note"));
            case "RecordDivertAudit" -> new RecordDivertAudit(by, s.text("incidentId"),
                    s.enumeration("outcome", AuditOutcome.class), s.freeText("note"));
            case "RequestScheme" -> requestScheme(s, by);
            case "ActivateScheme" -> new ActivateScheme(by, s.text("schemeId"));
            case "RejectScheme" -> new RejectScheme(by, s.text("schemeId"), s.freeText("reason"));
            case "RecordVictimContact" -> new RecordVictimContact(by, s.text("schemeId"), s.text("method"),
                    s.enumeration("outcome", ContactOutcome.class), explained(s), s.optionalText("note"));
            case "ReviewScheme" -> new ReviewScheme(by, s.text("schemeId"),
                    s.enumeration("decision", SchemeDecision.class), s.freeText("note"));
            case "RequestUrgentReview" -> new RequestUrgentReview(by, s.text("incidentId"), s.freeText("note"));
            case "AddStaff" -> new AddStaff(by, s.text("staffId"), staffRole(s), s.optionalText("bcu"));
            case "RemoveStaff" -> new RemoveStaff(by, s.text("staffId"));
            case "AddUnit" -> new AddUnit(by, s.text("unitId"), s.text("callSign"), s.optionalText("bcu"),
                    location(s));
            case "RetireUnit" -> new RetireUnit(by, s.text("unitId"));
            case "ReportUnitLocation" -> new ReportUnitLocation(by, s.text("unitId"), place(s.object("location")));
            case "PublishGuidance" -> new PublishGuidance(by, s.text("guidanceId"), s.text("title"), s.text("text"),
                    staffRoles(s, "roles"));
            case "ConfirmGuidance" -> new ConfirmGuidance(by, s.text("guidanceId"));
            default -> throw s.invalid("do", "is \"" + what + "\", not a command this contract knows");
        };
    }

    private static Command requestScheme(Fields s, Actor by) {
        Fields pc = s.optionalObject("preferredContact");
        // A form without a contact method is incomplete, not malformed: the RTRD refuses it at activation.
        String method = pc == null ? null : pc.optionalText("method");
        String detail = pc == null ? null : pc.optionalText("detail");
        ContactPreference pref = method == null ? null : new ContactPreference(method, detail);
        return new RequestScheme(by, s.text("schemeId"), s.optionalText("address"), s.optionalTextArray("clis"),
                s.optionalText("victimName"), pref, s.optionalText("oic"), s.optionalText("bcu"),
                s.optionalText("crimeRef"), s.optionalText("instructions"), s.optionalEnum("requiredGrade", Grade.class));
    }

    private static Set<Explained> explained(Fields s) {
        if (!s.has("explained")) {
            throw s.invalid("explained", "is missing (give [] when nothing was explained)");
        }
        List<String> names = s.optionalTextArray("explained");
        Set<Explained> out = new LinkedHashSet<>();
        if (names != null) {
            for (int i = 0; i < names.size(); i++) {
                try {
                    out.add(Explained.valueOf(names.get(i)));
                } catch (IllegalArgumentException e) {
                    throw s.invalid("explained[" + i + "]", "is \"" + names.get(i)
                            + "\", not one of SCHEME, DURATION, WITHDRAWAL, EXTENSION");
                }
            }
        }
        return out;
    }


}
