package vigil.bench;

import static vigil.bench.Jvm.gcCount;
import static vigil.bench.Jvm.gcMillis;
import static vigil.bench.Jvm.gcNames;
import static vigil.bench.Jvm.out;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.ContactPreference;
import vigil.core.Command.Explained;
import vigil.core.Event;
import vigil.core.Grade;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.Role;
import vigil.core.Roster;
import vigil.core.engine.Engine;

/**
 * What matching a call costs in a large force: an engine holding {@code --schemes} active special schemes (distinct
 * numbers and addresses, 100,000 by default) and {@code --calls} earlier calls (1,000,000) spread over
 * {@code --days} (80) so all of them sit in the 90-day caller history. Everything goes in through
 * {@link Engine#submit}, as in the control room.
 *
 * <p>Then it times single {@code RecordCall} commands of three kinds, interleaved so each sees the same state: a call
 * by a scheme's number or to its address ({@code SchemeMatched}), a call by a caller with earlier calls but no scheme
 * ({@code PreviousContactsFound} only), and a call that matches nothing. They arrive at the history phase's rate, so
 * once the 90-day window starts to slide it holds about as many calls as it did (1.0 to 1.13 million by default).
 * Prints microseconds per call (mean and percentiles, HdrHistogram) for each kind, checks each kind produced the
 * events it is meant to, and prints the heap the engine holds. For scale it also times libphonenumber alone on the
 * same numbers, which every call with a CLI pays.
 *
 * <p>Options: {@code --schemes N}, {@code --calls N}, {@code --days N}, {@code --measure N} timed calls of each
 * kind (100000), {@code --warmup N} untimed calls of each kind first (50000), {@code --seed N} (42).
 */
public final class SchemeBench {
    private static final Instant START = Instant.parse("2025-01-06T09:00:00Z");
    private static final Actor OIC = new Actor("oic1", Role.OIC, "SE");
    private static final Actor RTRD = new Actor("rtrd1", Role.RTRD, null);
    private static final Actor CALL_HANDLER = new Actor("ch1", Role.CALL_HANDLER, "SE");
    private static final Roster ROSTER = new Roster(List.of(
            new Roster.StaffMember(OIC.id(), OIC.role(), OIC.bcu()),
            new Roster.StaffMember(RTRD.id(), RTRD.role(), RTRD.bcu()),
            new Roster.StaffMember("cm1", Role.CRIME_MANAGER, "SE"),
            new Roster.StaffMember(CALL_HANDLER.id(), CALL_HANDLER.role(), CALL_HANDLER.bcu())), List.of());

    /** Callers who ring more than once; a call in the history phase is one of theirs 95 times in 100. */
    private static final int REGULARS = 300_000;

    enum Kind {
        SCHEME("matches a scheme"), HISTORY("matches history only"), NOTHING("matches nothing");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private SchemeBench() {}

    public static void main(String[] args) {
        int schemes = 100_000;
        int calls = 1_000_000;
        int days = 80;
        int measure = 100_000;
        int warmup = 50_000;
        long seed = 42;
        try {
            for (int k = 0; k < args.length; k++) {
                switch (args[k]) {
                    case "--schemes" -> schemes = positive(Integer.parseInt(args[++k]));
                    case "--calls" -> calls = positive(Integer.parseInt(args[++k]));
                    case "--days" -> days = positive(Integer.parseInt(args[++k]));
                    case "--measure" -> measure = positive(Integer.parseInt(args[++k]));
                    case "--warmup" -> warmup = Math.max(0, Integer.parseInt(args[++k]));
                    case "--seed" -> seed = Long.parseLong(args[++k]);
                    default -> throw new IllegalArgumentException(args[k]);
                }
            }
            if (days >= 90) {
                throw new IllegalArgumentException("--days must be under the 90-day history window");
            }
        } catch (RuntimeException e) {
            System.err.println("usage: vigil bench schemes [--schemes N] [--calls N] [--days N (< 90)] [--measure N] "
                    + "[--warmup N] [--seed N]");
            System.exit(2);
        }
        new Run(schemes, calls, days, measure, warmup, seed).go();
    }

    private static int positive(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("not positive: " + n);
        }
        return n;
    }

    private static final class Run {
        private final int schemes;
        private final int calls;
        private final int days;
        private final int measure;
        private final int warmup;
        private final SplittableRandom rnd;
        private final Engine engine;
        /** When each regular caller last called by number, in seconds from the start (-1: never), so a call meant to
         *  find history is made by someone whose last call is still inside the window. */
        private final int[] lastCalledByNumber = new int[REGULARS];
        private Instant now = START;
        private long step;
        private long callSeq;
        private long fresh;
        private long rejected;

        Run(int schemes, int calls, int days, int measure, int warmup, long seed) {
            this.schemes = schemes;
            this.calls = calls;
            this.days = days;
            this.measure = measure;
            this.warmup = warmup;
            this.rnd = new SplittableRandom(seed);
            this.engine = Engine.start(Policy.metropolitan().withRetainClosedFor(vigil.core.Span.parse("P7D")), ROSTER, START);
            Arrays.fill(lastCalledByNumber, -1);
        }

        void go() {
            out("vigil bench schemes: the cost of matching one call against schemes and caller history");
            out("  java %s, %s, max heap %,d MB", System.getProperty("java.version"), gcNames(),
                    Runtime.getRuntime().maxMemory() >> 20);
            long heap0 = usedHeapAfterGc();

            long t0 = System.nanoTime();
            for (int i = 0; i < schemes; i++) {
                submit(form(i));
                submit(new Command.ActivateScheme(RTRD, schemeId(i)));
                submit(new Command.RecordVictimContact(OIC, schemeId(i), "PHONE", ContactOutcome.CONTACTED,
                        EnumSet.of(Explained.SCHEME, Explained.DURATION), null));
            }
            long setupSchemes = System.nanoTime() - t0;
            out("  %,d schemes requested, activated and explained to the victim in %.1f s", schemes,
                    setupSchemes / 1e9);

            // The history phase: calls arriving at random (exponential gaps) over the days, most from regular callers.
            // Random gaps also keep the engine's periodic work (history pruning, once a minute) from always landing
            // on the same kind of measured call.
            long gapMillis = Duration.ofDays(days).toMillis() / calls;
            Instant historyEnd = START.plus(Duration.ofDays(days));
            t0 = System.nanoTime();
            for (int c = 0; c < calls; c++) {
                now = min(now.plusMillis(randomGap(gapMillis)), historyEnd);
                submit(historyCall());
            }
            long setupCalls = System.nanoTime() - t0;
            out("  %,d calls over %d days recorded in %.1f s (%,.0f calls/s); virtual clock at %s", calls, days,
                    setupCalls / 1e9, calls / (setupCalls / 1e9), now);
            long heap1 = usedHeapAfterGc();
            out("  heap held after set-up: %,d MB (%,d MB before the engine): about %,d bytes per call in the window "
                    + "with the schemes' share included", (heap1 - heap0) >> 20, heap0 >> 20,
                    (heap1 - heap0) / Math.max(1, calls));
            if (rejected > 0) {
                out("  WARNING: %,d set-up commands were refused; the figures below do not describe the stated state",
                        rejected);
            }

            Histogram[] h = new Histogram[Kind.values().length];
            long[][] seen = new long[Kind.values().length][3];
            for (Kind k : Kind.values()) {
                h[k.ordinal()] = new Histogram(3_600_000_000_000L, 3);
            }
            for (int n = 0; n < warmup; n++) {
                for (Kind k : Kind.values()) {
                    timedCall(k, gapMillis, null, null);
                }
            }
            long gcCount0 = gcCount();
            long gcMillis0 = gcMillis();
            for (int n = 0; n < measure; n++) {
                for (Kind k : Kind.values()) {
                    timedCall(k, gapMillis, h[k.ordinal()], seen[k.ordinal()]);
                }
            }
            out("  %,d untimed then %,d timed calls of each kind, interleaved, one every %.1f s on average; virtual clock "
                    + "at %s",
                    warmup, measure, gapMillis / 1000.0, now);
            out("  the 90-day window held about %,d calls when timing began and %,d when it ended; %d collections, %,d ms "
                    + "in GC while timing", inWindow(calls, gapMillis, 3L * warmup),
                    inWindow(calls, gapMillis, 3L * (warmup + measure)), gcCount() - gcCount0,
                    gcMillis() - gcMillis0);
            out("");
            out("  %-22s %9s %9s %9s %9s %9s %9s %9s   %s", "µs per RecordCall", "mean", "p50", "p90", "p99",
                    "p99.9", "p99.99", "max", "events (matched / previous contacts / only CallRecorded)");
            for (Kind k : Kind.values()) {
                Histogram x = h[k.ordinal()];
                long[] s = seen[k.ordinal()];
                out("  %-22s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f   %,d / %,d / %,d", k.label,
                        x.getMean() / 1e3, us(x, 50), us(x, 90), us(x, 99), us(x, 99.9), us(x, 99.99),
                        x.getMaxValue() / 1e3, s[0], s[1], s[2]);
                checkKind(k, s);
            }
            long heap2 = usedHeapAfterGc();
            out("");
            out("  heap held at the end: %,d MB", (heap2 - heap0) >> 20);
            out("  for scale, libphonenumber alone (parse, isPossibleNumber, format E.164): %.2f µs per number",
                    phoneParsingMicros());
        }

        /** Calls within the window after {@code extra} more calls, all spaced {@code gapMillis} apart from the start. */
        private static long inWindow(long historyCalls, long gapMillis, long extra) {
            long windowMillis = Duration.ofDays(90).toMillis();
            return Math.min(historyCalls + extra, windowMillis / gapMillis);
        }

        private double phoneParsingMicros() {
            PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
            int n = 300_000;
            String[] numbers = new String[n];
            for (int k = 0; k < n; k++) {
                numbers[k] = regularCli(rnd.nextInt(REGULARS), rnd.nextInt(3));
            }
            long sink = 0;
            long nanos = 0;
            for (int round = 0; round < 2; round++) { // the first round warms up
                long t0 = System.nanoTime();
                for (String s : numbers) {
                    try {
                        PhoneNumber p = phones.parse(s, "GB");
                        if (phones.isPossibleNumber(p)) {
                            sink += phones.format(p, PhoneNumberFormat.E164).length();
                        }
                    } catch (NumberParseException e) {
                        sink--;
                    }
                }
                nanos = System.nanoTime() - t0;
            }
            if (sink == 42) {
                out("");
            }
            return nanos / 1e3 / n;
        }

        /** Says so when a kind did not produce what it is meant to: then its figures measure something else. */
        private void checkKind(Kind k, long[] s) {
            boolean ok = switch (k) {
                case SCHEME -> s[0] == measure;
                case HISTORY -> s[0] == 0 && s[1] == measure;
                case NOTHING -> s[2] == measure;
            };
            if (!ok) {
                out("  WARNING: calls that %s did not all do so; their figures are not what they claim", k.label);
            }
        }

        private void timedCall(Kind kind, long gapMillis, Histogram h, long[] seen) {
            now = now.plusMillis(randomGap(gapMillis));
            Command c = switch (kind) {
                case SCHEME -> {
                    int i = rnd.nextInt(schemes);
                    yield rnd.nextBoolean() ? call(schemeCli(i, rnd.nextInt(3)), null)
                            : call(null, schemeAddress(i, rnd.nextBoolean()));
                }
                case HISTORY -> {
                    int recent = (int) (Duration.between(START, now).minusDays(89).toSeconds());
                    int r;
                    do {
                        r = rnd.nextInt(REGULARS);
                    } while (lastCalledByNumber[r] < 0 || lastCalledByNumber[r] < recent);
                    yield calledByNumber(r, call(regularCli(r, rnd.nextInt(3)), null));
                }
                case NOTHING -> {
                    long f = fresh++;
                    yield call(String.format(Locale.ROOT, "07900 %06d", f % 1_000_000),
                            (f + 1) + " Fresh Lane, London E1 6AN");
                }
            };
            long t0 = System.nanoTime();
            List<Recorded> out = engine.submit(step++, c, now);
            long nanos = System.nanoTime() - t0;
            if (h == null) {
                return;
            }
            h.recordValue(nanos);
            boolean matched = false;
            boolean previous = false;
            for (Recorded r : out) {
                matched |= r.event() instanceof Event.SchemeMatched;
                previous |= r.event() instanceof Event.PreviousContactsFound;
            }
            if (matched) {
                seen[0]++;
            }
            if (previous) {
                seen[1]++;
            }
            if (!matched && !previous) {
                seen[2]++;
            }
        }

        private Command historyCall() {
            int roll = rnd.nextInt(100);
            if (roll < 95) {
                int r = rnd.nextInt(REGULARS);
                int how = rnd.nextInt(10);
                if (how < 8) {
                    return calledByNumber(r, call(regularCli(r, rnd.nextInt(3)), null));
                }
                if (how == 8) {
                    return call(null, regularAddress(r));
                }
                return calledByNumber(r, call(regularCli(r, 0), regularAddress(r)));
            }
            if (roll < 96) {
                return call(schemeCli(rnd.nextInt(schemes), rnd.nextInt(3)), null);
            }
            if (roll < 97) {
                return call(null, schemeAddress(rnd.nextInt(schemes), rnd.nextBoolean()));
            }
            if (roll < 98) {
                return call("withheld", null);
            }
            // a one-off caller from a number never seen again
            return call(String.format(Locale.ROOT, "+44 7911 %06d", rnd.nextInt(1_000_000)), null);
        }

        /** An exponentially distributed gap with the given mean: calls arrive as a Poisson stream. */
        private long randomGap(long meanMillis) {
            return Math.round(-Math.log(1 - rnd.nextDouble()) * meanMillis);
        }

        private static Instant min(Instant a, Instant b) {
            return a.isBefore(b) ? a : b;
        }

        private Command calledByNumber(int regular, Command call) {
            lastCalledByNumber[regular] = (int) Duration.between(START, now).toSeconds();
            return call;
        }

        private Command call(String cli, String address) {
            return new Command.RecordCall(CALL_HANDLER, "C" + (++callSeq), cli, address, null,
                    Command.CallerKind.VICTIM, null);
        }

        private void submit(Command c) {
            for (Recorded r : engine.submit(step++, c, now)) {
                if (r.event() instanceof Event.CommandRejected) {
                    rejected++;
                }
            }
        }

        private static Command form(int i) {
            return new Command.RequestScheme(OIC, schemeId(i), schemeAddress(i, false), List.of(schemeCli(i, 0)),
                    "Victim " + i, new ContactPreference("PHONE", null), OIC.id(), "SE", "50" + i + "/25",
                    "Immediate response.", Grade.I);
        }

        private static String schemeId(int i) {
            return "S" + i;
        }

        /** Scheme numbers are 07700 1xxxxx; {@code form} picks how the caller's line presents it. */
        private static String schemeCli(int i, int form) {
            String six = String.format(Locale.ROOT, "%06d", 100_000 + i);
            return switch (form) {
                case 0 -> "07700 " + six;
                case 1 -> "+44 7700 " + six;
                default -> "00447700" + six;
            };
        }

        private static String schemeAddress(int i, boolean asTyped) {
            String a = "Flat " + (i % 50 + 1) + ", " + (i / 50 + 1) + " Scheme Street, London SE1 1AA";
            return asTyped ? a.toLowerCase(Locale.ROOT).replace(",", "").replace("se1 1aa", "se11aa") : a;
        }

        /** Regular callers' numbers are 07800 xxxxxx. */
        private static String regularCli(int r, int form) {
            String six = String.format(Locale.ROOT, "%06d", r);
            return switch (form) {
                case 0 -> "07800 " + six;
                case 1 -> "+44 7800 " + six;
                default -> "00447800" + six;
            };
        }

        private static String regularAddress(int r) {
            return (r + 1) + " Regular Road, London N7 0AA";
        }
    }

    private static double us(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int k = 0; k < 4; k++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
