package vigil.sim.model;

import java.util.List;
import vigil.core.Location;

/**
 * An area calls come from: a disc of {@code radiusKm} round {@code centre}, at {@code callsPerHour} on average (before
 * the hourly profile). {@code preference}: unit ids in the order a {@code preference} despatcher tries them (may be
 * empty).
 */
public record Zone(String id, Location centre, double radiusKm, double callsPerHour, List<String> preference) {
    public Zone {
        preference = List.copyOf(preference);
    }
}
