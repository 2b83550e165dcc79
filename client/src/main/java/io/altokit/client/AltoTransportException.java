package io.altokit.client;

/** No usable answer: the server could not be reached, timed out, or the calling thread was interrupted. */
public final class AltoTransportException extends AltoClientException {
    private static final long serialVersionUID = 1L;

    AltoTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
