package io.altokit.server.update;

import java.nio.charset.StandardCharsets;

/**
 * The bytes of server-sent events (WHATWG HTML, "event stream" format), as RFC 8895 section 5 uses
 * them: the event type names the media type of the data, and the client's id for data of a substream.
 * The data is compact JSON, which has no line breaks, so it is one {@code data:} line. An event is
 * three pieces written as one, its data not copied: a full map's data is the same array (tens of MB
 * at operator scale) for every stream it goes to.
 */
final class ServerSentEvents {
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.UTF_8);

    private ServerSentEvents() {
    }

    /** {@code event: <type>[,<clientId>]} and {@code data: <json>}, then the blank line that ends the event. */
    static byte[][] event(String mediaType, String clientId, byte[] json) {
        return event(mediaType + "," + clientId, json);
    }

    static byte[][] event(String type, byte[] json) {
        return new byte[][] {("event: " + type + "\ndata: ").getBytes(StandardCharsets.UTF_8), json, END};
    }

    /** A comment line, which clients ignore: keeps idle connections (and the proxies on the way) open. */
    static byte[] comment(String text) {
        return (": " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
