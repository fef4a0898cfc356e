package vigil.server.live;

import java.util.List;

/**
 * Where a stream's asides come from besides the hub's news: what a stream starting after seq {@code after} should
 * carry that was made before it started (docs/adr/081).
 */
public interface AsideSource {

    /** The asides made so far that a stream from {@code after} carries, and the highest aside id made so far. */
    CatchUp since(long after);

    /**
     * {@code asides}, in any order; {@code madeUpTo}: every aside with an id up to this had been made when they were
     * read, so news of one of them is news of one already counted.
     */
    record CatchUp(List<Aside> asides, long madeUpTo) {}
}
