package vigil.core.scheme;

import static vigil.core.story.ControlRoom.controlRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static vigil.core.story.SchemeActs.call;
import static vigil.core.story.SchemeActs.callAbout;
import static vigil.core.story.SchemeActs.callFrom;
import static vigil.core.story.SchemeActs.createIncident;
import static vigil.core.story.SchemeActs.form;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.SchemeActs.regrade;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.core.Event.GradeBelowScheme;
import vigil.core.Grade;
import vigil.core.story.ControlRoom;

/**
 * A scheme says how urgently its victim's calls are to be graded. An incident from a call that matched a scheme,
 * created or regraded below the scheme's required grade, raises {@code GradeBelowScheme} (to a controller).
 */
class IncidentsBelowTheSchemesGradeAreFlagged {

    static ControlRoom withSchemesOn() {
        return controlRoom().openingAt(london("2025-04-01T09:00"))
                .givenActive(form("S-I").withClis("07700 900121").withAddress(null).withRequiredGrade(Grade.I))
                .givenActive(form("S-S").withClis().withAddress("14 Grade Gardens, London SE5 0GG")
                        .withRequiredGrade(Grade.S))
                .at(london("2025-04-02T10:00"));
    }

    static Stream<Arguments> grades() {
        return Stream.of(Grade.values()).flatMap(required -> Stream.of(Grade.values())
                .map(given -> Arguments.of(required, given, given.ordinal() > required.ordinal())));
    }

    @ParameterizedTest(name = "scheme requires {0}, incident graded {1}: flagged {2}")
    @MethodSource("grades")
    void anIncidentCreatedBelowTheRequiredGradeIsFlagged(Grade required, Grade given, boolean flagged) {
        ControlRoom room = controlRoom().openingAt(london("2025-04-01T09:00"))
                .givenActive(form("S1").withRequiredGrade(required))
                .at(london("2025-04-02T10:00")).given(callFrom("C1", "07700 900123"));

        room.when(createIncident("INC-1", "C1", given, true));

        assertThat(room.latest(GradeBelowScheme.class))
                .extracting(GradeBelowScheme::incidentId, GradeBelowScheme::schemeId)
                .containsExactlyElementsOf(flagged ? java.util.List.of(tuple("INC-1", "S1")) : java.util.List.of());
    }

    @Test
    void regradingBelowIsFlaggedAndRegradingUpIsNot() {
        ControlRoom room = withSchemesOn().given(callAbout("C1", "14 grade gardens london se50gg"),
                createIncident("INC-1", "C1", Grade.S, false));

        room.when(regrade("INC-1", Grade.E));
        assertThat(room.latest(GradeBelowScheme.class)).extracting(GradeBelowScheme::schemeId).containsExactly("S-S");

        room.when(regrade("INC-1", Grade.R));
        assertThat(room.latest(GradeBelowScheme.class)).extracting(GradeBelowScheme::schemeId).containsExactly("S-S");

        room.when(regrade("INC-1", Grade.I));
        assertThat(room.latest(GradeBelowScheme.class)).isEmpty();
    }

    @Test
    void anIncidentFromACallThatMatchedNoSchemeIsNeverFlagged() {
        ControlRoom room = withSchemesOn().given(callFrom("C1", "07700 900122"));

        room.when(createIncident("INC-1", "C1", Grade.R, false));
        room.when(regrade("INC-1", Grade.E));

        assertThat(room.recorded(GradeBelowScheme.class)).isEmpty();
    }

    /** "The scheme's required grade" holds for each scheme the call matched, not only the first. */
    @Test
    void aCallMatchingTwoSchemesIsHeldToBoth() {
        ControlRoom room = controlRoom().openingAt(london("2025-04-01T09:00"))
                .givenActive(form("S-S").withClis("07700 900121").withAddress(null).withRequiredGrade(Grade.S))
                .givenActive(form("S-I").withClis().withAddress("14 Grade Gardens, London SE5 0GG")
                        .withRequiredGrade(Grade.I))
                .at(london("2025-04-02T10:00"))
                .given(call("C1", "07700 900121", "14 Grade Gardens, London SE5 0GG"));

        room.when(createIncident("INC-1", "C1", Grade.S, true));
        assertThat(room.latest(GradeBelowScheme.class)).as("S is below the second scheme's I")
                .extracting(GradeBelowScheme::schemeId).containsExactly("S-I");

        room.when(regrade("INC-1", Grade.E));
        assertThat(room.latest(GradeBelowScheme.class)).extracting(GradeBelowScheme::schemeId)
                .containsExactlyInAnyOrder("S-S", "S-I");
    }
}
