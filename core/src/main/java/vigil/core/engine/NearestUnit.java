package vigil.core.engine;

import java.time.Duration;
import vigil.core.Location;

/**
 * A unit recommended for a scene: where it is believed to be, how far (great-circle km; NaN when either place is
 * unknown) and how long it would take to get there. {@code committedTo} is the incident it would be diverted from, or
 * null for a unit that is free.
 */
public record NearestUnit(String unitId, String committedTo, Location location, double km, Duration travelTime) {}
