package vigil.sim.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import vigil.core.Grade;
import vigil.core.Policy;
import vigil.core.Span;
import vigil.sim.json.Fields;

/** Reads a {@code policy} object: any field given overrides the Metropolitan default. */
public final class PolicyReader {
    private static final List<String> FIELDS = List.of("zone", "targets", "warnFraction", "unresourcedAfter",
            "ackWithin", "divertReviewWithin", "schemeMaxDuration", "schemeReviewLead", "secondStageAfter",
            "victimContactWithin", "historyWindow", "retainClosedFor");

    private PolicyReader() {}

    public static Policy read(Fields f) {
        Policy p = Policy.metropolitan();
        if (f == null) {
            return p;
        }
        f.onlyKnown(FIELDS);
        if (f.has("zone")) {
            p = p.withZone(f.zone("zone"));
        }
        if (f.has("targets")) {
            p = p.withTargets(gradeDurations(f.object("targets")));
        }
        if (f.has("warnFraction")) {
            double w = f.number("warnFraction");
            if (!(w > 0 && w <= 1)) {
                throw f.invalid("warnFraction", "must be more than 0 and at most 1");
            }
            p = p.withWarnFraction(w);
        }
        if (f.has("unresourcedAfter")) {
            p = p.withUnresourcedAfter(gradeDurations(f.object("unresourcedAfter")));
        }
        if (f.has("ackWithin")) {
            p = p.withAckWithin(f.duration("ackWithin"));
        }
        if (f.has("divertReviewWithin")) {
            p = p.withDivertReviewWithin(f.duration("divertReviewWithin"));
        }
        if (f.has("schemeMaxDuration")) {
            p = p.withSchemeMaxDuration(longerThanZero(f, "schemeMaxDuration"));
        }
        if (f.has("schemeReviewLead")) {
            p = p.withSchemeReviewLead(f.span("schemeReviewLead"));
        }
        if (f.has("secondStageAfter")) {
            p = p.withSecondStageAfter(f.span("secondStageAfter"));
        }
        if (f.has("victimContactWithin")) {
            p = p.withVictimContactWithin(f.span("victimContactWithin"));
        }
        if (f.has("historyWindow")) {
            p = p.withHistoryWindow(f.span("historyWindow"));
        }
        if (f.has("retainClosedFor")) {
            Span keep = f.span("retainClosedFor");
            if (keep.addTo(Instant.EPOCH, ZoneOffset.UTC).isBefore(Instant.EPOCH.plus(SHORTEST_RETENTION))) {
                // Shorter would forget a call before anyone could make an incident of it.
                throw f.invalid("retainClosedFor", "is \"" + keep + "\": must be at least PT1H");
            }
            p = p.withRetainClosedFor(keep);
        }
        return p;
    }

    private static final Duration SHORTEST_RETENTION = Duration.ofHours(1);

    private static Span longerThanZero(Fields f, String name) {
        Span s = f.span(name);
        if (s.period().isZero() && s.time().isZero()) {
            throw f.invalid(name, "must be longer than zero");
        }
        return s;
    }

    private static Map<Grade, Duration> gradeDurations(Fields f) {
        Map<Grade, Duration> m = new EnumMap<>(Grade.class);
        for (String name : f.names()) {
            Grade g;
            try {
                g = Grade.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new vigil.sim.json.InvalidInput(f.where() + ": \"" + name + "\" is not a grade (I, S, E, R)");
            }
            m.put(g, f.duration(name));
        }
        return m;
    }
}
