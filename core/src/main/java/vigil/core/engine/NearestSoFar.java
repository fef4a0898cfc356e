package vigil.core.engine;

/** The {@link UnitFinder}'s best {@code limit} candidates so far, ordered by distance key then roster index. */
final class NearestSoFar {
    final int[] unit;
    final double[] key;
    int count;

    NearestSoFar(int limit) {
        unit = new int[limit];
        key = new double[limit];
    }

    boolean full() {
        return count == unit.length;
    }

    double worstKey() {
        return key[count - 1];
    }

    void offer(int u, double d) {
        if (full() && !before(d, u, key[count - 1], unit[count - 1])) {
            return;
        }
        int i = full() ? count - 1 : count++;
        while (i > 0 && before(d, u, key[i - 1], unit[i - 1])) {
            key[i] = key[i - 1];
            unit[i] = unit[i - 1];
            i--;
        }
        key[i] = d;
        unit[i] = u;
    }

    private static boolean before(double d1, int u1, double d2, int u2) {
        return d1 < d2 || (d1 == d2 && u1 < u2);
    }
}
