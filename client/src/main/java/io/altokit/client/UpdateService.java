package io.altokit.client;

import io.altokit.model.MediaTypes;

/** How a {@link Subscription} follows a resource, chosen by what the server's directory offers. */
public enum UpdateService {
    /** RFC 8895: one server-sent event stream carrying every subscribed resource, network maps first. */
    SSE(MediaTypes.EVENT_STREAM, MediaTypes.UPDATE_STREAM_PARAMS),
    /** RFC 9569: a TIPS view per resource, its updates graph walked edge by edge with long polls. */
    TIPS(MediaTypes.TIPS, MediaTypes.TIPS_PARAMS);

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
