package vigil.sim.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.core.Grade;
import vigil.sim.generate.CallGenerator;
import vigil.sim.generate.SyntheticCall;
import vigil.sim.model.Model;
import vigil.sim.model.Zone;

/**
 * The call generator on its own (as a live demo would use it): calls come in time order, only in the hours the
 * profile allows and as often as it says, graded in the model's shares, placed inside their zone's disc.
 */
class CallsFollowTheModelsRatesAndProfile {
    private final Model model = Models.model("hourly-profile.json");

    @Test
    void callsComeOnlyInTheProfilesHoursAndAsOftenAsItSays() {
        CallGenerator calls = new CallGenerator(model, 5);
        ZoneId zone = model.policy().zone();
        long days = 100;
        long count = 0;
        SyntheticCall previous = null;
        SyntheticCall c;
        while ((c = calls.next()).at().isBefore(model.start().plus(java.time.Duration.ofDays(days)))) {
            int hour = c.at().atZone(zone).getHour();
            assertThat(model.hourlyProfile().get(hour)).as("profile at %s", c.at()).isPositive();
            if (previous != null) {
                assertThat(c.at()).isAfterOrEqualTo(previous.at());
            }
            previous = c;
            count++;
        }
        // 3 calls an hour times 2.0 for 12 hours a day: Poisson with mean 7,200 over 100 days, sd about 85.
        assertThat((double) count).isCloseTo(7200, within(4 * 85.0));
    }

    @Test
    void gradesComeInTheModelsSharesAndPlacesStayInTheDisc() {
        CallGenerator calls = new CallGenerator(model, 6);
        Zone z = model.zones().get(0);
        Map<Grade, Integer> byGrade = new EnumMap<>(Grade.class);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            SyntheticCall c = calls.next();
            byGrade.merge(c.grade(), 1, Integer::sum);
            assertThat(z.centre().kmTo(c.location())).isLessThanOrEqualTo(z.radiusKm() + 1e-9);
            assertThat(c.serviceTime().isZero()).isEqualTo(c.grade() == Grade.R);
        }
        model.gradeShares().forEach((g, share) -> assertThat(byGrade.getOrDefault(g, 0) / (double) n)
                .as("share of %s", g).isCloseTo(share, within(0.015)));
    }

    @Test
    void theSameSeedGivesTheSameCalls() {
        CallGenerator a = new CallGenerator(model, 42);
        CallGenerator b = new CallGenerator(model, 42);
        for (int i = 0; i < 1000; i++) {
            assertThat(b.next()).isEqualTo(a.next());
        }
    }

    @Test
    void aDaytimeModelRunsOnWithNoQueueWhenUnitsAreMany() {
        Summary s = Models.run("hourly-profile.json");

        assertThat(s.delayProbability()).isZero();
        assertThat(s.grades().get(Grade.R).attended()).isZero();
        assertThat(s.grades().get(Grade.R).calls()).isPositive();
        // Offered load: 72 calls a day, 80% attended, mean service 0.25*60 + 0.375*50 + 0.375*40 minutes.
        double erlangs = 72 * (0.2 * 60 + 0.3 * 50 + 0.3 * 40) / (24 * 60);
        assertThat(s.workloadSum()).isCloseTo(erlangs, within(erlangs * 0.05));
    }
}
