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

    /** RFC 8895: the update stream's events, its parameters and its control messages; RFC 7396 merge patch, RFC 6902 JSON patch. */
    public static final String EVENT_STREAM = "text/event-stream";
    public static final String UPDATE_STREAM_PARAMS = "application/alto-updatestreamparams+json";
    public static final String UPDATE_STREAM_CONTROL = "application/alto-updatestreamcontrol+json";
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String JSON_PATCH = "application/json-patch+json";

    /** RFC 9569: the TIPS resource's answer and request body. */
    public static final String TIPS = "application/alto-tips+json";
    public static final String TIPS_PARAMS = "application/alto-tipsparams+json";

    /** RFC 9240: a property map, and the request body of a filtered property map. */
    public static final String PROPERTY_MAP = "application/alto-propmap+json";
    public static final String PROPERTY_MAP_PARAMS = "application/alto-propmapparams+json";

    private MediaTypes() {
    }
}
