package io.altokit.provision.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The distance pool: coordinates per area in the network file, turned into great-circle km. */
final class Coordinates {

    private Coordinates() {
    }

    /**
     * @param areas each area's coordinates
     * @param where names the section in errors ({@code file: resource-pools.distance})
     * @return the distance between every two areas, or empty if an area is not a PID (each added to problems)
     */
    static Optional<AreaMatrix> distances(Map<String, GeoPoint> areas, String where, Set<String> pids, Problems problems) {
        int before = problems.count();
        areas.keySet().stream().filter(area -> !pids.contains(area))
                .forEach(area -> problems.add(where + "." + area + ": area " + area + " is not a PID of network-map"));
        if (problems.count() > before) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(areas.keySet());
        List<GeoPoint> points = new ArrayList<>(areas.values());
        double[][] km = new double[names.size()][names.size()];
        for (int i = 0; i < names.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                km[i][j] = points.get(i).kmTo(points.get(j));
            }
        }
        return Optional.of(new AreaMatrix(where, names, km));
    }
}
