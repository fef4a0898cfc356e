package vigil.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./vigil bench NAME [ARGS]}: runs one benchmark and prints its figures. Benchmarks print numbers only; they
 * never pass or fail.
 */
public final class Bench {

    /** A benchmark's entry point: its arguments after the name. */
    @FunctionalInterface
    interface Benchmark {
        void run(String[] args) throws Exception;
    }

    /** Every benchmark by name, in the order usage lists them. Adding one is adding one line. */
    private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("engine", EngineBench::main);
        BENCHMARKS.put("schemes", SchemeBench::main);
        BENCHMARKS.put("sim", SimBench::main);
        BENCHMARKS.put("durable", DurableBench::main);
        BENCHMARKS.put("snapshot", SnapshotBench::main);
    }

    private Bench() {}

    public static void main(String[] args) throws Exception {
        Benchmark benchmark = args.length == 0 ? null : BENCHMARKS.get(args[0]);
        if (benchmark == null) {
            if (args.length > 0) {
                System.err.println("vigil bench: unknown benchmark '" + args[0] + "'");
            }
            System.err.println("usage: vigil bench " + String.join("|", BENCHMARKS.keySet()) + " [ARGS]");
            System.exit(2);
            return;
        }
        // The engine checks its promises with assert statements (the launcher's -ea:vigil...): figures say which ran.
        boolean assertions = false;
        assert assertions = true;
        System.out.println("assertions: " + (assertions ? "on (-ea:vigil...)" : "off"));
        benchmark.run(Arrays.copyOfRange(args, 1, args.length));
    }
}
