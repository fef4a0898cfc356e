package vigil.sim.report;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import vigil.core.Grade;

/**
 * Which incidents a report looks at: those of the BCUs given and of the grades given (at the end of the period);
 * an empty set lets every BCU (or grade) through. The BCU of an incident with none is {@value Daris#NO_BCU}.
 * Diverts are filtered by their original incident, calls by the incident they became or were linked to, schemes
 * by their BCU only (a scheme has no grade of its own).
 */
public record Filter(Set<String> bcus, Set<Grade> grades) {
    /** Every incident. */
    public static final Filter NONE = new Filter(Set.of(), Set.of());

    public Filter {
        // Sorted, so a report that echoes its filter prints it the same way every time.
        bcus = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(bcus, "bcus")));
        EnumSet<Grade> g = EnumSet.noneOf(Grade.class);
        g.addAll(Objects.requireNonNull(grades, "grades"));
        grades = Collections.unmodifiableSet(g);
    }

    public static Filter bcu(String... bcus) {
        return new Filter(Set.of(bcus), Set.of());
    }

    public static Filter grade(Grade... grades) {
        return new Filter(Set.of(), Set.of(grades));
    }

    public Filter andBcu(String... more) {
        Set<String> b = new TreeSet<>(bcus);
        b.addAll(Set.of(more));
        return new Filter(b, grades);
    }

    public Filter andGrade(Grade... more) {
        Set<Grade> g = EnumSet.noneOf(Grade.class);
        g.addAll(grades);
        g.addAll(Set.of(more));
        return new Filter(bcus, g);
    }

    /** True when nothing is filtered out. */
    public boolean none() {
        return bcus.isEmpty() && grades.isEmpty();
    }

    boolean admitsBcu(String bcu) {
        return bcus.isEmpty() || bcus.contains(bcu);
    }

    boolean admits(String bcu, Grade grade) {
        return admitsBcu(bcu) && (grades.isEmpty() || grades.contains(grade));
    }
}
