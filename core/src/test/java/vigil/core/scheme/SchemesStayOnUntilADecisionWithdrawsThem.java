package vigil.core.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.Explained;
import vigil.core.Command.SchemeDecision;
import vigil.core.Event;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.engine.Engine;
import vigil.core.story.ControlRoom;
import vigil.core.story.SchemeActs;

/**
 * Random storms of scheme commands (requests complete and not, activations, rejections, contact attempts of every
 * outcome, review decisions from the right people and the wrong ones, calls by each scheme's number and address) over
 * months of virtual time, checked against the two promises of issue #3:
 * <ul>
 *   <li>a scheme is never inactive unless a recorded decision withdrew it: every call by an activated scheme's number
 *       or to its address matches it until a {@code SchemeWithdrawn}, however long its end has passed (and nothing
 *       matches a scheme never activated or already withdrawn);</li>
 *   <li>every {@code SchemeWithdrawn} is a person's decision, preceded in the record by a
 *       {@code VictimContactRecorded} for that scheme after its latest {@code FirstStageReviewSent}.</li>
 * </ul>
 *
 * <p>The property throws {@value #TRIES} storms; storm {@code i} is drawn from a {@link SplittableRandom} seeded with
 * {@code base + i}, so every run throws the same storms. The base is {@value #DEFAULT_BASE_SEED} unless
 * {@code -Dvigil.property.seed=N} says otherwise. A failure names the seed of the failing storm (passing it as the
 * base makes that storm the first, so it replays exactly) and shows the storm shrunk, op by op, to the ops that still
 * break the same promise.
 */
class SchemesStayOnUntilADecisionWithdrawsThem {
    static final Instant OPENING = ControlRoom.london("2025-01-06T09:00");
    static final int SCHEMES = 3;
    /** An actor index meaning "the person the contract names for this command". */
    static final int RIGHT_PERSON = -1;
    static final int TRIES = 400;
    static final long DEFAULT_BASE_SEED = 20250106L;
    /** How many smaller storms a failure may try while shrinking. */
    static final int SHRINK_BUDGET = 3000;

    // --- the storm -----------------------------------------------------------------------------------------------

    sealed interface Op {}

    /** A Form 4564; an incomplete one lacks its CRIS reference. */
    record Request(int scheme, boolean complete) implements Op {}

    record Activate(int scheme, int actor) implements Op {}

    record Reject(int scheme, int actor) implements Op {}

    record Contact(int scheme, ContactOutcome outcome, Set<Explained> explained, int actor) implements Op {}

    record Review(int scheme, SchemeDecision decision, int actor) implements Op {}

    /** A call by the scheme's number (forms 0 to 2) or to its address (forms 3 and 4). */
    record Probe(int scheme, int form) implements Op {}

    record Wait(int hours) implements Op {}

    /**
     * Time runs to the instant the scheme's pending first-stage review falls due, or some hours after it (if it is
     * still to come). At the very instant, a command runs before the review is sent.
     */
    record ToReview(int scheme, int hoursAfter) implements Op {}

    /** How often each kind of op comes: request, activate, reject, contact, review, probe, wait, to-review. */
    private static final int[] WEIGHTS = {4, 4, 1, 8, 6, 5, 7, 3};
    private static final int TOTAL_WEIGHT = Arrays.stream(WEIGHTS).sum();

    /**
     * A storm of 1 to 150 ops, the size uniform: storms that lean short rarely live long enough to be decided.
     */
    static List<Op> storm(SplittableRandom random) {
        int size = 1 + random.nextInt(150);
        List<Op> ops = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            ops.add(op(random));
        }
        return ops;
    }

    static Op op(SplittableRandom random) {
        int kind = 0;
        for (int w = random.nextInt(TOTAL_WEIGHT); w >= WEIGHTS[kind]; kind++) {
            w -= WEIGHTS[kind];
        }
        int scheme = random.nextInt(SCHEMES);
        return switch (kind) {
            case 0 -> new Request(scheme, random.nextInt(6) != 0);
            case 1 -> new Activate(scheme, actor(random));
            case 2 -> new Reject(scheme, actor(random));
            case 3 -> new Contact(scheme, oneOf(random, ContactOutcome.values()), explained(random), actor(random));
            case 4 -> new Review(scheme, oneOf(random, SchemeDecision.values()), actor(random));
            case 5 -> new Probe(scheme, random.nextInt(5));
            // Half short waits (1 to 48 hours), half long ones (48 hours to 60 days).
            case 6 -> new Wait(random.nextBoolean() ? between(random, 1, 48) : between(random, 48, 24 * 60));
            // A third land on the very instant the review falls due, the rest 1 to 72 hours after it.
            default -> new ToReview(scheme, random.nextInt(3) == 0 ? 0 : between(random, 1, 72));
        };
    }

    /** Five times in seven the person the contract names; otherwise anyone at all (who may be the right one too). */
    private static int actor(SplittableRandom random) {
        return random.nextInt(7) < 5 ? RIGHT_PERSON : random.nextInt(ControlRoom.EVERYONE.size());
    }

    /** Any set of the things explained, its size (none to all) uniform. */
    private static Set<Explained> explained(SplittableRandom random) {
        Explained[] all = Explained.values();
        int size = random.nextInt(all.length + 1);
        Set<Explained> chosen = EnumSet.noneOf(Explained.class);
        while (chosen.size() < size) {
            chosen.add(oneOf(random, all));
        }
        return chosen;
    }

    private static <T> T oneOf(SplittableRandom random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static int between(SplittableRandom random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    // --- the property --------------------------------------------------------------------------------------------

    @Test
    void aSchemeGoesOffOnlyByADecisionTakenAfterTryingTheVictim() {
        long base = baseSeed();
        int withdrawn = 0;
        int extended = 0;
        int pastItsEndUndecided = 0;
        for (int i = 0; i < TRIES; i++) {
            long seed = base + i;
            List<Op> storm = storm(new SplittableRandom(seed));
            Checked checked = check(storm);
            if (checked.failure() != null) {
                List<Op> small = shrink(storm, checked.failure().promise());
                Failure f = check(small).failure();
                throw new AssertionError("storm " + (i + 1) + " of " + TRIES + " (seed " + seed + ", " + storm.size()
                        + " ops) broke: " + f.promise() + "\nreplay with -Dvigil.property.seed=" + seed
                        + "\nshrunk to " + small.size() + " ops:\n" + small.stream().map(op -> "  " + op)
                        .collect(Collectors.joining("\n")) + "\n" + describe(f.cause()), f.cause());
            }
            withdrawn += checked.run().any(Event.SchemeWithdrawn.class) ? 1 : 0;
            extended += checked.run().any(Event.SchemeExtended.class) ? 1 : 0;
            pastItsEndUndecided += checked.run().any(Event.SchemeReviewOverdue.class) ? 1 : 0;
        }

        // A canary: storms that never reach a decision, or never outlive a scheme's end, would check little.
        String from = " of " + TRIES + " storms from base seed " + base;
        assertThat(100.0 * withdrawn / TRIES).as("canary: %d%s withdrew a scheme", withdrawn, from)
                .isGreaterThanOrEqualTo(10);
        assertThat(100.0 * extended / TRIES).as("canary: %d%s extended a scheme", extended, from)
                .isGreaterThanOrEqualTo(10);
        assertThat(100.0 * pastItsEndUndecided / TRIES)
                .as("canary: %d%s passed a scheme's end undecided", pastItsEndUndecided, from)
                .isGreaterThanOrEqualTo(30);
    }

    /** A storm's run, and the first promise it broke (null if none). */
    record Checked(Run run, Failure failure) {}

    record Failure(String promise, Throwable cause) {}

    static Checked check(List<Op> storm) {
        Run run = new Run();
        try {
            storm.forEach(run::perform);
            run.finalProbes();
        } catch (RuntimeException | AssertionError e) {
            return new Checked(run, new Failure("the storm ran without an exception", e));
        }
        try {
            everyProbeMatchesExactlyTheSchemesThatAreOn(run);
        } catch (AssertionError e) {
            return new Checked(run, new Failure("every probe matches exactly the schemes that are on", e));
        }
        try {
            everyWithdrawalFollowsAnAttemptSinceTheLatestReview(run);
        } catch (AssertionError e) {
            return new Checked(run, new Failure("every withdrawal follows an attempt since the latest review", e));
        }
        return new Checked(run, null);
    }

    /** Drops ops one at a time, over and over, while the storm still breaks the same promise. */
    static List<Op> shrink(List<Op> storm, String promise) {
        List<Op> ops = new ArrayList<>(storm);
        int budget = SHRINK_BUDGET;
        boolean removed = true;
        while (removed && budget > 0) {
            removed = false;
            for (int k = ops.size() - 1; k >= 0 && ops.size() > 1 && budget > 0; k--) {
                List<Op> fewer = new ArrayList<>(ops);
                fewer.remove(k);
                budget--;
                Failure f = check(fewer).failure();
                if (f != null && f.promise().equals(promise)) {
                    ops = fewer;
                    removed = true;
                }
            }
        }
        return ops;
    }

    private static String describe(Throwable e) {
        return e instanceof AssertionError ? e.getMessage() : e.toString();
    }

    private static long baseSeed() {
        String given = System.getProperty("vigil.property.seed");
        return given == null || given.isBlank() ? DEFAULT_BASE_SEED : Long.parseLong(given.trim());
    }

    static void everyProbeMatchesExactlyTheSchemesThatAreOn(Run run) {
        Set<String> activated = new java.util.HashSet<>();
        Set<String> withdrawn = new java.util.HashSet<>();
        List<Recorded> log = run.log;
        for (int k = 0; k < log.size(); k++) {
            Event e = log.get(k).event();
            switch (e) {
                case Event.SchemeActivated a -> activated.add(a.schemeId());
                case Event.SchemeWithdrawn w -> withdrawn.add(w.schemeId());
                case Event.CallRecorded c when run.probed.containsKey(c.callId()) -> {
                    String scheme = run.probed.get(c.callId());
                    boolean on = activated.contains(scheme) && !withdrawn.contains(scheme);
                    List<String> matched = new ArrayList<>();
                    for (int j = k + 1; j < log.size() && log.get(j).at().equals(log.get(k).at())
                            && !(log.get(j).event() instanceof Event.CallRecorded); j++) {
                        if (log.get(j).event() instanceof Event.SchemeMatched m && m.callId().equals(c.callId())) {
                            matched.add(m.schemeId());
                        }
                    }
                    if (!matched.equals(on ? List.of(scheme) : List.of())) {
                        fail("call " + c.callId() + " at " + log.get(k).at() + " probing " + scheme + " ("
                                + (on ? "activated, never withdrawn" : activated.contains(scheme) ? "withdrawn"
                                : "never activated") + ") matched " + matched + "\n" + run.story(scheme));
                    }
                }
                default -> { }
            }
        }
    }

    static void everyWithdrawalFollowsAnAttemptSinceTheLatestReview(Run run) {
        Map<String, Long> latestReview = new HashMap<>();
        Map<String, Boolean> attemptedSince = new HashMap<>();
        for (Recorded r : run.log) {
            switch (r.event()) {
                case Event.FirstStageReviewSent f -> {
                    latestReview.put(f.schemeId(), r.seq());
                    attemptedSince.put(f.schemeId(), false);
                }
                case Event.VictimContactRecorded v when latestReview.containsKey(v.schemeId()) ->
                        attemptedSince.put(v.schemeId(), true);
                case Event.SchemeWithdrawn w -> {
                    assertThat(r.by()).as("a withdrawal is somebody's decision\n%s", run.story(w.schemeId()))
                            .isNotNull();
                    if (!latestReview.containsKey(w.schemeId())) {
                        fail("withdrawn (#" + r.seq() + ") with no first-stage review before it\n"
                                + run.story(w.schemeId()));
                    }
                    if (!attemptedSince.get(w.schemeId())) {
                        fail("withdrawn (#" + r.seq() + ") with no contact attempt recorded after the first-stage "
                                + "review #" + latestReview.get(w.schemeId()) + "\n" + run.story(w.schemeId()));
                    }
                }
                default -> { }
            }
        }
    }

    // --- running a storm -----------------------------------------------------------------------------------------

    static final class Run {
        final Engine engine = Engine.start(Policy.metropolitan(), ControlRoom.ROSTER, OPENING);
        final List<Recorded> log = new ArrayList<>();
        /** Probe call id to the scheme it was aimed at. */
        final Map<String, String> probed = new HashMap<>();
        Instant now = OPENING;
        long step;

        static String schemeId(int s) {
            return "S" + s;
        }

        static String cli(int s, int form) {
            String national = "7700 9001" + s + "0";
            return switch (form) {
                case 0 -> "0" + national;
                case 1 -> "+44 " + national;
                default -> "0044" + national.replace(" ", "");
            };
        }

        static String address(int s, int form) {
            String a = "Flat " + (s + 1) + ", 10 Storm Road, London SE1 1AA";
            return form == 3 ? a : a.toLowerCase(java.util.Locale.ROOT).replace(",", "").replace("se1 1aa", "se11aa");
        }

        void perform(Op op) {
            switch (op) {
                case Request r -> {
                    SchemeActs.Form f = SchemeActs.form(schemeId(r.scheme())).withClis(cli(r.scheme(), 0))
                            .withAddress(address(r.scheme(), 3));
                    submit((r.complete() ? f : f.withCrimeRef(null)).requested());
                }
                case Activate a -> submit(new Command.ActivateScheme(who(a.actor(), ControlRoom.RTRD),
                        schemeId(a.scheme())));
                case Reject r -> submit(new Command.RejectScheme(who(r.actor(), ControlRoom.RTRD),
                        schemeId(r.scheme()), "storm"));
                case Contact c -> submit(new Command.RecordVictimContact(who(c.actor(), ControlRoom.OIC),
                        schemeId(c.scheme()), "PHONE", c.outcome(),
                        c.explained().isEmpty() ? EnumSet.noneOf(Explained.class) : EnumSet.copyOf(c.explained()),
                        null));
                case Review r -> submit(new Command.ReviewScheme(who(r.actor(), ControlRoom.OIC),
                        schemeId(r.scheme()), r.decision(), "storm"));
                case Probe p -> probe(p.scheme(), p.form());
                case Wait w -> now = now.plus(Duration.ofHours(w.hours()));
                case ToReview t -> {
                    Instant due = pendingFirstReview(schemeId(t.scheme()));
                    if (due != null && due.isAfter(now)) {
                        now = due.plus(Duration.ofHours(t.hoursAfter()));
                    }
                }
            }
        }

        /** After the storm: two years on, every scheme is probed by number and by address. */
        void finalProbes() {
            now = now.plus(Duration.ofDays(730));
            log.addAll(engine.advanceTo(now));
            for (int s = 0; s < SCHEMES; s++) {
                for (int form = 0; form <= 4; form++) {
                    probe(s, form);
                }
            }
        }

        private void probe(int s, int form) {
            String callId = "P" + (probed.size() + 1);
            probed.put(callId, schemeId(s));
            submit(form <= 2 ? SchemeActs.callFrom(callId, cli(s, form))
                    : SchemeActs.callAbout(callId, address(s, form)));
        }

        private static Actor who(int actor, Actor rightPerson) {
            return actor == RIGHT_PERSON ? rightPerson : ControlRoom.EVERYONE.get(actor);
        }

        private void submit(Command c) {
            log.addAll(engine.submit(step++, c, now));
        }

        private Instant pendingFirstReview(String schemeId) {
            Instant due = null;
            for (Recorded r : log) {
                if (r.event() instanceof Event.SchemeActivated a && a.schemeId().equals(schemeId)) {
                    due = a.firstReviewAt();
                } else if (r.event() instanceof Event.SchemeExtended x && x.schemeId().equals(schemeId)) {
                    due = x.firstReviewAt();
                }
            }
            return due;
        }

        boolean any(Class<? extends Event> type) {
            return log.stream().anyMatch(r -> type.isInstance(r.event()));
        }

        /** The scheme's own events, for a failure message. */
        String story(String schemeId) {
            return log.stream().filter(r -> mentions(r.event(), schemeId))
                    .map(r -> "  #" + r.seq() + " " + r.at() + " " + r.event() + (r.by() == null ? "" : " by " + r.by()))
                    .collect(Collectors.joining("\n"));
        }

        private static boolean mentions(Event e, String schemeId) {
            for (var c : e.getClass().getRecordComponents()) {
                if (c.getName().equals("schemeId")) {
                    try {
                        return schemeId.equals(c.getAccessor().invoke(e));
                    } catch (ReflectiveOperationException ex) {
                        throw new IllegalStateException(ex);
                    }
                }
            }
            return false;
        }
    }
}
