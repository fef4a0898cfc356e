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
    private List<long[]> blocks = new ArrayList<>();
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

    /** Puts the rows in {@code order}: row k becomes the row that was {@code order[k]}. */
    void reorder(int[] order) {
        assert order.length == size : order.length + " places for " + size + " rows";
        List<long[]> moved = new ArrayList<>(blocks.size());
        for (int k = 0; k < size; k++) {
            if ((k & MASK) == 0) {
                moved.add(new long[BLOCK]);
            }
            moved.get(k >>> SHIFT)[k & MASK] = get(order[k]);
        }
        blocks = moved;
    }

    /** The inverse of {@code order}: where each row goes (row {@code order[k]} goes to k). */
    static int[] places(int[] order) {
        int[] place = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            place[order[k]] = k;
        }
        return place;
    }

    /**
     * The order that sorts this column's values (which must be distinct and at least 0 and below 2^31): its k-th
     * place holds the row of the k-th smallest value. Null when the values already rise.
     */
    int[] sortingOrder() {
        boolean rising = true;
        for (int k = 1; k < size && rising; k++) {
            rising = get(k - 1) < get(k);
        }
        if (rising) {
            return null;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int k = 0; k < size; k++) {
            long v = get(k);
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("value " + v + " of row " + k + " cannot be sorted by");
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min < 4L * size ? placed(min, max) : sorted();
    }

    /** Values close together (a period's rows): each row put in its value's place, no sort. */
    private int[] placed(long min, long max) {
        int[] at = new int[(int) (max - min + 1)];
        java.util.Arrays.fill(at, -1);
        for (int k = 0; k < size; k++) {
            int slot = (int) (get(k) - min);
            if (at[slot] >= 0) {
                throw new IllegalArgumentException("value " + get(k) + " is given twice");
            }
            at[slot] = k;
        }
        int[] order = new int[size];
        int n = 0;
        for (int row : at) {
            if (row >= 0) {
                order[n++] = row;
            }
        }
        return order;
    }

    /** Values spread wide (one BCU's rows of a year): sorted. */
    private int[] sorted() {
        long[] keyed = new long[size];
        for (int k = 0; k < size; k++) {
            keyed[k] = get(k) << 32 | k;
        }
        java.util.Arrays.parallelSort(keyed);
        int[] order = new int[size];
        for (int k = 0; k < size; k++) {
            if (k > 0 && keyed[k] >>> 32 == keyed[k - 1] >>> 32) {
                throw new IllegalArgumentException("value " + (keyed[k] >>> 32) + " is given twice");
            }
            order[k] = (int) keyed[k];
        }
        return order;
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
