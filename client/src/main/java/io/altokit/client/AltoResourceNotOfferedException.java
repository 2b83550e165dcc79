package io.altokit.client;

/** The server's directory lists no resource that can answer the call (or not the one named). */
public final class AltoResourceNotOfferedException extends AltoClientException {
    private static final long serialVersionUID = 1L;

    AltoResourceNotOfferedException(String message) {
        super(message, null);
    }
}
