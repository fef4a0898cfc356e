package vigil.core;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * An ISO-8601 length of time that may hold calendar parts: {@code P6M}, {@code P14D}, {@code PT15M}, {@code P1DT2H}.
 * Calendar parts (years, months, days) are added in a time zone, so six months from a January instant lands at the
 * same local time in July; the time part is exact.
 */
public record Span(Period period, Duration time) {
    public Span {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(time, "time");
    }

    public static Span of(Duration d) {
        return new Span(Period.ZERO, d);
    }

    /** Parses an ISO-8601 period or duration; throws {@link DateTimeParseException} when it is neither. */
    public static Span parse(String text) {
        String s = text.trim();
        int t = s.indexOf('T');
        if (!s.startsWith("P") || s.length() < 2) {
            throw new DateTimeParseException("not an ISO-8601 duration", text, 0);
        }
        if (t < 0) {
            return new Span(Period.parse(s), Duration.ZERO);
        }
        Period p = t == 1 ? Period.ZERO : Period.parse(s.substring(0, t));
        Duration d = Duration.parse("P" + s.substring(t));
        return new Span(p, d);
    }

    public Instant addTo(Instant instant, ZoneId zone) {
        Instant base = period.isZero() ? instant : instant.atZone(zone).plus(period).toInstant();
        return base.plus(time);
    }

    public Instant subtractFrom(Instant instant, ZoneId zone) {
        Instant base = period.isZero() ? instant : instant.atZone(zone).minus(period).toInstant();
        return base.minus(time);
    }

    @Override
    public String toString() {
        if (period.isZero()) {
            return time.toString();
        }
        return time.isZero() ? period.toString() : period + time.toString().substring(1);
    }
}
