package vigil.server.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vigil.core.Location;
import vigil.core.engine.Queries;
import vigil.core.engine.Queries.AlertView;
import vigil.core.engine.Queries.IncidentView;
import vigil.core.engine.Queries.UnitView;

/**
 * The room as the shift's people see it at one moment, copied on the writer from committed state: the shift's crews,
 * the open incidents (most urgent first, then oldest: the despatch queue's order) with their scenes, the divert reviews
 * and reallocations waiting, and how many units are free. Whatever people did is in it; nothing is remembered from the
 * picture before.
 */
record Picture(List<UnitView> crews, List<IncidentView> open, Map<String, Location> scenes,
               List<AlertView> protocol, int freeUnits) {

    static final String REVIEW = "DivertReviewRequested";
    static final String REALLOCATION = "ReallocationRequested";

    static Picture of(Queries q, Set<String> crewIds) {
        List<UnitView> crews = q.units().stream().filter(u -> crewIds.contains(u.id())).toList();
        List<IncidentView> open = q.openIncidents();
        Map<String, Location> scenes = new HashMap<>();
        for (IncidentView i : open) {
            q.incidentLocation(i.id()).ifPresent(l -> scenes.put(i.id(), l));
        }
        List<AlertView> protocol = q.openAlerts().stream()
                .filter(a -> a.type().equals(REVIEW) || a.type().equals(REALLOCATION)).toList();
        return new Picture(crews, open, Map.copyOf(scenes), protocol, q.availableUnitCount());
    }
}
