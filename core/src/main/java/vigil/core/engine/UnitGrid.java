package vigil.core.engine;

import java.util.Arrays;
import vigil.core.Location;

/**
 * The {@link UnitFinder}'s index of free units: cells of equal size in degrees over the roster's area, each holding a
 * linked list of the free units in it, and the ring-by-ring search with its lower bound on distance per ring.
 */
final class UnitGrid {
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

    private UnitGrid(double minLat, double minLon, double cellLat, double cellLon, int rows, int cols, int units) {
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
    static UnitGrid covering(Location[] places) {
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
        double heightKm = (maxLat - minLat) * UnitFinder.KM_PER_DEGREE;
        double widthKm = (maxLon - minLon) * UnitFinder.KM_PER_DEGREE * cos;
        double marginKm = Math.max(1.0, 0.1 * Math.max(heightKm, widthKm));
        heightKm += 2 * marginKm;
        widthKm += 2 * marginKm;
        double cellKm = Math.max(0.05, Math.sqrt(heightKm * widthKm / known));
        int rows = (int) Math.min(4096, Math.ceil(heightKm / cellKm));
        int cols = (int) Math.min(4096, Math.ceil(widthKm / cellKm));
        double cellLat = heightKm / rows / UnitFinder.KM_PER_DEGREE;
        double cellLon = widthKm / cols / (UnitFinder.KM_PER_DEGREE * cos);
        return new UnitGrid(minLat - marginKm / UnitFinder.KM_PER_DEGREE,
                minLon - marginKm / (UnitFinder.KM_PER_DEGREE * cos), cellLat,
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
        double latKm = UnitFinder.EARTH_RADIUS_KM * Math.toRadians(k * cellLat);
        double halfLon = Math.min(Math.PI / 2, Math.toRadians(k * cellLon) / 2);
        double cos = Math.cos(Math.toRadians(Math.min(90, Math.max(maxAbsLat, sceneAbsLat))));
        double lonKm = 2 * UnitFinder.EARTH_RADIUS_KM * Math.asin(Math.min(1, cos * Math.sin(halfLon)));
        return Math.min(latKm, lonKm) * (1 - 1e-9);
    }

    void search(UnitFinder.Scene from, NearestSoFar best, UnitFinder finder) {
        Location scene = from.location();
        int qr = row(scene.lat());
        int qc = col(scene.lon());
        int lastRing = Math.max(Math.max(qr, rows - 1 - qr), Math.max(qc, cols - 1 - qc));
        double absLat = Math.abs(scene.lat());
        for (int ring = 0; ring <= lastRing; ring++) {
            if (best.full() && UnitFinder.keyOfKm(lowerBoundKm(ring, absLat)) > best.worstKey()) {
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

    private void visit(int cell, UnitFinder.Scene from, NearestSoFar best, UnitFinder finder) {
        for (int u = head[cell]; u >= 0; u = next[u]) {
            best.offer(u, finder.key(from, u));
        }
    }
}
