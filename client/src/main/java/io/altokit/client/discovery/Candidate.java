package io.altokit.client.discovery;

import java.net.URI;
import java.util.Objects;

/**
 * One IRD URI found by discovery, with the NAPTR record it came from.
 *
 * @param uri        the IRD URI (result of the record's regexp rewrite)
 * @param service    the U-NAPTR service tag, e.g. {@code ALTO:https} ({@code explicit} for a configured URI)
 * @param order      the NAPTR order of the record (for a record reached through a non-terminal record: the
 *                   order of that first record)
 * @param preference the NAPTR preference of the record
 * @param owner      the DNS name the record was published under
 */
public record Candidate(URI uri, String service, int order, int preference, String owner) {
    public Candidate {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(owner, "owner");
    }
}
