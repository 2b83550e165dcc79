package io.altokit.tracker;

/** A request the tracker refuses; the message is the BEP 3 {@code failure reason} sent back. */
public final class BadRequestException extends Exception {
    public BadRequestException(String reason) {
        super(reason, null, false, false);
    }
}
