package vigil.server.apidocs;

import java.util.Arrays;
import java.util.List;
import vigil.core.Command;
import vigil.core.Grade;
import vigil.core.Role;

/**
 * The command vocabulary of contracts/scenario.md as the API takes it: a step without {@code at} and {@code by}. The
 * description of {@code POST /api/commands} is made from this list; a test sends every command as described (all its
 * fields given) and checks the server reads it, and checks no command of the engine is missing here.
 */
final class CommandCatalog {
    private CommandCatalog() {}

    /**
     * A field's kind: what its schema says. ENUM_ARRAY: the values in any number, a repeat taken once; ENUM_SET: at
     * least one, each once (else 400).
     */
    enum Kind { ID, TEXT, FREE_TEXT, BOOLEAN, LOCATION, TEXT_ARRAY, ENUM, ENUM_ARRAY, ENUM_SET, CONTACT }

    record Field(String name, Kind kind, boolean required, List<String> values, String about) {}

    record Entry(String name, String roles, String about, List<Field> fields) {}

    static Field id(String name, String about) {
        return new Field(name, Kind.ID, true, List.of(), about);
    }

    static Field text(String name, String about) {
        return new Field(name, Kind.TEXT, false, List.of(), about);
    }

    /** Required but may be empty (a reason, a note). */
    static Field note(String name, String about) {
        return new Field(name, Kind.FREE_TEXT, true, List.of(), about);
    }

    static Field oneOf(String name, boolean required, Class<? extends Enum<?>> type, String about) {
        return new Field(name, Kind.ENUM, required, names(type), about);
    }

    static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    static Entry command(String name, String roles, String about, Field... fields) {
        return new Entry(name, roles, about, List.of(fields));
    }

    private static final Field LOCATION = new Field("location", Kind.LOCATION, false, List.of(),
            "where: {lat, lon} in degrees (WGS 84)");

    static final List<Entry> COMMANDS = List.of(
            command("RecordCall", "CALL_HANDLER", "Record a 999/101 call; matches it against active schemes and"
                            + " earlier calls.",
                    id("callId", "the call's id (new)"), text("cli", "the caller's number (compared in E.164 form)"),
                    text("address", "where the caller is"), LOCATION,
                    oneOf("caller", false, Command.CallerKind.class, "who is calling"),
                    text("narrative", "what the caller says")),
            command("CreateIncident", "CALL_HANDLER", "Make a call an incident with a grade; its countdown starts.",
                    id("incidentId", "the incident's id (new)"), id("callId", "the call it comes from"),
                    oneOf("grade", true, Grade.class, "I, S, E or R (R: no attendance target)"),
                    text("type", "the incident's type"),
                    new Field("domestic", Kind.BOOLEAN, false, List.of(), "a domestic incident"),
                    text("bcu", "the incident's BCU")),
            command("LinkCall", "CALL_HANDLER", "Link another call to an incident.",
                    id("callId", "the call"), id("incidentId", "the incident")),
            command("Regrade", "CALL_HANDLER, CONTROLLER", "Change an incident's grade; its target is recomputed from"
                            + " its creation.",
                    id("incidentId", "the incident"), oneOf("grade", true, Grade.class, "the new grade"),
                    note("reason", "why")),
            command("AssignUnit", "DESPATCHER, CONTROLLER, INSPECTOR", "Commit an available unit to an incident"
                            + " (a committed unit is refused UNIT_COMMITTED).",
                    id("incidentId", "the incident"), id("unitId", "the unit")),
            command("DivertUnit", "DESPATCHER, CONTROLLER, INSPECTOR", "Re-assign a committed unit to another"
                            + " incident: the original is tagged DIVERT and a controller must review it.",
                    id("unitId", "the unit"), id("toIncidentId", "where it goes"), note("reason", "why")),
            command("AcknowledgeAssignment", "the unit (UNIT), or a DESPATCHER relaying it by radio",
                    "The unit acknowledges its assignment.",
                    id("incidentId", "the incident"), id("unitId", "the unit")),
            command("ArriveAtScene", "the unit (UNIT), or a DESPATCHER relaying it by radio",
                    "The unit is at the scene.",
                    id("incidentId", "the incident"), id("unitId", "the unit")),
            command("ClearUnit", "the unit (UNIT), or a DESPATCHER, CONTROLLER or INSPECTOR", "The unit leaves the incident.",
                    id("incidentId", "the incident"), id("unitId", "the unit")),
            command("CloseIncident", "DESPATCHER, CONTROLLER, INSPECTOR", "Close an incident; clears its units.",
                    id("incidentId", "the incident"), note("disposition", "how it ended")),
            command("SetUnitStatus", "DESPATCHER, CONTROLLER, INSPECTOR", "Make a unit available or unavailable (not"
                            + " a committed one).",
                    id("unitId", "the unit"), oneOf("status", true, Command.UnitStatus.class, "the new status")),
            command("ReviewDivert", "CONTROLLER", "Approve or override a divert; incidentId is the original incident.",
                    id("incidentId", "the original incident"),
                    oneOf("decision", true, Command.DivertDecision.class, "the decision"), note("note", "why"),
                    text("unitId", "which divert, when the incident has more than one unreviewed")),
            command("ChallengeOverride", "DESPATCHER", "Challenge a controller's override to the duty officer.",
                    id("incidentId", "the original incident"), note("note", "why"),
                    text("unitId", "which override")),
            command("ResolveChallenge", "DUTY_OFFICER", "Resolve a challenged override.",
                    id("incidentId", "the original incident"),
                    oneOf("decision", true, Command.ChallengeDecision.class, "the decision"), note("note", "why"),
                    text("unitId", "which challenge")),
            command("TaskReallocation", "INSPECTOR", "Task another unit to an incident that lost its unit.",
                    id("incidentId", "the incident"), note("note", "what was tasked")),
            command("RecordDivertAudit", "QA_REVIEWER", "Record QA's audit of an incident's DIVERT tag.",
                    id("incidentId", "the incident"),
                    oneOf("outcome", true, Command.AuditOutcome.class, "the outcome"), note("note", "findings")),
            command("RequestUrgentReview", "INSPECTOR, DUTY_OFFICER", "Ask QART to review this divert first.",
                    id("incidentId", "the incident (it must carry a DIVERT tag)"), note("note", "why")),
            command("RequestScheme", "OIC", "Submit a special scheme request (Form 4564). Only schemeId is required"
                            + " here; an incomplete form is refused by the RTRD at activation (INCOMPLETE_REQUEST).",
                    id("schemeId", "the scheme's id (new)"), text("address", "the victim's address"),
                    new Field("clis", Kind.TEXT_ARRAY, false, List.of(), "the victim's numbers"),
                    text("victimName", "the victim's name (shown only to RTRD, OIC and CRIME_MANAGER)"),
                    new Field("preferredContact", Kind.CONTACT, false, List.of(),
                            "how to reach the victim: {method, detail?} (shown only to RTRD, OIC and CRIME_MANAGER)"),
                    text("oic", "the officer in charge"), text("bcu", "the scheme's BCU"),
                    text("crimeRef", "the CRIS reference"), text("instructions", "what a call handler must do"),
                    oneOf("requiredGrade", false, Grade.class, "the grade a matching call must get at least")),
            command("ActivateScheme", "RTRD", "Activate a complete scheme request.", id("schemeId", "the scheme")),
            command("RejectScheme", "RTRD", "Reject a scheme request.", id("schemeId", "the scheme"),
                    note("reason", "why")),
            command("RecordVictimContact", "OIC", "Record an attempt to contact the victim.",
                    id("schemeId", "the scheme"), id("method", "how (phone, visit, ...)"),
                    oneOf("outcome", true, Command.ContactOutcome.class, "what happened"),
                    new Field("explained", Kind.ENUM_ARRAY, true, names(Command.Explained.class),
                            "what was explained ([] when nothing)"),
                    text("note", "notes")),
            command("ReviewScheme", "OIC, CRIME_MANAGER", "Extend or withdraw a scheme (a contact attempt since the"
                            + " first-stage review is required).",
                    id("schemeId", "the scheme"),
                    oneOf("decision", true, Command.SchemeDecision.class, "the decision"), note("note", "why")),
            command("AddStaff", "ADMIN", "Put a member of staff on the roster (ids are never reused).",
                    id("staffId", "their id (new)"),
                    new Field("role", Kind.ENUM, true, Arrays.stream(Role.values()).filter(r -> r != Role.UNIT)
                            .map(Enum::name).toList(), "their one role"),
                    text("bcu", "their BCU")),
            command("RemoveStaff", "ADMIN", "Take a member of staff off the roster.", id("staffId", "who")),
            command("AddUnit", "ADMIN", "Add a unit to the roster (AVAILABLE).", id("unitId", "its id (new)"),
                    id("callSign", "its call sign"), text("bcu", "its BCU"), LOCATION),
            command("RetireUnit", "ADMIN", "Retire a unit (not a committed one).", id("unitId", "the unit")),
            command("ReportUnitLocation", "the unit (UNIT, its AVL), or a DESPATCHER relaying it by radio",
                    "Where the unit is now.", id("unitId", "the unit"),
                    new Field("location", Kind.LOCATION, true, List.of(), "where: {lat, lon} in degrees (WGS 84)")),
            command("PublishGuidance", "ADMIN, DUTY_OFFICER", "Vigil's addition: publish guidance to be read and"
                            + " understood by everyone holding one of its roles; the unconfirmed are reminded daily.",
                    id("guidanceId", "its id (new)"), id("title", "its title"), id("text", "what it says"),
                    new Field("roles", Kind.ENUM_SET, true, Arrays.stream(Role.values()).filter(r -> r != Role.UNIT)
                            .map(Enum::name).toList(), "the roles it is for (at least one)")),
            command("ConfirmGuidance", "anyone holding one of the guidance's roles", "Vigil's addition: confirm"
                            + " the guidance has been read and understood (once; refused NOT_PERMITTED to someone it"
                            + " is not for).",
                    id("guidanceId", "the guidance")));
}
