package vigil.core;

/** Urgency of an incident: Immediate, Significant, Extended, Referred (no attendance). Ordered most urgent first. */
public enum Grade {
    I, S, E, R;

    /** True when this grade is less urgent than {@code other}. */
    public boolean isBelow(Grade other) {
        return ordinal() > other.ordinal();
    }
}
