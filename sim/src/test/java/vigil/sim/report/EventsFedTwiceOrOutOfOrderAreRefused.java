package vigil.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vigil.sim.report.Reports.at;
import static vigil.sim.report.Reports.incident;

import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.core.Policy;
import vigil.core.Recorded;

/**
 * The server feeds the projection from its log by position; an event fed twice would be counted twice, one out of
 * order judged wrongly. Both are refused loudly rather than folded in; and a period that ends before it starts is
 * no period.
 */
class EventsFedTwiceOrOutOfOrderAreRefused {
    private final Reports.Shift shift = Reports.day("09:00", "11:00",
            incident("10:00", "CAD-1", "S"), incident("10:05", "CAD-2", "I"));

    @Test
    void anEventFedAgainIsRefusedAndCountsOnce() {
        Daris daris = new Daris(Policy.metropolitan());
        List<Recorded> events = shift.events();
        events.forEach(daris::accept);

        assertThatThrownBy(() -> daris.accept(events.get(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("once each, in order");
        assertThat(daris.report(at("09:00"), at("11:00")).demand().incidents()).isEqualTo(2);
    }

    @Test
    void anEventFromBeforeTheLastOneIsRefused() {
        Daris daris = new Daris(Policy.metropolitan());
        Recorded last = shift.events().getLast();
        daris.accept(last);
        Recorded earlier = new Recorded(last.seq() + 1, last.at().minusSeconds(1), last.event(), last.by());

        assertThatThrownBy(() -> daris.accept(earlier)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before the event fed before it");
    }

    @Test
    void aPeriodEndingBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> shift.daris().report(at("10:00"), at("09:59")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after its end");
    }
}
