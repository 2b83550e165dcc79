package io.altokit.client.discovery;

import java.util.Objects;

/**
 * One DNS lookup made during discovery and how it ended.
 *
 * @param name    the name queried (NAPTR, class IN), absolute, e.g. {@code 2.0.192.in-addr.arpa.}
 * @param outcome what the lookup returned
 * @param detail  a human-readable detail (rcode, exception message, why records were ignored)
 */
public record Attempt(String name, Outcome outcome, String detail) {
    public Attempt {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }

    /** How a lookup ended. */
    public enum Outcome {
        /** usable ALTO records were found */
        FOUND(false),
        /** the name does not exist */
        NXDOMAIN(false),
        /** the name exists but has no NAPTR records */
        NO_NAPTR(false),
        /** NAPTR records exist, none for the requested ALTO services (or none usable) */
        NO_ALTO_RECORD(false),
        /** the server answered with an error rcode (SERVFAIL, REFUSED, ...) */
        DNS_ERROR(true),
        /** no answer within the timeout */
        TIMEOUT(true),
        /** the query could not be sent or the answer not read (e.g. port unreachable) */
        NETWORK_ERROR(true),
        /** non-terminal records chained too deep or in a loop */
        LOOP(true),
        /** not made: the overall time budget was spent before it */
        NOT_TRIED(true);

        private final boolean failure;

        Outcome(boolean failure) { this.failure = failure; }

        /** true when the lookup failed (a transient or configuration problem), not when nothing is published */
        public boolean isFailure() { return failure; }
    }
}
