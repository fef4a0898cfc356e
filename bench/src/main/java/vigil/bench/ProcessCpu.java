package vigil.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent by processes, from Linux's own counters ({@code /proc/PID/stat}): a figure that another program
 * loading the machine changes far less than a rate does. A server counts with its PostgreSQL (every descendant, and
 * what finished children left in their parents' counters); the bench counts itself apart, as a client.
 */
final class ProcessCpu {
    /** Clock ticks a second of {@code /proc} counters: 100 on every Linux this runs on ({@code getconf CLK_TCK}). */
    private static final long TICKS = 100;

    private ProcessCpu() {}

    /** CPU nanoseconds (user and system) of {@code pid} alone, including its reaped children; -1 when unreadable. */
    static long own(long pid) {
        long[] t = ticks(pid);
        return t == null ? -1 : (t[0] + t[1] + t[2] + t[3]) * (1_000_000_000L / TICKS);
    }

    /** CPU nanoseconds of every live descendant of {@code pid} and what they reaped (its PostgreSQL, for a server). */
    static long descendants(long pid) {
        return ProcessHandle.of(pid).map(h -> h.descendants().mapToLong(d -> Math.max(0, own(d.pid()))).sum())
                .orElse(-1L);
    }

    /**
     * CPU nanoseconds of {@code pid}'s threads whose names start with one of {@code prefixes} (a JVM's JIT compilers or
     * its collectors); threads that have ended are not counted.
     */
    static long threads(long pid, String... prefixes) {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(t.resolve("comm")).trim();
                    for (String p : prefixes) {
                        if (name.startsWith(p)) {
                            long[] ticks = ticks(t.resolve("stat"));
                            sum += ticks == null ? 0 : (ticks[0] + ticks[1]) * (1_000_000_000L / TICKS);
                            break;
                        }
                    }
                } catch (IOException e) {
                    // the thread ended
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return sum;
    }

    /** This JVM's CPU nanoseconds (the bench as a client). */
    static long self() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** utime, stime, cutime, cstime in ticks, or null. */
    private static long[] ticks(long pid) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat"));
    }

    private static long[] ticks(Path stat) {
        try {
            String s = Files.readString(stat);
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its last ')'.
            String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split("\\s+");
            // After the name: state is field 3, so utime (field 14) is f[11], stime f[12], cutime f[13], cstime f[14].
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                    Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null; // gone, or not Linux
        }
    }

    /** A reading of a server (JVM, its PostgreSQL) and this bench, taken together. */
    record Reading(long server, long jit, long gc, long postgres, long client) {
        static Reading of(long serverPid) {
            return new Reading(own(serverPid), threads(serverPid, "C1 Compiler", "C2 Compiler"),
                    threads(serverPid, "GC Thread", "G1 "), descendants(serverPid), self());
        }

        /**
         * Microseconds per operation between {@code before} and this: the server JVM (of which its JIT compilers and
         * its garbage collector), its PostgreSQL, and the bench as client.
         */
        String perOp(Reading before, long ops) {
            if (ops <= 0 || server < 0 || before.server < 0) {
                return "CPU per command unknown";
            }
            return String.format(java.util.Locale.ROOT, "CPU per command: server JVM %.0f us (JIT compilers %.0f us,"
                            + " GC %.0f us), its PostgreSQL %.0f us, bench client %.0f us",
                    (server - before.server) / 1e3 / ops, (jit - before.jit) / 1e3 / ops,
                    (gc - before.gc) / 1e3 / ops, (postgres - before.postgres) / 1e3 / ops,
                    (client - before.client) / 1e3 / ops);
        }
    }
}
