package io.altokit.client;

/**
 * Every way an ALTO call can fail. Applications that only want to degrade gracefully (RFC 7285
 * guidance is advisory: carry on with unranked peers) catch this one type; the subclasses say why.
 */
public abstract sealed class AltoClientException extends RuntimeException
        permits AltoErrorResponseException, AltoProtocolException, AltoStatusException, AltoTransportException,
        AltoResourceNotOfferedException, AltoSignatureException {
    private static final long serialVersionUID = 1L;

    AltoClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
