package vigil.core.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vigil.core.Grade;
import vigil.core.Location;

/**
 * Which units are free and where (the room's {@code UnitState.location}: its roster place, then the scene of each
 * incident it arrived at), indexed so that "the nearest free unit to this scene" does not look at every unit. An
 * index of the room's units, kept by the room as it applies each event ({@link #changed}, {@link #moved},
 * {@link #added}); it reads the unit state and changes none.
 *
 * <p>Free units with a known place sit in a grid of cells over the area the roster covers (places outside it fall in
 * the edge cells). A search walks rings of cells outward from the scene and stops once no cell further out can hold
 * a unit nearer than the ones found: a lower bound on great-circle distance per ring makes the answer exactly that of
 * a scan, ties included (roster order). When only a few units are free, a scan of them is quicker and is used.
 */
final class UnitFinder {
    /** Same radius as {@link Location#kmTo}, so ring bounds and distances agree. */
    static final double EARTH_RADIUS_KM = 6371.0088;
    static final double KM_PER_DEGREE = EARTH_RADIUS_KM * Math.PI / 180;
    /** With this many free units or fewer, scanning them beats walking (mostly empty) cells. */
    private static final int SCAN_AT_MOST = 32;

    private final Room room;
    /** Units in roster order (units added later come after), up to {@link #count}; arrays grow as units are added. */
    private UnitState[] units;
    private int count;
    private final Map<String, Integer> index;
    private Location[] at;
    /** Each unit's place in radians and the cosine of its latitude, for the haversine key without conversions. */
    private double[] latRad;
    private double[] lonRad;
    private double[] cosLat;
    private final BitSet free;
    private int freeUnits;
    private UnitGrid grid;

    UnitFinder(Room room) {
        this.room = room;
        int n = room.units.size();
        this.units = new UnitState[Math.max(n, 4)];
        this.index = new HashMap<>(n * 2);
        this.at = new Location[units.length];
        this.latRad = new double[units.length];
        this.lonRad = new double[units.length];
        this.cosLat = new double[units.length];
        this.free = new BitSet(n);
        for (UnitState u : room.units.values()) {
            append(u);
        }
        regrid();
    }

    private void append(UnitState s) {
        if (count == units.length) {
            int n = units.length * 2;
            units = Arrays.copyOf(units, n);
            at = Arrays.copyOf(at, n);
            latRad = Arrays.copyOf(latRad, n);
            lonRad = Arrays.copyOf(lonRad, n);
            cosLat = Arrays.copyOf(cosLat, n);
        }
        int u = count++;
        units[u] = s;
        index.put(s.id, u);
        place(u, s.location);
    }

    /**
     * A new grid over every place now known, holding the free units. The roster's area can change only when units
     * are added, so this runs at the start and on each {@code UnitAdded}: rare, and linear in the units.
     */
    private void regrid() {
        grid = UnitGrid.covering(Arrays.copyOf(at, count));
        free.clear();
        freeUnits = 0;
        for (int u = 0; u < count; u++) {
            refresh(u);
        }
    }

    /*
     * Kept by the room's own change methods (IncidentChanges), each telling the finder about the unit it changed, so
     * that every event passes through Room.apply's one exhaustive switch and no list of "events that move units"
     * needs keeping here.
     */

    /** The unit's availability may have changed (assigned, released, stood down or up, retired). */
    void changed(UnitState s) {
        refresh(index.get(s.id));
    }

    /** The unit's believed place may have changed (it arrived at a scene or reported where it is). */
    void moved(UnitState s) {
        int u = index.get(s.id);
        if (s.location != null && !s.location.equals(at[u])) {
            moveTo(u, s.location);
        }
        refresh(u);
    }

    /** A unit joined the roster: the area to cover may be larger now. */
    void added(UnitState s) {
        append(s);
        regrid();
    }

    Location locationOf(String unitId) {
        Integer u = index.get(unitId);
        return u == null ? null : at[u];
    }

    boolean isFree(String unitId) {
        Integer u = index.get(unitId);
        return u != null && free.get(u);
    }

    int freeCount() {
        return freeUnits;
    }

    /**
     * Up to {@code limit} free units nearest {@code scene} by {@code travel}, nearest first, ties in roster order.
     * With travel that takes no time, the first free units in roster order; otherwise units of unknown place are
     * left out.
     */
    List<NearestUnit> nearestFree(Location scene, Travel travel, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        NearestSoFar best = new NearestSoFar(limit);
        if (travel instanceof Travel.NoTime) {
            for (int u = free.nextSetBit(0); u >= 0 && best.count < limit; u = free.nextSetBit(u + 1)) {
                best.offer(u, 0);
            }
        } else {
            Objects.requireNonNull(scene, "scene");
            Scene from = new Scene(scene);
            if (grid == null || freeUnits <= SCAN_AT_MOST) {
                for (int u = free.nextSetBit(0); u >= 0; u = free.nextSetBit(u + 1)) {
                    if (at[u] != null) {
                        best.offer(u, key(from, u));
                    }
                }
            } else {
                grid.search(from, best, this);
            }
        }
        return answer(best, scene, travel, false);
    }

    /**
     * The unit nearest {@code scene} that is committed to an open incident of one of {@code fromGrades} and not yet
     * there: the one a despatcher could divert. A scan of all units: diverts are rare, free units are the common
     * question.
     */
    NearestUnit nearestDivertable(Location scene, Travel travel, Set<Grade> fromGrades) {
        boolean timeless = travel instanceof Travel.NoTime;
        Scene from = timeless ? null : new Scene(Objects.requireNonNull(scene, "scene"));
        NearestSoFar best = new NearestSoFar(1);
        for (int u = 0; u < count; u++) {
            UnitState s = units[u];
            if (!s.committed() || s.atScene) {
                continue;
            }
            IncidentState i = room.incidents.get(s.committedTo);
            if (i == null || !i.open() || !fromGrades.contains(i.grade)) {
                continue;
            }
            if (timeless) {
                best.offer(u, 0);
                break;
            }
            if (at[u] != null) {
                best.offer(u, key(from, u));
            }
        }
        List<NearestUnit> found = answer(best, scene, travel, true);
        return found.isEmpty() ? null : found.get(0);
    }

    private void refresh(int u) {
        UnitState s = units[u];
        boolean isFree = s.free();
        if (isFree == free.get(u)) {
            return;
        }
        if (isFree) {
            free.set(u);
            freeUnits++;
            if (grid != null && at[u] != null) {
                grid.add(u, at[u]);
            }
        } else {
            free.clear(u);
            freeUnits--;
            if (grid != null) {
                grid.remove(u);
            }
        }
    }

    private void moveTo(int u, Location place) {
        if (grid == null) {
            place(u, place);
            regrid(); // the first known place: there is an area to cover now
            return;
        }
        boolean inGrid = grid.holds(u);
        if (inGrid) {
            grid.remove(u);
        }
        place(u, place);
        if (inGrid || free.get(u)) {
            grid.add(u, place);
        }
    }

    private void place(int u, Location l) {
        at[u] = l;
        if (l != null) {
            latRad[u] = Math.toRadians(l.lat());
            lonRad[u] = Math.toRadians(l.lon());
            cosLat[u] = Math.cos(latRad[u]);
        }
    }

    /** A scene in radians, for {@link #key}. */
    record Scene(Location location, double latRad, double lonRad, double cosLat) {
        Scene(Location l) {
            this(l, Math.toRadians(l.lat()), Math.toRadians(l.lon()), Math.cos(Math.toRadians(l.lat())));
        }
    }

    /**
     * The haversine of the angle between the scene and unit {@code u}: it grows with great-circle distance, so it
     * ranks units as distance does, without the arcsine and square root.
     */
    double key(Scene s, int u) {
        double dLat = Math.sin((latRad[u] - s.latRad) / 2);
        double dLon = Math.sin((lonRad[u] - s.lonRad) / 2);
        return dLat * dLat + s.cosLat * cosLat[u] * dLon * dLon;
    }

    /** The key of a great-circle distance (see {@link #key}). */
    static double keyOfKm(double km) {
        double half = Math.min(Math.PI / 2, km / EARTH_RADIUS_KM / 2);
        double sin = Math.sin(half);
        return sin * sin;
    }

    /** The candidates {@code best} holds, as the answer: place, distance and travel time of each. */
    private List<NearestUnit> answer(NearestSoFar best, Location scene, Travel travel, boolean divertable) {
        List<NearestUnit> out = new ArrayList<>(best.count);
        for (int i = 0; i < best.count; i++) {
            int u = best.unit[i];
            double d = scene != null && at[u] != null ? scene.kmTo(at[u]) : Double.NaN;
            Duration t = travel instanceof Travel.NoTime ? Duration.ZERO : travel.time(d);
            out.add(new NearestUnit(units[u].id, divertable ? units[u].committedTo : null, at[u], d, t));
        }
        return out;
    }
}
