package vigil.server.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vigil.core.Actor;
import vigil.core.Role;

/**
 * Who is logged in, as the pages show them: the engine's actor, their role in words, where they land and what the
 * navigation offers them. Every role reads the whole picture (api.md); the navigation puts their own work first.
 */
record Who(String id, Role role, String bcu) {
    record Link(String href, String label) {}

    static Who of(Actor a) {
        return new Who(a.id(), a.role(), a.bcu());
    }

    public String roleName() {
        return roleName(role);
    }

    static String roleName(Role role) {
        return switch (role) {
            case CALL_HANDLER -> "Call handler";
            case DESPATCHER -> "Despatcher";
            case CONTROLLER -> "Controller";
            case INSPECTOR -> "Inspector";
            case DUTY_OFFICER -> "Duty officer";
            case RTRD -> "RTRD";
            case OIC -> "OIC";
            case CRIME_MANAGER -> "Crime manager";
            case QA_REVIEWER -> "QA reviewer";
            case ADMIN -> "Administrator";
            case UNIT -> "Unit";
        };
    }

    /** The page a role's work is on: where {@code /} and the login send them. */
    public String landing() {
        return switch (role) {
            case CALL_HANDLER -> "/calls/new";
            case CONTROLLER -> "/reviews";
            case DUTY_OFFICER -> "/challenges";
            case INSPECTOR -> "/reallocations";
            case RTRD -> "/schemes";
            case OIC -> "/schemes/mine";
            case CRIME_MANAGER -> "/schemes/escalations";
            case QA_REVIEWER -> "/qart";
            case ADMIN -> "/admin/staff";
            default -> "/board";
        };
    }

    /** The role's own work first, then the shared boards; the mailbox link is the layout's (it carries a count). */
    public List<Link> nav() {
        List<Link> out = new ArrayList<>();
        switch (role) {
            case CALL_HANDLER -> out.add(new Link("/calls/new", "Take a call"));
            case CONTROLLER -> out.add(new Link("/reviews", "Divert reviews"));
            case DUTY_OFFICER -> {
                out.add(new Link("/challenges", "Challenges"));
                out.add(new Link("/guidance", "Guidance"));
            }
            case INSPECTOR -> out.add(new Link("/reallocations", "Reallocations"));
            case RTRD -> out.add(new Link("/schemes", "Scheme register"));
            case OIC -> out.add(new Link("/schemes/mine", "My schemes"));
            case CRIME_MANAGER -> out.add(new Link("/schemes/escalations", "Scheme escalations"));
            case QA_REVIEWER -> out.add(new Link("/qart", "QART queue"));
            case ADMIN -> {
                out.add(new Link("/admin/staff", "Staff"));
                out.add(new Link("/admin/units", "Roster of units"));
                out.add(new Link("/guidance", "Guidance"));
            }
            default -> { }
        }
        out.add(new Link("/board", "Incidents"));
        out.add(new Link("/units", "Units"));
        out.add(new Link("/map", "Map"));
        if (role == Role.DESPATCHER) {
            out.add(new Link("/challenges", "Challenges")); // a despatcher may challenge a controller's override
        }
        out.add(new Link("/reports", "Reports"));
        return out;
    }

    public String display() {
        return id + " (" + roleName() + (bcu == null ? "" : ", " + bcu.toUpperCase(Locale.ROOT)) + ")";
    }
}
