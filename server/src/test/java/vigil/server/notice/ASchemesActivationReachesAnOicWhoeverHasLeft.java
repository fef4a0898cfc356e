package vigil.server.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.core.Command;
import vigil.core.Event;
import vigil.core.Grade;
import vigil.core.Recorded;
import vigil.core.Role;

/**
 * A scheme's activation tells its OIC that the victim must now be contacted. The form names one OIC, checked as a form
 * and not against the roster, who may never have been on it or may have left since (audit 9, finding 9): then the
 * scheme's BCU's OICs are told, and with none there, the OICs of the force, as the engine addresses the scheme's own
 * alerts (ADR 131). Nobody is left not knowing.
 */
class ASchemesActivationReachesAnOicWhoeverHasLeft {
    private static final Instant AT = Instant.parse("2026-06-09T09:00:00Z");

    @Test
    void theFormsOicWhileOnTheRoster() {
        Addressbook book = roster();
        book.apply(recorded(10, requested("S1", "oic-se1", "SE")));
        assertThat(recipients(book, "S1")).containsExactly("oic-se1");
    }

    @Test
    void anOicWhoIsNotOnTheRosterIsTheBcusOics() {
        Addressbook book = roster();
        book.apply(recorded(10, requested("S1", "ghost", "SE")));
        assertThat(recipients(book, "S1")).as("never on the roster").containsExactly("oic-se1", "oic-se2");
        book.apply(recorded(11, requested("S2", "oic-se1", "SE")));
        book.apply(recorded(12, new Event.StaffRemoved("oic-se1")));
        assertThat(recipients(book, "S2")).as("removed since the form").containsExactly("oic-se2");
    }

    @Test
    void aBcuWithNoOicIsTheForcesOics() {
        Addressbook book = roster();
        book.apply(recorded(10, requested("S1", "ghost", "NX")));
        assertThat(recipients(book, "S1")).containsExactly("oic-se1", "oic-se2", "oic-ce");
    }

    private static Addressbook roster() {
        Addressbook book = new Addressbook();
        int seq = 1;
        for (String[] m : new String[][] {{"oic-se1", "SE"}, {"oic-se2", "SE"}, {"oic-ce", "CE"}}) {
            book.apply(recorded(seq++, new Event.StaffAdded(m[0], Role.OIC, m[1])));
        }
        book.apply(recorded(seq, new Event.StaffAdded("dsp-nx", Role.DESPATCHER, "NX")));
        return book;
    }

    private static Event.SchemeRequested requested(String schemeId, String oic, String bcu) {
        return new Event.SchemeRequested(schemeId, "1 High St", List.of("07700900999"), "Jane Doe",
                new Command.ContactPreference("phone", "07700900999"), oic, bcu, "CR-1", "Attend", Grade.I);
    }

    private static List<String> recipients(Addressbook book, String schemeId) {
        return NoticeRules.plan(recorded(99, new Event.SchemeActivated(schemeId, AT.plusSeconds(86_400), AT)), book)
                .stream().map(NoticeRules.Planned::recipient).toList();
    }

    private static Recorded recorded(long seq, Event e) {
        return new Recorded(seq, AT, e, "admin");
    }
}
