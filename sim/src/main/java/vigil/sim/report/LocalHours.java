package vigil.sim.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Local hour of day and day of week of instants in a zone, fast for instants in time order: the zone's offset is
 * looked up once per stretch between two transitions, not once per call.
 */
final class LocalHours {
    private static final long SECONDS_PER_DAY = 86_400;
    private final ZoneRules rules;
    private long validFrom = Long.MAX_VALUE;
    private long validUntil = Long.MIN_VALUE;
    private long offsetSeconds;

    LocalHours(ZoneId zone) {
        this.rules = zone.getRules();
    }

    /** Local seconds since the epoch's local midnight for an instant given in nanoseconds. */
    private long localSeconds(long nanos) {
        long s = Math.floorDiv(nanos, 1_000_000_000L);
        if (s < validFrom || s >= validUntil) {
            Instant t = Instant.ofEpochSecond(s);
            ZoneOffset offset = rules.getOffset(t);
            ZoneOffsetTransition previous = rules.previousTransition(t.plusSeconds(1));
            ZoneOffsetTransition next = rules.nextTransition(t);
            validFrom = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
            validUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
            offsetSeconds = offset.getTotalSeconds();
        }
        return s + offsetSeconds;
    }

    /** The local hour, 0 to 23. */
    int hour(long nanos) {
        return (int) (Math.floorMod(localSeconds(nanos), SECONDS_PER_DAY) / 3600);
    }

    /** The local day of the week, 0 for Monday to 6 for Sunday. */
    int weekday(long nanos) {
        long day = Math.floorDiv(localSeconds(nanos), SECONDS_PER_DAY);
        return Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday
    }
}
