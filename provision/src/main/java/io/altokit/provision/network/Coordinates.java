package io.altokit.provision.network;

import com.fasterxml.jackson.databind.JsonNode;

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
     * @param node {@code area: { lat: degrees, lon: degrees }} for each area
     * @return the distance between every two areas, or empty if any entry has problems (all added)
     */
    static Optional<AreaMatrix> distances(JsonNode node, String source, String path, Set<String> pids, Problems problems) {
        if (!node.isObject() || node.isEmpty()) {
            problems.add(source + ": " + path + ": expected a mapping of areas to { lat: degrees, lon: degrees }");
            return Optional.empty();
        }
        int before = problems.count();
        List<String> areas = new ArrayList<>();
        List<GeoPoint> points = new ArrayList<>();
        for (Map.Entry<String, JsonNode> area : node.properties()) {
            String areaPath = source + ": " + path + "." + area.getKey() + ": ";
            if (!pids.contains(area.getKey())) {
                problems.add(areaPath + "area " + area.getKey() + " is not a PID of network-map");
            }
            point(area.getValue(), areaPath, problems).ifPresent(point -> {
                areas.add(area.getKey());
                points.add(point);
            });
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        double[][] km = new double[areas.size()][areas.size()];
        for (int i = 0; i < areas.size(); i++) {
            for (int j = 0; j < areas.size(); j++) {
                km[i][j] = points.get(i).kmTo(points.get(j));
            }
        }
        return Optional.of(new AreaMatrix(source + ": " + path, areas, km));
    }

    private static Optional<GeoPoint> point(JsonNode node, String where, Problems problems) {
        JsonNode lat = node.path("lat");
        JsonNode lon = node.path("lon");
        if (!node.isObject() || node.size() != 2 || !lat.isNumber() || !lon.isNumber()) {
            problems.add(where + "expected { lat: degrees, lon: degrees }, got " + node);
            return Optional.empty();
        }
        try {
            return Optional.of(new GeoPoint(lat.doubleValue(), lon.doubleValue()));
        } catch (IllegalArgumentException e) {
            problems.add(where + e.getMessage());
            return Optional.empty();
        }
    }
}
