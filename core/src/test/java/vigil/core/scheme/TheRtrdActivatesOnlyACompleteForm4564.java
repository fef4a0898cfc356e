package vigil.core.scheme;

import static vigil.core.story.ControlRoom.controlRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.SchemeActs.activate;
import static vigil.core.story.SchemeActs.call;
import static vigil.core.story.SchemeActs.form;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.SchemeActs.reject;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vigil.core.Command.ContactPreference;
import vigil.core.Event.CommandRejected;
import vigil.core.Event.SchemeActivated;
import vigil.core.Event.SchemeMatched;
import vigil.core.Event.SchemeRejected;
import vigil.core.Event.SchemeRequested;
import vigil.core.Reason;
import vigil.core.story.SchemeActs.Form;
import vigil.core.story.ControlRoom;

/**
 * The RTRD checks Form 4564 and puts the scheme on CAD. A form that lacks what the scheme needs to work (somewhere
 * to match a call, a way to reach the victim, an owner, a BCU, a crime report, instructions) is recorded as given
 * but refused at activation with INCOMPLETE_REQUEST; it never matches a call.
 */
class TheRtrdActivatesOnlyACompleteForm4564 {

    enum Gap {
        NO_ADDRESS_AND_NO_CLI(f -> f.withAddress(null).withClis()),
        BLANK_ADDRESS_AND_NO_CLI(f -> f.withAddress(" , . ").withClis()),
        A_CLI_THAT_DOES_NOT_PARSE(f -> f.withClis("07700 900123", "withheld")),
        AN_EMPTY_CLI(f -> f.withClis("")),
        NO_PREFERRED_CONTACT(f -> f.withPreferredContact(null)),
        BLANK_PREFERRED_CONTACT_METHOD(f -> f.withPreferredContact(new ContactPreference(" ", null))),
        NO_OIC(f -> f.withOic(null)),
        BLANK_OIC(f -> f.withOic("")),
        NO_BCU(f -> f.withBcu(null)),
        NO_CRIS_REFERENCE(f -> f.withCrimeRef(null)),
        BLANK_CRIS_REFERENCE(f -> f.withCrimeRef("  ")),
        NO_INSTRUCTIONS(f -> f.withInstructions(null)),
        BLANK_INSTRUCTIONS(f -> f.withInstructions(" \t "));

        final UnaryOperator<Form> leaveOut;

        Gap(UnaryOperator<Form> leaveOut) {
            this.leaveOut = leaveOut;
        }
    }

    /**
     * The contract: "a form with other parts missing or empty is recorded as submitted, and the RTRD's ActivateScheme
     * is refused INCOMPLETE_REQUEST (checking the form is the RTRD's job)".
     */
    @ParameterizedTest
    @EnumSource(Gap.class)
    void anIncompleteFormIsRecordedButNeverActivated(Gap gap) {
        Form incomplete = gap.leaveOut.apply(form("S1"));
        ControlRoom room = controlRoom().openingAt(london("2025-01-06T09:00"));

        room.when(incomplete.requested());
        assertThat(room.latest(SchemeRequested.class)).as("the request is recorded as given").hasSize(1);
        String missing = room.queries().schemeFormMissing("S1").orElseThrow();

        room.at(london("2025-01-06T10:00")).when(activate("S1"));
        room.thenRejected(Reason.INCOMPLETE_REQUEST);
        assertThat(room.latest(CommandRejected.class)).extracting(CommandRejected::detail)
                .as("the RTRD sees beforehand what activation is refused for").containsExactly("scheme S1: " + missing);

        room.at(london("2025-01-06T11:00")).when(call("C1", "07700 900123", "Flat 2, 10 Example Road, London SE1 1AA"));
        assertThat(room.latest(SchemeMatched.class)).as("an unactivated scheme matches nothing").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Gap.class)
    void theRtrdMayStillRejectAnIncompleteForm(Gap gap) {
        ControlRoom room = controlRoom().openingAt(london("2025-01-06T09:00"))
                .given(gap.leaveOut.apply(form("S1")).requested());

        room.when(reject("S1")).thenAccepted();

        assertThat(room.latest(SchemeRejected.class)).extracting(SchemeRejected::schemeId).containsExactly("S1");
    }

    @Test
    void aNumberAloneIsSomewhereToMatch() {
        ControlRoom room = controlRoom().openingAt(london("2025-01-06T09:00"))
                .given(form("S1").withAddress(null).withClis("07700 900123").requested());

        assertThat(room.queries().schemeFormMissing("S1")).as("complete: nothing missing").isEmpty();
        room.at(london("2025-01-06T10:00")).when(activate("S1")).thenAccepted();

        assertThat(room.latest(SchemeActivated.class)).hasSize(1);
    }

    @Test
    void anAddressAloneIsSomewhereToMatch() {
        ControlRoom room = controlRoom().openingAt(london("2025-01-06T09:00"))
                .given(form("S1").withClis().requested());

        room.at(london("2025-01-06T10:00")).when(activate("S1")).thenAccepted();

        assertThat(room.latest(SchemeActivated.class)).hasSize(1);
    }

    @Test
    void aRejectedFormCannotBeActivatedAfterwards() {
        ControlRoom room = controlRoom().openingAt(london("2025-01-06T09:00"))
                .given(form("S1").requested(), reject("S1"));

        room.when(activate("S1"));

        room.thenRejected(Reason.INVALID_STATE);
    }

    @Test
    void aSchemeIsActivatedOnce() {
        ControlRoom room = controlRoom().openingAt(london("2025-01-06T09:00")).givenActive(form("S1"));

        room.when(activate("S1"));
        room.thenRejected(Reason.INVALID_STATE);

        room.when(reject("S1"));
        room.thenRejected(Reason.INVALID_STATE);
    }

    @Test
    void aSchemeIdIsRequestedOnce() {
        ControlRoom room = controlRoom().openingAt(london("2025-01-06T09:00")).given(form("S1").requested());

        room.when(form("S1").withAddress("1 Other Street, London SE1 2BB").requested());

        room.thenRejected(Reason.DUPLICATE_ID);
    }

    @Test
    void anUnknownSchemeCannotBeActivated() {
        ControlRoom room = controlRoom().openingAt(london("2025-01-06T09:00"));

        room.when(activate("S404"));

        room.thenRejected(Reason.UNKNOWN_SCHEME);
    }
}
