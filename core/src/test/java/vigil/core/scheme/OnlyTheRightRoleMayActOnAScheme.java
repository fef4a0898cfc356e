package vigil.core.scheme;

import static vigil.core.story.ControlRoom.controlRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.ControlRoom.CRIME_MANAGER;
import static vigil.core.story.ControlRoom.CRIME_MANAGER_OF_NW;
import static vigil.core.story.ControlRoom.EVERYONE;
import static vigil.core.story.ControlRoom.OIC;
import static vigil.core.story.ControlRoom.RTRD;
import static vigil.core.story.SchemeActs.contact;
import static vigil.core.story.SchemeActs.form;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.SchemeActs.victimToldOfScheme;
import static vigil.core.story.SchemeActs.withdraw;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.Explained;
import vigil.core.Command.SchemeDecision;
import vigil.core.Event;
import vigil.core.Reason;
import vigil.core.Role;
import vigil.core.story.ControlRoom;

/**
 * Form 4564 is the OIC's; the RTRD alone puts a scheme on CAD or turns it down; the OIC alone records contact with
 * the victim; a review is decided by the OIC or by a crime manager of the scheme's own BCU. Everyone else is refused
 * with NOT_PERMITTED and nothing changes. Each rule first proves the command is accepted from the right person in
 * the same scene, so a refusal cannot be an accident of the scene.
 */
class OnlyTheRightRoleMayActOnAScheme {

    /** A scheme command, the scene in which it is valid, and the roles the contract lets give it. */
    record Rule(String command, UnaryOperator<ControlRoom> scene, Function<Actor, Command> by, Set<Role> allowed) {
        @Override
        public String toString() {
            return command;
        }
    }

    static List<Rule> rules() {
        return List.of(
                new Rule("RequestScheme", room -> room, by -> form("S1").requestedBy(by), EnumSet.of(Role.OIC)),
                new Rule("ActivateScheme", room -> room.given(form("S1").requested()),
                        by -> new Command.ActivateScheme(by, "S1"), EnumSet.of(Role.RTRD)),
                new Rule("RejectScheme", room -> room.given(form("S1").requested()),
                        by -> new Command.RejectScheme(by, "S1", "not needed"), EnumSet.of(Role.RTRD)),
                new Rule("RecordVictimContact", room -> room.givenActive(form("S1")),
                        by -> contact(by, "S1", ContactOutcome.CONTACTED, Explained.SCHEME, Explained.DURATION),
                        EnumSet.of(Role.OIC)),
                new Rule("ReviewScheme", OnlyTheRightRoleMayActOnAScheme::underReviewWithTheVictimContacted,
                        by -> new Command.ReviewScheme(by, "S1", SchemeDecision.WITHDRAW, "risk gone"),
                        EnumSet.of(Role.OIC, Role.CRIME_MANAGER)));
    }

    /** Active, first-stage review sent, the victim rung since. */
    static ControlRoom underReviewWithTheVictimContacted(ControlRoom room) {
        room.givenActive(form("S1")).given(victimToldOfScheme("S1"))
                .whenClockReaches(london("2025-06-08T10:00"));
        assertThat(room.latest(Event.FirstStageReviewSent.class)).as("the review has begun").hasSize(1);
        return room.at(london("2025-06-09T10:00")).given(contact("S1", ContactOutcome.CONTACTED, Explained.WITHDRAWAL));
    }

    static Stream<Arguments> refusals() {
        return rules().stream().flatMap(rule -> EVERYONE.stream()
                .filter(a -> !rule.allowed().contains(a.role()))
                .map(a -> Arguments.of(rule, a.id() + " (" + a.role() + ")", a)));
    }

    static Stream<Arguments> permissions() {
        return rules().stream().flatMap(rule -> EVERYONE.stream()
                .filter(a -> rule.allowed().contains(a.role()))
                .filter(a -> a != CRIME_MANAGER_OF_NW)
                .map(a -> Arguments.of(rule, a.id() + " (" + a.role() + ")", a)));
    }

    @ParameterizedTest(name = "{0} by {1} is refused")
    @MethodSource("refusals")
    void refusedToAnyoneElse(Rule rule, String who, Actor by) {
        ControlRoom room = rule.scene().apply(controlRoom().openingAt(london("2025-01-06T09:00")));
        String before = room.engine().queries().describe();

        room.when(rule.by().apply(by));

        room.thenRejected(Reason.NOT_PERMITTED);
        assertThat(room.latest(Event.CommandRejected.class).get(0).command()).isEqualTo(rule.command());
        assertThat(room.engine().queries().describe()).as("a refusal changes nothing").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} by {1} is accepted")
    @MethodSource("permissions")
    void acceptedFromTheRightPerson(Rule rule, String who, Actor by) {
        ControlRoom room = rule.scene().apply(controlRoom().openingAt(london("2025-01-06T09:00")));

        room.when(rule.by().apply(by)).thenAccepted();

        assertThat(room.latest()).isNotEmpty().allSatisfy(r -> assertThat(r.by()).isEqualTo(by.id()));
    }

    @Test
    void aCrimeManagerOfAnotherBcuMayNotDecideTheReview() {
        ControlRoom room = underReviewWithTheVictimContacted(controlRoom().openingAt(london("2025-01-06T09:00")));

        room.when(withdraw("S1", CRIME_MANAGER_OF_NW));
        room.thenRejected(Reason.NOT_PERMITTED);

        room.when(withdraw("S1", CRIME_MANAGER)).thenAccepted();
        assertThat(room.latest(Event.SchemeWithdrawn.class)).hasSize(1);
    }

    @Test
    void theRightPeopleAreOnTheRoster() {
        // guards the tables above: an allowed role missing from the roster would make them prove nothing
        assertThat(EVERYONE).extracting(Actor::role).contains(Role.values());
        assertThat(List.of(OIC, RTRD, CRIME_MANAGER)).doesNotHaveDuplicates();
    }
}
