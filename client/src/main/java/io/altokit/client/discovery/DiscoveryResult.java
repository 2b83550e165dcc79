package io.altokit.client.discovery;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What discovery found: {@link Found} with at least one URI, or {@link NotFound} with the reason. */
public sealed interface DiscoveryResult {

    /** Every lookup made, in order (empty for a configured URI). */
    List<Attempt> attempts();

    /** The URI to try first, if any. */
    default Optional<URI> first() {
        return this instanceof Found f ? Optional.of(f.candidates().get(0).uri()) : Optional.empty();
    }

    /**
     * URIs found.
     *
     * @param candidates all usable records, best first: ascending NAPTR order, then preference, then the
     *                   caller's service preference (https before http by default); never empty
     * @param attempts   the lookups made
     */
    record Found(List<Candidate> candidates, List<Attempt> attempts) implements DiscoveryResult {
        public Found {
            candidates = List.copyOf(candidates);
            attempts = List.copyOf(attempts);
            if (candidates.isEmpty()) throw new IllegalArgumentException("Found needs at least one candidate");
        }

        /**
         * The URIs of the lowest NAPTR order that has usable records, by preference: per RFC 3403 a client
         * does not mix orders, so these are the servers to use (try them in sequence).
         */
        public List<URI> uris() {
            int order = candidates.get(0).order();
            return candidates.stream().filter(c -> c.order() == order).map(Candidate::uri).toList();
        }

        /** All URIs found, best first, including those of higher NAPTR orders (last-resort fallbacks). */
        public List<URI> allUris() {
            return candidates.stream().map(Candidate::uri).toList();
        }
    }

    /**
     * Nothing usable was found.
     *
     * @param attempts the lookups made and how each ended
     */
    record NotFound(List<Attempt> attempts) implements DiscoveryResult {
        public NotFound {
            attempts = List.copyOf(attempts);
        }

        /** true when some lookup failed (timeout, SERVFAIL...): the absence may be transient, retry later. */
        public boolean failed() {
            return attempts.stream().anyMatch(a -> a.outcome().isFailure());
        }

        /** One line saying why, e.g. {@code 77.2.0.192.in-addr.arpa.: NXDOMAIN; 2.0.192.in-addr.arpa.: TIMEOUT (...)}. */
        public String reason() {
            if (attempts.isEmpty()) return "no lookup made";
            return attempts.stream()
                    .map(a -> a.name() + ": " + a.outcome() + (a.detail().isEmpty() ? "" : " (" + a.detail() + ")"))
                    .collect(Collectors.joining("; "));
        }
    }
}
