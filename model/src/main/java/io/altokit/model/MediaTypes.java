package io.altokit.model;

/** The media types of RFC 7285 section 10.1 / IANA registrations, exactly as they go on the wire. */
public final class MediaTypes {
    public static final String DIRECTORY = "application/alto-directory+json";
    public static final String NETWORK_MAP = "application/alto-networkmap+json";
    public static final String NETWORK_MAP_FILTER = "application/alto-networkmapfilter+json";
    public static final String COST_MAP = "application/alto-costmap+json";
    public static final String COST_MAP_FILTER = "application/alto-costmapfilter+json";
    public static final String ENDPOINT_PROP = "application/alto-endpointprop+json";
    public static final String ENDPOINT_PROP_PARAMS = "application/alto-endpointpropparams+json";
    public static final String ENDPOINT_COST = "application/alto-endpointcost+json";
    public static final String ENDPOINT_COST_PARAMS = "application/alto-endpointcostparams+json";
    public static final String ERROR = "application/alto-error+json";

    private MediaTypes() {
    }
}
