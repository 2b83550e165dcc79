package io.altokit.client;

/** How a {@link Subscription} follows a resource, chosen by what the server's directory offers. */
public enum UpdateService {
    /** RFC 8895: one server-sent event stream carrying every subscribed resource, network maps first. */
    SSE("text/event-stream", "application/alto-updatestreamparams+json"),
    /** RFC 9569: a TIPS view per resource, its updates graph walked edge by edge with long polls. */
    TIPS("application/alto-tips+json", "application/alto-tipsparams+json");

    private final String mediaType;
    private final String accepts;

    UpdateService(String mediaType, String accepts) {
        this.mediaType = mediaType;
        this.accepts = accepts;
    }

    /** The media type the directory lists the service with. */
    public String mediaType() {
        return mediaType;
    }

    /** The media type of the request that opens a subscription. */
    public String accepts() {
        return accepts;
    }
}
