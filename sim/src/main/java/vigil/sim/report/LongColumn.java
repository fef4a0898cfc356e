package vigil.sim.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A growable column of longs in fixed blocks: millions of rows without the copy (and doubled peak) of a growing
 * array. Rows are appended and may be overwritten; none is removed.
 */
final class LongColumn {
    private static final int SHIFT = 14;
    private static final int BLOCK = 1 << SHIFT;
    private static final int MASK = BLOCK - 1;
    private final List<long[]> blocks = new ArrayList<>();
    private int size;

    int size() {
        return size;
    }

    int add(long v) {
        if ((size & MASK) == 0) {
            blocks.add(new long[BLOCK]);
        }
        int row = size++;
        blocks.get(row >>> SHIFT)[row & MASK] = v;
        return row;
    }

    long get(int row) {
        assert row < size : "row " + row + " of " + size;
        return blocks.get(row >>> SHIFT)[row & MASK];
    }

    void set(int row, long v) {
        assert row < size : "row " + row + " of " + size;
        blocks.get(row >>> SHIFT)[row & MASK] = v;
    }

    /** The first row whose value is at least {@code v}, for a column that never decreases; size() when none. */
    int firstAtLeast(long v) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (get(mid) < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
