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
import vigil.core.Command.UnitStatus;
import vigil.core.Event;
import vigil.core.Grade;
import vigil.core.Location;

/**
 * Which units are free and where (the room's {@code UnitState.location}: its roster place, then the scene of each
 * incident it arrived at), indexed so that "the nearest free unit to this scene" does not look at every unit. A projection of
 * the event stream kept beside the {@link Room}: it reads the room's unit state after each event and changes none.
 *
 * <p>Free units with a known place sit in a grid of cells over the area the roster covers (places outside it fall in
 * the edge cells). A search walks rings of cells outward from the scene and stops once no cell further out can hold
 * a unit nearer than the ones found: a lower bound on great-circle distance per ring makes the answer exactly that of
 * a scan, ties included (roster order). When only a few units are free, a scan of them is quicker and is used.
 */
final class UnitFinder {
    /** Same radius as {@link Location#kmTo}, so ring bounds and distances agree. */
    private static final double EARTH_RADIUS_KM = 6371.0088;
    private static final double KM_PER_DEGREE = EARTH_RADIUS_KM * Math.PI / 180;
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
    private Grid grid;

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
        grid = Grid.covering(Arrays.copyOf(at, count));
        free.clear();
        freeUnits = 0;
        for (int u = 0; u < count; u++) {
            refresh(u);
        }
    }

    /** Follows one event the room has just applied. */
    void applied(Event event) {
        switch (event) {
            case Event.UnitArrived e -> {
                int u = index.get(e.unitId());
                Location now = units[u].location;
                if (now != null && !now.equals(at[u])) {
                    moveTo(u, now);
                }
                refresh(u);
            }
            case Event.UnitAssigned e -> refresh(index.get(e.unitId()));
            case Event.UnitCleared e -> refresh(index.get(e.unitId()));
            case Event.UnitDiverted e -> refresh(index.get(e.unitId()));
            case Event.UnitStatusChanged e -> refresh(index.get(e.unitId()));
            case Event.UnitAdded e -> {
                append(room.units.get(e.unitId()));
                regrid();
            }
            case Event.UnitRetired e -> refresh(index.get(e.unitId()));
            case Event.UnitLocationReported e -> {
                int u = index.get(e.unitId());
                moveTo(u, e.location());
            }
            default -> { /* no unit moves or changes availability */ }
        }
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
        Best best = new Best(limit);
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
        return best.answer(scene, travel, false);
    }

    /**
     * The unit nearest {@code scene} that is committed to an open incident of one of {@code fromGrades} and not yet
     * there: the one a despatcher could divert. A scan of all units: diverts are rare, free units are the common
     * question.
     */
    NearestUnit nearestDivertable(Location scene, Travel travel, Set<Grade> fromGrades) {
        boolean timeless = travel instanceof Travel.NoTime;
        Scene from = timeless ? null : new Scene(Objects.requireNonNull(scene, "scene"));
        Best best = new Best(1);
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
        List<NearestUnit> found = best.answer(scene, travel, true);
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
    private record Scene(Location location, double latRad, double lonRad, double cosLat) {
        Scene(Location l) {
            this(l, Math.toRadians(l.lat()), Math.toRadians(l.lon()), Math.cos(Math.toRadians(l.lat())));
        }
    }

    /**
     * The haversine of the angle between the scene and unit {@code u}: it grows with great-circle distance, so it
     * ranks units as distance does, without the arcsine and square root.
     */
    private double key(Scene s, int u) {
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

    /** The best {@code limit} candidates so far, ordered by distance key then roster index. */
    private final class Best {
        final int[] unit;
        final double[] key;
        int count;

        Best(int limit) {
            unit = new int[limit];
            key = new double[limit];
        }

        boolean full() {
            return count == unit.length;
        }

        double worstKey() {
            return key[count - 1];
        }

        void offer(int u, double d) {
            if (full() && !before(d, u, key[count - 1], unit[count - 1])) {
                return;
            }
            int i = full() ? count - 1 : count++;
            while (i > 0 && before(d, u, key[i - 1], unit[i - 1])) {
                key[i] = key[i - 1];
                unit[i] = unit[i - 1];
                i--;
            }
            key[i] = d;
            unit[i] = u;
        }

        private static boolean before(double d1, int u1, double d2, int u2) {
            return d1 < d2 || (d1 == d2 && u1 < u2);
        }

        List<NearestUnit> answer(Location scene, Travel travel, boolean divertable) {
            List<NearestUnit> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int u = unit[i];
                double d = scene != null && at[u] != null ? scene.kmTo(at[u]) : Double.NaN;
                Duration t = travel instanceof Travel.NoTime ? Duration.ZERO : travel.time(d);
                out.add(new NearestUnit(units[u].id, divertable ? units[u].committedTo : null, at[u], d, t));
            }
            return out;
        }
    }

    /** Cells of equal size in degrees over the roster's area, each holding a linked list of the free units in it. */
    private static final class Grid {
        final double minLat;
        final double minLon;
        final double cellLat;
        final double cellLon;
        final int rows;
        final int cols;
        final int[] head;
        final int[] next;
        final int[] prev;
        final int[] cellOf;
        /** The largest |latitude| ever placed: longitude bounds shrink towards the poles. Never decreases. */
        double maxAbsLat;

        private Grid(double minLat, double minLon, double cellLat, double cellLon, int rows, int cols, int units) {
            this.minLat = minLat;
            this.minLon = minLon;
            this.cellLat = cellLat;
            this.cellLon = cellLon;
            this.rows = rows;
            this.cols = cols;
            this.head = new int[rows * cols];
            Arrays.fill(head, -1);
            this.next = new int[units];
            this.prev = new int[units];
            this.cellOf = new int[units];
            Arrays.fill(cellOf, -1);
        }

        /** A grid of about one cell per unit over the box round the given places; null when none is known. */
        static Grid covering(Location[] places) {
            double minLat = Double.POSITIVE_INFINITY, maxLat = Double.NEGATIVE_INFINITY;
            double minLon = Double.POSITIVE_INFINITY, maxLon = Double.NEGATIVE_INFINITY;
            int known = 0;
            for (Location l : places) {
                if (l != null) {
                    known++;
                    minLat = Math.min(minLat, l.lat());
                    maxLat = Math.max(maxLat, l.lat());
                    minLon = Math.min(minLon, l.lon());
                    maxLon = Math.max(maxLon, l.lon());
                }
            }
            if (known == 0) {
                return null;
            }
            double midLat = (minLat + maxLat) / 2;
            double cos = Math.max(0.01, Math.cos(Math.toRadians(midLat)));
            // A margin round the box, for scenes a little outside where units start (at least 1 km each way).
            double heightKm = (maxLat - minLat) * KM_PER_DEGREE;
            double widthKm = (maxLon - minLon) * KM_PER_DEGREE * cos;
            double marginKm = Math.max(1.0, 0.1 * Math.max(heightKm, widthKm));
            heightKm += 2 * marginKm;
            widthKm += 2 * marginKm;
            double cellKm = Math.max(0.05, Math.sqrt(heightKm * widthKm / known));
            int rows = (int) Math.min(4096, Math.ceil(heightKm / cellKm));
            int cols = (int) Math.min(4096, Math.ceil(widthKm / cellKm));
            double cellLat = heightKm / rows / KM_PER_DEGREE;
            double cellLon = widthKm / cols / (KM_PER_DEGREE * cos);
            return new Grid(minLat - marginKm / KM_PER_DEGREE, minLon - marginKm / (KM_PER_DEGREE * cos), cellLat,
                    cellLon, rows, cols, places.length);
        }

        int row(double lat) {
            return clamp((int) Math.floor((lat - minLat) / cellLat), rows);
        }

        int col(double lon) {
            return clamp((int) Math.floor((lon - minLon) / cellLon), cols);
        }

        private static int clamp(int i, int n) {
            return i < 0 ? 0 : Math.min(i, n - 1);
        }

        boolean holds(int u) {
            return cellOf[u] >= 0;
        }

        void add(int u, Location l) {
            assert cellOf[u] < 0 : "unit " + u + " is in the grid twice";
            int c = row(l.lat()) * cols + col(l.lon());
            cellOf[u] = c;
            prev[u] = -1;
            next[u] = head[c];
            if (head[c] >= 0) {
                prev[head[c]] = u;
            }
            head[c] = u;
            maxAbsLat = Math.max(maxAbsLat, Math.abs(l.lat()));
        }

        void remove(int u) {
            int c = cellOf[u];
            if (c < 0) {
                return;
            }
            if (prev[u] >= 0) {
                next[prev[u]] = next[u];
            } else {
                head[c] = next[u];
            }
            if (next[u] >= 0) {
                prev[next[u]] = prev[u];
            }
            cellOf[u] = -1;
        }

        /**
         * No place in a cell of ring {@code ring} round the scene's cell is nearer than this. Two places whose cells
         * are {@code k} rows apart differ by more than {@code k - 1} cell heights in latitude, which alone is that
         * much great-circle distance; {@code k} columns apart, by more than {@code k - 1} cell widths in longitude,
         * worth at least {@code 2R asin(cos(maxLat) sin(dLon / 2))} (from the haversine formula).
         */
        double lowerBoundKm(int ring, double sceneAbsLat) {
            if (ring <= 1) {
                return 0;
            }
            int k = ring - 1;
            double latKm = EARTH_RADIUS_KM * Math.toRadians(k * cellLat);
            double halfLon = Math.min(Math.PI / 2, Math.toRadians(k * cellLon) / 2);
            double cos = Math.cos(Math.toRadians(Math.min(90, Math.max(maxAbsLat, sceneAbsLat))));
            double lonKm = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, cos * Math.sin(halfLon)));
            return Math.min(latKm, lonKm) * (1 - 1e-9);
        }

        void search(Scene from, Best best, UnitFinder finder) {
            Location scene = from.location();
            int qr = row(scene.lat());
            int qc = col(scene.lon());
            int lastRing = Math.max(Math.max(qr, rows - 1 - qr), Math.max(qc, cols - 1 - qc));
            double absLat = Math.abs(scene.lat());
            for (int ring = 0; ring <= lastRing; ring++) {
                if (best.full() && keyOfKm(lowerBoundKm(ring, absLat)) > best.worstKey()) {
                    return;
                }
                int r0 = qr - ring, r1 = qr + ring, c0 = qc - ring, c1 = qc + ring;
                for (int c = Math.max(c0, 0); c <= Math.min(c1, cols - 1); c++) {
                    if (r0 >= 0) {
                        visit(r0 * cols + c, from, best, finder);
                    }
                    if (ring > 0 && r1 < rows) {
                        visit(r1 * cols + c, from, best, finder);
                    }
                }
                if (ring > 0) {
                    for (int r = Math.max(r0 + 1, 0); r <= Math.min(r1 - 1, rows - 1); r++) {
                        if (c0 >= 0) {
                            visit(r * cols + c0, from, best, finder);
                        }
                        if (c1 < cols) {
                            visit(r * cols + c1, from, best, finder);
                        }
                    }
                }
            }
        }

        private void visit(int cell, Scene from, Best best, UnitFinder finder) {
            for (int u = head[cell]; u >= 0; u = next[u]) {
                best.offer(u, finder.key(from, u));
            }
        }
    }
}
