package vigil.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/** What the benchmarks report about the JVM they ran in: its collectors, their work, and one way to print. */
final class Jvm {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Jvm() {}

    /** Bytes this thread has allocated so far. */
    static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Collections so far, summed over every collector. */
    static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionCount());
        }
        return n;
    }

    /** Milliseconds spent collecting so far, summed over every collector. */
    static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionTime());
        }
        return n;
    }

    /** The collectors' names, e.g. {@code G1 Concurrent GC+G1 Old Generation+G1 Young Generation}. */
    static String gcNames() {
        return String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).sorted().toList());
    }

    /** One line on stdout, formatted the same on every machine. */
    static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
