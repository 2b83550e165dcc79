package io.altokit.provision.network;

/** A place on Earth in degrees, e.g. the centre of an area. */
public record GeoPoint(double latitude, double longitude) {

    /** The mean Earth radius of IUGG, good to about 0.5 % for great-circle distances. */
    private static final double EARTH_RADIUS_KM = 6371.0088;

    public GeoPoint {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude " + latitude + " is out of range: it is from -90 to 90");
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude " + longitude + " is out of range: it is from -180 to 180");
        }
    }

    /**
     * Great-circle distance in km, to 0.1 km (finer would be false precision for an area), by the
     * haversine formula, which stays accurate for nearby points.
     */
    double kmTo(GeoPoint other) {
        double dLat = Math.toRadians(other.latitude - latitude);
        double dLon = Math.toRadians(other.longitude - longitude);
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(latitude)) * Math.cos(Math.toRadians(other.latitude)) * Math.pow(Math.sin(dLon / 2), 2);
        double km = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
        return Math.round(km * 10) / 10.0;
    }
}
