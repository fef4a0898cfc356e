package vigil.core.story;

import static vigil.core.story.ControlRoom.CALL_HANDLER;
import static vigil.core.story.ControlRoom.CONTROLLER;
import static vigil.core.story.ControlRoom.OIC;
import static vigil.core.story.ControlRoom.RTRD;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.ContactPreference;
import vigil.core.Command.Explained;
import vigil.core.Command.SchemeDecision;
import vigil.core.Grade;

/**
 * The special-scheme commands (and the calls they match), as the control room says them, each given by the actor
 * the contract names for it on {@link ControlRoom#ROSTER}. They are whole commands: {@link ControlRoom#given} and
 * {@link ControlRoom#when} take them as they are.
 */
public final class SchemeActs {
    private SchemeActs() {}

    /** A complete Form 4564 for the SE BCU, owned by {@link #OIC}; change parts with the {@code with} methods. */
    public static Form form(String schemeId) {
        return new Form(schemeId, "Flat 2, 10 Example Road, London SE1 1AA", List.of("07700 900123"), "A. Example",
                new ContactPreference("PHONE", null), OIC.id(), "SE", "5001234/25",
                "Immediate response. Risk of domestic abuse from former partner.", Grade.I);
    }

    public record Form(String schemeId, String address, List<String> clis, String victimName,
                ContactPreference preferredContact, String oic, String bcu, String crimeRef, String instructions,
                Grade requiredGrade) {

        public Form withAddress(String a) {
            return new Form(schemeId, a, clis, victimName, preferredContact, oic, bcu, crimeRef, instructions,
                    requiredGrade);
        }

        public Form withClis(String... c) {
            return new Form(schemeId, address, Arrays.asList(c), victimName, preferredContact, oic, bcu, crimeRef,
                    instructions, requiredGrade);
        }

        public Form withPreferredContact(ContactPreference p) {
            return new Form(schemeId, address, clis, victimName, p, oic, bcu, crimeRef, instructions, requiredGrade);
        }

        public Form withOic(String o) {
            return new Form(schemeId, address, clis, victimName, preferredContact, o, bcu, crimeRef, instructions,
                    requiredGrade);
        }

        public Form withBcu(String b) {
            return new Form(schemeId, address, clis, victimName, preferredContact, oic, b, crimeRef, instructions,
                    requiredGrade);
        }

        public Form withCrimeRef(String r) {
            return new Form(schemeId, address, clis, victimName, preferredContact, oic, bcu, r, instructions,
                    requiredGrade);
        }

        public Form withInstructions(String i) {
            return new Form(schemeId, address, clis, victimName, preferredContact, oic, bcu, crimeRef, i,
                    requiredGrade);
        }

        public Form withRequiredGrade(Grade g) {
            return new Form(schemeId, address, clis, victimName, preferredContact, oic, bcu, crimeRef, instructions, g);
        }

        public Command.RequestScheme requested() {
            return requestedBy(OIC);
        }

        public Command.RequestScheme requestedBy(Actor by) {
            return new Command.RequestScheme(by, schemeId, address, clis, victimName, preferredContact, oic, bcu,
                    crimeRef, instructions, requiredGrade);
        }
    }

    public static Command activate(String schemeId) {
        return new Command.ActivateScheme(RTRD, schemeId);
    }

    public static Command reject(String schemeId) {
        return new Command.RejectScheme(RTRD, schemeId, "no risk assessment attached");
    }

    public static Command contact(String schemeId, ContactOutcome outcome, Explained... explained) {
        return contact(OIC, schemeId, outcome, explained);
    }

    public static Command contact(Actor by, String schemeId, ContactOutcome outcome, Explained... explained) {
        Set<Explained> what = explained.length == 0 ? EnumSet.noneOf(Explained.class)
                : EnumSet.copyOf(List.of(explained));
        return new Command.RecordVictimContact(by, schemeId, "PHONE", outcome, what, null);
    }

    /** The victim reached and told about the scheme and how long it lasts. */
    public static Command victimToldOfScheme(String schemeId) {
        return contact(schemeId, ContactOutcome.CONTACTED, Explained.SCHEME, Explained.DURATION);
    }

    public static Command extend(String schemeId, Actor by) {
        return new Command.ReviewScheme(by, schemeId, SchemeDecision.EXTEND, "risk remains");
    }

    public static Command withdraw(String schemeId, Actor by) {
        return new Command.ReviewScheme(by, schemeId, SchemeDecision.WITHDRAW, "risk reassessed as standard");
    }

    public static Command call(String callId, String cli, String address) {
        return new Command.RecordCall(CALL_HANDLER, callId, cli, address, null, Command.CallerKind.VICTIM, null);
    }

    public static Command callFrom(String callId, String cli) {
        return call(callId, cli, null);
    }

    public static Command callAbout(String callId, String address) {
        return call(callId, null, address);
    }

    public static Command createIncident(String incidentId, String callId, Grade grade, boolean domestic) {
        return new Command.CreateIncident(CALL_HANDLER, incidentId, callId, grade, domestic ? "Domestic" : "Other",
                domestic, null);
    }

    public static Command regrade(String incidentId, Grade grade) {
        return new Command.Regrade(CONTROLLER, incidentId, grade, "reassessed");
    }

    public static Command link(String callId, String incidentId) {
        return new Command.LinkCall(CALL_HANDLER, callId, incidentId);
    }
}
