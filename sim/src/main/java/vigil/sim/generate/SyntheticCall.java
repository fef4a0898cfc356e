package vigil.sim.generate;

import java.time.Duration;
import java.time.Instant;
import vigil.core.Grade;
import vigil.core.Location;

/**
 * One generated call. {@code number} counts from 1 in arrival order; {@code serviceTime} is how long the unit that
 * attends will stay (zero for R, never attended); {@code offsetNanos} is {@code at} as nanoseconds after the
 * generator's start.
 */
public record SyntheticCall(long number, Instant at, long offsetNanos, String zoneId, Location location, Grade grade,
                            Duration serviceTime) {}
