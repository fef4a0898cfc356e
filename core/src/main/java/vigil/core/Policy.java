package vigil.core;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A force's settings: grade targets, warning fraction, acknowledgement and review windows, scheme durations, zone.
 * {@link #metropolitan()} gives the contract's defaults; every field can be overridden with the {@code with} methods.
 *
 * @param retainClosedFor how long a closed incident (or a call never made an incident) stays in the engine's live
 *                        state before only the event log holds it; {@code null}, the default, keeps everything, so
 *                        ids stay taken and late audits find their incident. Long runs (the simulator, the server)
 *                        set it to bound memory. Not part of the scenario contract.
 */
public record Policy(
        ZoneId zone,
        Map<Grade, Duration> targets,
        double warnFraction,
        Map<Grade, Duration> unresourcedAfter,
        Duration ackWithin,
        Duration divertReviewWithin,
        Span schemeMaxDuration,
        Span schemeReviewLead,
        Span secondStageAfter,
        Span victimContactWithin,
        Span historyWindow,
        Span retainClosedFor) {

    public Policy {
        Objects.requireNonNull(zone, "zone");
        targets = copy(targets);
        unresourcedAfter = copy(unresourcedAfter);
        Objects.requireNonNull(ackWithin, "ackWithin");
        Objects.requireNonNull(divertReviewWithin, "divertReviewWithin");
        Objects.requireNonNull(schemeMaxDuration, "schemeMaxDuration");
        Objects.requireNonNull(schemeReviewLead, "schemeReviewLead");
        Objects.requireNonNull(secondStageAfter, "secondStageAfter");
        Objects.requireNonNull(victimContactWithin, "victimContactWithin");
        Objects.requireNonNull(historyWindow, "historyWindow");
        if (!(warnFraction > 0 && warnFraction <= 1)) {
            throw new IllegalArgumentException("warnFraction must be in (0, 1], was " + warnFraction);
        }
    }

    private static Map<Grade, Duration> copy(Map<Grade, Duration> m) {
        EnumMap<Grade, Duration> c = new EnumMap<>(Grade.class);
        c.putAll(m);
        return Collections.unmodifiableMap(c);
    }

    /** The Metropolitan Police defaults of the scenario contract. */
    public static Policy metropolitan() {
        return new Policy(
                ZoneId.of("Europe/London"),
                Map.of(Grade.I, Duration.ofMinutes(15), Grade.S, Duration.ofMinutes(60), Grade.E, Duration.ofHours(48)),
                0.75,
                Map.of(Grade.I, Duration.ofMinutes(2), Grade.S, Duration.ofMinutes(10), Grade.E, Duration.ofHours(4)),
                Duration.ofMinutes(2),
                Duration.ofMinutes(5),
                Span.parse("P6M"),
                Span.parse("P28D"),
                Span.parse("P14D"),
                Span.parse("P7D"),
                Span.parse("P90D"),
                null);
    }

    /** The attendance target for a grade; empty for a grade with none (R). */
    public Optional<Duration> targetFor(Grade grade) {
        return Optional.ofNullable(targets.get(grade));
    }

    public Optional<Duration> unresourcedAfterFor(Grade grade) {
        return Optional.ofNullable(unresourcedAfter.get(grade));
    }

    public Policy withZone(ZoneId z) {
        return new Policy(z, targets, warnFraction, unresourcedAfter, ackWithin, divertReviewWithin, schemeMaxDuration,
                schemeReviewLead, secondStageAfter, victimContactWithin, historyWindow, retainClosedFor);
    }

    /** Overrides the targets of the grades given; the others keep theirs. */
    public Policy withTargets(Map<Grade, Duration> overrides) {
        EnumMap<Grade, Duration> m = new EnumMap<>(Grade.class);
        m.putAll(targets);
        m.putAll(overrides);
        return new Policy(zone, m, warnFraction, unresourcedAfter, ackWithin, divertReviewWithin, schemeMaxDuration,
                schemeReviewLead, secondStageAfter, victimContactWithin, historyWindow, retainClosedFor);
    }

    public Policy withWarnFraction(double f) {
        return new Policy(zone, targets, f, unresourcedAfter, ackWithin, divertReviewWithin, schemeMaxDuration,
                schemeReviewLead, secondStageAfter, victimContactWithin, historyWindow, retainClosedFor);
    }

    /** Overrides the unresourced windows of the grades given; the others keep theirs. */
    public Policy withUnresourcedAfter(Map<Grade, Duration> overrides) {
        EnumMap<Grade, Duration> m = new EnumMap<>(Grade.class);
        m.putAll(unresourcedAfter);
        m.putAll(overrides);
        return new Policy(zone, targets, warnFraction, m, ackWithin, divertReviewWithin, schemeMaxDuration,
                schemeReviewLead, secondStageAfter, victimContactWithin, historyWindow, retainClosedFor);
    }

    public Policy withAckWithin(Duration d) {
        return new Policy(zone, targets, warnFraction, unresourcedAfter, d, divertReviewWithin, schemeMaxDuration,
                schemeReviewLead, secondStageAfter, victimContactWithin, historyWindow, retainClosedFor);
    }

    public Policy withDivertReviewWithin(Duration d) {
        return new Policy(zone, targets, warnFraction, unresourcedAfter, ackWithin, d, schemeMaxDuration,
                schemeReviewLead, secondStageAfter, victimContactWithin, historyWindow, retainClosedFor);
    }

    public Policy withSchemeMaxDuration(Span s) {
        return new Policy(zone, targets, warnFraction, unresourcedAfter, ackWithin, divertReviewWithin, s,
                schemeReviewLead, secondStageAfter, victimContactWithin, historyWindow, retainClosedFor);
    }

    public Policy withSchemeReviewLead(Span s) {
        return new Policy(zone, targets, warnFraction, unresourcedAfter, ackWithin, divertReviewWithin, schemeMaxDuration,
                s, secondStageAfter, victimContactWithin, historyWindow, retainClosedFor);
    }

    public Policy withSecondStageAfter(Span s) {
        return new Policy(zone, targets, warnFraction, unresourcedAfter, ackWithin, divertReviewWithin, schemeMaxDuration,
                schemeReviewLead, s, victimContactWithin, historyWindow, retainClosedFor);
    }

    public Policy withVictimContactWithin(Span s) {
        return new Policy(zone, targets, warnFraction, unresourcedAfter, ackWithin, divertReviewWithin, schemeMaxDuration,
                schemeReviewLead, secondStageAfter, s, historyWindow, retainClosedFor);
    }

    public Policy withHistoryWindow(Span s) {
        return new Policy(zone, targets, warnFraction, unresourcedAfter, ackWithin, divertReviewWithin, schemeMaxDuration,
                schemeReviewLead, secondStageAfter, victimContactWithin, s, retainClosedFor);
    }

    public Policy withRetainClosedFor(Span s) {
        return new Policy(zone, targets, warnFraction, unresourcedAfter, ackWithin, divertReviewWithin, schemeMaxDuration,
                schemeReviewLead, secondStageAfter, victimContactWithin, historyWindow, s);
    }
}
