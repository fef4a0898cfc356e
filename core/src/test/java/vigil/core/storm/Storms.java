package vigil.core.storm;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import vigil.core.storm.StormRun.Failure;

/**
 * Runs many storms against one invariant, VOPR-style. Each storm has its own seed; on a failure the storm is shrunk
 * (operations dropped while it still fails) and the report names the seed, so
 * {@code -Dvigil.storm.seed=SEED} replays exactly that storm. Seeds that failed are kept in
 * {@code target/storm-seeds} and tried first next run, until they pass.
 *
 * <p>{@code -Dvigil.storm.count=N} changes how many storms each property throws (default {@value #DEFAULT_COUNT}).
 */
final class Storms {
    static final int DEFAULT_COUNT = 150;
    private static final Path REMEMBERED = Path.of("target", "storm-seeds");
    private static final int SHRINK_BUDGET = 3000;

    private Storms() {}

    static void hold(Invariant invariant) {
        for (long seed : seeds(invariant)) {
            Storm storm = Storm.generate(seed);
            Optional<Failure> failure = StormRun.run(storm, invariant);
            if (failure.isPresent()) {
                remember(invariant, seed);
                Storm small = shrink(storm, invariant);
                Failure f = StormRun.run(small, invariant).orElse(failure.get());
                fail(invariant + " broken by " + storm + "\n"
                        + "replay with -Dvigil.storm.seed=" + seed + "\n"
                        + "shrunk to " + small.ops().size() + " ops; breach at op " + f.step() + ":\n    " + f.what()
                        + "\npolicy: " + small.policyLine() + "\ntimeline:\n" + f.timeline());
            }
        }
        forget(invariant);
    }

    private static List<Long> seeds(Invariant invariant) {
        String given = System.getProperty("vigil.storm.seed");
        if (given != null && !given.isBlank()) {
            return List.of(Long.parseLong(given.trim()));
        }
        int count = Integer.getInteger("vigil.storm.count", DEFAULT_COUNT);
        LinkedHashSet<Long> seeds = new LinkedHashSet<>(remembered(invariant));
        SplittableRandom fresh = new SplittableRandom();
        while (seeds.size() < count + remembered(invariant).size()) {
            seeds.add(fresh.nextLong());
        }
        return new ArrayList<>(seeds);
    }

    /** Drops chunks of operations, halving the chunk size, while the storm still breaks the same invariant. */
    static Storm shrink(Storm storm, Invariant invariant) {
        List<Storm.Op> ops = new ArrayList<>(storm.ops());
        int budget = SHRINK_BUDGET;
        for (int chunk = Math.max(1, ops.size() / 2); chunk >= 1 && budget > 0; chunk /= 2) {
            boolean removed = true;
            while (removed && budget > 0) {
                removed = false;
                for (int from = 0; from < ops.size() && budget > 0; ) {
                    List<Storm.Op> fewer = without(ops, from, Math.min(ops.size(), from + chunk));
                    budget--;
                    if (!fewer.isEmpty() && StormRun.run(storm.withOps(fewer), invariant).isPresent()) {
                        ops = fewer;
                        removed = true;
                    } else {
                        from += chunk;
                    }
                }
            }
        }
        return storm.withOps(ops);
    }

    /** The ops without {@code [from, to)}; the time they took is kept, so what follows happens when it did. */
    private static List<Storm.Op> without(List<Storm.Op> ops, int from, int to) {
        List<Storm.Op> fewer = new ArrayList<>(ops.subList(0, from));
        int gap = 0;
        for (Storm.Op dropped : ops.subList(from, to)) {
            gap += dropped.gapSeconds();
        }
        if (to < ops.size()) {
            Storm.Op next = ops.get(to);
            fewer.add(new Storm.Op(next.kind(), next.gapSeconds() + gap, next.actor(), next.a(), next.b(), next.c(),
                    next.aim()));
            fewer.addAll(ops.subList(to + 1, ops.size()));
        }
        return fewer;
    }

    private static List<Long> remembered(Invariant invariant) {
        try {
            if (!Files.exists(REMEMBERED)) {
                return List.of();
            }
            return Files.readAllLines(REMEMBERED, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith(invariant.name() + " "))
                    .map(l -> Long.parseLong(l.substring(invariant.name().length() + 1).trim()))
                    .distinct().toList();
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    private static void remember(Invariant invariant, long seed) {
        try {
            Files.createDirectories(REMEMBERED.getParent());
            Files.writeString(REMEMBERED, invariant.name() + " " + seed + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // remembering is a convenience; the seed is in the failure message anyway
        }
    }

    private static void forget(Invariant invariant) {
        try {
            if (!Files.exists(REMEMBERED)) {
                return;
            }
            List<String> kept = Files.readAllLines(REMEMBERED, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.startsWith(invariant.name() + " ")).collect(Collectors.toList());
            Files.write(REMEMBERED, kept, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // see remember
        }
    }
}
