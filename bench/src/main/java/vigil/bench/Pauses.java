package vigil.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Where a stall in a figure came from: the collector's pauses of the server (from its {@code /actuator/prometheus})
 * and of the bench itself (from its own JVM). A delay every subscriber saw at once is either; a delay the answers saw
 * too is the server's or the machine's (docs/adr/055).
 */
final class Pauses {
    private static final Pattern SERIES = Pattern.compile(
            "^jvm_gc_pause_seconds_(count|sum|max)\\{[^}]*}\\s+(\\S+)$", Pattern.MULTILINE);
    private static final Pattern ALLOCATED = Pattern.compile(
            "^jvm_gc_memory_allocated_bytes_total(?:\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE);

    /** The bench's own stop-the-world pauses since {@link #reset}: their number and the longest, in microseconds. */
    private static final AtomicLong OWN_COUNT = new AtomicLong();
    private static final AtomicLong OWN_LONGEST = new AtomicLong();

    static {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter && !gc.getName().contains("Concurrent")) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        long ms = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo()
                                .getDuration();
                        OWN_COUNT.incrementAndGet();
                        OWN_LONGEST.accumulateAndGet(ms * 1_000, Math::max);
                    }
                }, null, null);
            }
        }
    }

    private Pauses() {}

    /** Forget the bench's own pauses so far. */
    static void reset() {
        OWN_COUNT.set(0);
        OWN_LONGEST.set(0);
    }

    /** The bench's own pauses since {@link #reset}, in words. */
    static String own() {
        return String.format(Locale.ROOT, "the bench's own collector: %d pauses, the longest %.0f ms", OWN_COUNT.get(),
                OWN_LONGEST.get() / 1e3);
    }

    /**
     * The server's collector pauses, as its Prometheus text counts them (summed over every collector and cause), and
     * the bytes it has allocated: the more it allocates a command, the more often it pauses.
     */
    record Server(long count, double seconds, double longestSeconds, double allocatedBytes) {
        static Server of(String prometheusText) {
            long count = 0;
            double seconds = 0;
            double longest = 0;
            Matcher m = SERIES.matcher(prometheusText);
            while (m.find()) {
                double v = Double.parseDouble(m.group(2));
                switch (m.group(1)) {
                    case "count" -> count += (long) v;
                    case "sum" -> seconds += v;
                    default -> longest = Math.max(longest, v);
                }
            }
            Matcher a = ALLOCATED.matcher(prometheusText);
            return new Server(count, seconds, longest, a.find() ? Double.parseDouble(a.group(1)) : Double.NaN);
        }

        /**
         * The pauses since {@code before}, in words, and what the server allocated for each of {@code ops} commands;
         * the longest pause is Micrometer's, over its last two minutes.
         */
        String since(Server before, long ops) {
            long n = count - before.count;
            return String.format(Locale.ROOT, "the server allocated %.1f KiB a command; its collector: %d pauses, %.0f"
                            + " ms in all, the longest in the last 2 min %.0f ms",
                    (allocatedBytes - before.allocatedBytes) / 1024 / Math.max(1, ops), n,
                    (seconds - before.seconds) * 1e3, longestSeconds * 1e3);
        }
    }
}
