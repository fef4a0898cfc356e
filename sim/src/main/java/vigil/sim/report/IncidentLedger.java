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
    private static final int BCU_SHIFT = 8;
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
        state.add(grade.ordinal() | (long) bcu(bcu) << BCU_SHIFT);
        ids.add(id);
        open.put(id, row);
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
    }

    /** The first attendance; later arrivals change nothing. */
    void attend(int row, long at) {
        long s = state.get(row);
        if ((s & (ATTENDED | CLOSED)) == 0) {
            state.set(row, s | ATTENDED);
            endAt.set(row, at);
        }
    }

    void tag(int row, long at) {
        long s = state.get(row);
        if ((s & TAGGED) == 0) {
            state.set(row, s | TAGGED);
            taggedAt.put(row, at);
        }
    }

    /**
     * Closing ends what can happen to the incident. Its id is dropped unless a report could list it as late for
     * some end of period: never regraded and attended (or closed) by its target, it never can be.
     */
    void close(String id, int row, long at) {
        open.remove(id);
        long s = state.get(row);
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
