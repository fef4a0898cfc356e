package vigil.sim.report;

import static vigil.sim.report.Nanos.NONE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vigil.core.Grade;

/**
 * Every incident the reports have seen, one row each in creation order, kept in columns: a force's year is millions
 * of incidents and a report may ask for any period of it. A row holds only what a report needs to say how the
 * incident stood at any instant: its creation, grade and target (with its regrades, which are rare), its first
 * attendance or its closing, and whether it was tagged by a divert. Its id is kept while it is open and afterwards
 * only if some report could still list it (one that was ever late); the rest are dropped.
 */
final class IncidentLedger {
    private static final long GRADE = 0b11;
    private static final long ATTENDED = 1 << 2;
    private static final long CLOSED = 1 << 3;
    private static final long REGRADED = 1 << 4;
    private static final long TAGGED = 1 << 5;
    /** Not yet closed: later events can still change it. */
    private static final long OPEN = 1 << 6;
    private static final long FLAGS = (1 << 8) - 1;
    private static final int BCU_SHIFT_BITS = 8;
    private static final int BCU_SHIFT = BCU_SHIFT_BITS;
    private static final Grade[] GRADES = Grade.values();

    private final LongColumn createdAt = new LongColumn();
    private final LongColumn targetAt = new LongColumn();
    /** The first attendance (ATTENDED), or the closing of one never attended (CLOSED), else NONE. */
    private final LongColumn endAt = new LongColumn();
    /** The latest grade, the flags and the BCU's index. */
    private final LongColumn state = new LongColumn();
    private final List<String> ids = new ArrayList<>();
    /** Open incidents by id: the only ones later events can change (ids may come back once one is closed). */
    private final Map<String, Integer> open = new HashMap<>();
    /** For regraded incidents only: every grade they had, creation first. */
    private final Map<Integer, List<GradeChange>> grades = new HashMap<>();
    /** For tagged incidents only: when the first DIVERT tag was made. */
    private final Map<Integer, Long> taggedAt = new HashMap<>();
    private final List<String> bcuNames = new ArrayList<>();
    private final Map<String, Integer> bcuIndex = new HashMap<>();

    private record GradeChange(long at, Grade grade, long targetAt) {}

    /** Rows changed since the last {@link #drainChanged}, when changes are tracked (a follower that saves them). */
    private final java.util.BitSet changed;

    IncidentLedger(boolean trackChanges) {
        this.changed = trackChanges ? new java.util.BitSet() : null;
    }

    private void touch(int row) {
        if (changed != null) {
            changed.set(row);
        }
    }

    /**
     * The rows changed since the last call, each with the rest of its block (rows {@code k * block} to
     * {@code k * block + block - 1}, those there are), in order, as rows to save; forgets them.
     */
    List<Rows.Incident> drainChanged(int block) {
        List<Rows.Incident> out = new ArrayList<>(changed.cardinality());
        for (int row = changed.nextSetBit(0); row >= 0; ) {
            int end = Math.min(row - row % block + block, size());
            for (int r = row - row % block; r < end; r++) {
                out.add(row(r));
            }
            row = changed.nextSetBit(end);
        }
        changed.clear();
        return out;
    }

    /** Row {@code row} as it is saved. */
    Rows.Incident row(int row) {
        long s = state.get(row);
        Long tagged = taggedAt.get(row);
        String history = null;
        List<GradeChange> g = grades.get(row);
        if (g != null) {
            StringBuilder b = new StringBuilder();
            for (GradeChange c : g) {
                if (!b.isEmpty()) {
                    b.append(';');
                }
                b.append(c.at()).append(' ').append(c.grade().name()).append(' ').append(c.targetAt());
            }
            history = b.toString();
        }
        return new Rows.Incident(row, ids.get(row), bcuOf(row), createdAt.get(row), targetAt.get(row), endAt.get(row),
                s & FLAGS, tagged == null ? NONE : tagged, history);
    }

    /** Appends a saved row; its number here is returned (see {@link #reorder} for rows out of creation order). */
    int restore(Rows.Incident r) {
        int row = createdAt.add(r.createdAt());
        targetAt.add(r.targetAt());
        endAt.add(r.endAt());
        state.add((r.flags() & FLAGS) | (long) bcu(r.bcu()) << BCU_SHIFT);
        ids.add(r.incidentId());
        if ((r.flags() & OPEN) != 0 && r.incidentId() != null) {
            open.put(r.incidentId(), row);
        }
        if (r.taggedAt() != NONE) {
            taggedAt.put(row, r.taggedAt());
        }
        if (r.grades() != null) {
            List<GradeChange> h = new ArrayList<>(2);
            for (String c : r.grades().split(";")) {
                String[] f = c.split(" ");
                h.add(new GradeChange(Long.parseLong(f[0]), Grade.valueOf(f[1]), Long.parseLong(f[2])));
            }
            grades.put(row, h);
        }
        return row;
    }

    /**
     * Puts restored rows in {@code order} (row k becomes the row that was {@code order[k]}): rows restored in another
     * order than creation's are put back in it before anything reads them.
     */
    void reorder(int[] order) {
        int[] place = LongColumn.places(order);
        createdAt.reorder(order);
        targetAt.reorder(order);
        endAt.reorder(order);
        state.reorder(order);
        List<String> sortedIds = new ArrayList<>(ids.size());
        for (int old : order) {
            sortedIds.add(ids.get(old));
        }
        ids.clear();
        ids.addAll(sortedIds);
        open.replaceAll((id, old) -> place[old]);
        Map<Integer, List<GradeChange>> g = new HashMap<>();
        grades.forEach((old, h) -> g.put(place[old], h));
        grades.clear();
        grades.putAll(g);
        Map<Integer, Long> t = new HashMap<>();
        taggedAt.forEach((old, at) -> t.put(place[old], at));
        taggedAt.clear();
        taggedAt.putAll(t);
    }

    int size() {
        return createdAt.size();
    }

    int openCount() {
        return open.size();
    }

    /** The row of the open incident {@code id}, or -1 when there is none (closed, or never seen). */
    int openRow(String id) {
        Integer row = open.get(id);
        return row == null ? -1 : row;
    }

    int create(String id, long at, Grade grade, long target, String bcu) {
        int row = createdAt.add(at);
        targetAt.add(target);
        endAt.add(NONE);
        state.add(grade.ordinal() | OPEN | (long) bcu(bcu) << BCU_SHIFT);
        ids.add(id);
        open.put(id, row);
        touch(row);
        return row;
    }

    void regrade(int row, long at, Grade grade, long target) {
        long s = state.get(row);
        List<GradeChange> history = grades.computeIfAbsent(row, r -> {
            List<GradeChange> h = new ArrayList<>(2);
            h.add(new GradeChange(createdAt.get(r), GRADES[(int) (s & GRADE)], targetAt.get(r)));
            return h;
        });
        history.add(new GradeChange(at, grade, target));
        state.set(row, (s & ~GRADE) | grade.ordinal() | REGRADED);
        targetAt.set(row, target);
        touch(row);
    }

    /** The first attendance; later arrivals change nothing. */
    void attend(int row, long at) {
        long s = state.get(row);
        if ((s & (ATTENDED | CLOSED)) == 0) {
            state.set(row, s | ATTENDED);
            endAt.set(row, at);
            touch(row);
        }
    }

    void tag(int row, long at) {
        long s = state.get(row);
        if ((s & TAGGED) == 0) {
            state.set(row, s | TAGGED);
            taggedAt.put(row, at);
            touch(row);
        }
    }

    /**
     * Closing ends what can happen to the incident. Its id is dropped unless a report could list it as late for
     * some end of period: never regraded and attended (or closed) by its target, it never can be.
     */
    void close(String id, int row, long at) {
        open.remove(id);
        touch(row);
        long s = state.get(row) & ~OPEN;
        state.set(row, s);
        if ((s & ATTENDED) == 0) {
            state.set(row, s | CLOSED);
            endAt.set(row, at);
        }
        long target = targetAt.get(row);
        boolean everLate = (s & REGRADED) != 0 || target != NONE && endAt.get(row) > target;
        if (!everLate) {
            ids.set(row, null);
        }
    }

    long createdAt(int row) {
        return createdAt.get(row);
    }

    /** The first row created at or after {@code at}. */
    int firstCreatedAtOrAfter(long at) {
        return createdAt.firstAtLeast(at);
    }

    String bcuOf(int row) {
        return bcuNames.get((int) (state.get(row) >>> BCU_SHIFT));
    }

    /** How the incident stood at {@code to} (which must not be before its creation). */
    Standing standing(int row, long to) {
        long s = state.get(row);
        Grade grade = GRADES[(int) (s & GRADE)];
        long target = targetAt.get(row);
        if ((s & REGRADED) != 0) {
            for (GradeChange g : grades.get(row)) {
                if (g.at() > to) {
                    break;
                }
                grade = g.grade();
                target = g.targetAt();
            }
        }
        long end = endAt.get(row);
        long attended = (s & ATTENDED) != 0 ? Nanos.asOf(end, to) : NONE;
        long closed = (s & CLOSED) != 0 ? Nanos.asOf(end, to) : NONE;
        boolean tagged = (s & TAGGED) != 0 && taggedAt.get(row) <= to;
        return new Standing(ids.get(row), bcuOf(row), grade, createdAt.get(row), target, attended, closed, tagged, to);
    }

    private int bcu(String name) {
        String key = name == null || name.isBlank() ? Daris.NO_BCU : name;
        Integer i = bcuIndex.get(key);
        if (i == null) {
            i = bcuNames.size();
            bcuNames.add(key);
            bcuIndex.put(key, i);
        }
        return i;
    }
}
