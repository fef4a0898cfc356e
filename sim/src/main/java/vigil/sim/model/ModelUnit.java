package vigil.sim.model;

/**
 * A response unit of the model and the zone it belongs to (and starts in, at the zone's centre). {@code rosterId} is
 * its id in the engine: the file's id, made unique with a {@code #n} suffix when the file repeats an id for a
 * different unit.
 */
public record ModelUnit(String id, String homeZone, String rosterId) {}
