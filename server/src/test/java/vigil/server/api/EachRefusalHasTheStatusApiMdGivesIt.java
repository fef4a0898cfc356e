package vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import vigil.core.Reason;

/**
 * api.md: a refused command is 403 for {@code NOT_PERMITTED}, 404 for {@code UNKNOWN_INCIDENT}, {@code UNKNOWN_UNIT},
 * {@code UNKNOWN_CALL} and {@code UNKNOWN_SCHEME}, and 409 for every other reason — Vigil's own reasons too, which a
 * client written to api.md alone cannot know of.
 */
class EachRefusalHasTheStatusApiMdGivesIt {
    private static final Set<Reason> NOT_FOUND = EnumSet.of(Reason.UNKNOWN_INCIDENT, Reason.UNKNOWN_UNIT,
            Reason.UNKNOWN_CALL, Reason.UNKNOWN_SCHEME);

    @Test
    void everyReason() {
        for (Reason r : Reason.values()) {
            HttpStatus expected = r == Reason.NOT_PERMITTED ? HttpStatus.FORBIDDEN
                    : NOT_FOUND.contains(r) ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
            assertThat(Answers.status(r)).as(r.name()).isEqualTo(expected);
        }
        assertThat(Answers.status(Reason.UNKNOWN_GUIDANCE)).isEqualTo(HttpStatus.CONFLICT);
    }
}
