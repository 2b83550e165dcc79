package io.altokit.client.discovery;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the IRD URI(s) of the ALTO server to use.
 *
 * <p>Implementations never throw for DNS outcomes (NXDOMAIN, SERVFAIL, timeouts...): those are reported in
 * {@link DiscoveryResult.NotFound}. Only programming errors (a null argument, an impossible prefix length)
 * raise exceptions.
 */
public interface AltoDiscovery {

    /** RFC 7286: U-NAPTR lookups on {@code domain} (for example the resource consumer's own domain). */
    DiscoveryResult forDomain(String domain);

    /** RFC 8686: the ALTO server responsible for one address (a /32 or /128). */
    default DiscoveryResult forAddress(InetAddress address) {
        return forPrefix(address, address.getAddress().length * 8);
    }

    /**
     * RFC 8686: the ALTO server responsible for a prefix; lookups start at the reverse name for
     * {@code prefixLength} (rounded down to a label boundary: 8 bits for IPv4, 4 bits for IPv6) and walk up
     * (IPv4: /24, /16, /8; IPv6: /64, /56, /48, /32) until a name has usable ALTO records.
     */
    DiscoveryResult forPrefix(InetAddress prefix, int prefixLength);

    /** DNS-based discovery; configure the resolver, services and timeouts on the builder. */
    static DnsAltoDiscovery.Builder dns() {
        return DnsAltoDiscovery.builder();
    }

    /** A discovery that always answers {@code irdUri}, whatever is asked: an operator's explicit setting. */
    static AltoDiscovery fixed(URI irdUri) {
        Objects.requireNonNull(irdUri, "irdUri");
        DiscoveryResult.Found found = new DiscoveryResult.Found(
                List.of(new Candidate(irdUri, "explicit", 0, 0, "(configured)")), List.of());
        return new AltoDiscovery() {
            @Override public DiscoveryResult forDomain(String domain) { return found; }
            @Override public DiscoveryResult forPrefix(InetAddress prefix, int prefixLength) { return found; }
            @Override public String toString() { return "fixed(" + irdUri + ")"; }
        };
    }

    /** The explicit URI when one is configured, otherwise {@code discovery}. */
    static AltoDiscovery explicitOr(Optional<URI> configured, AltoDiscovery discovery) {
        Objects.requireNonNull(discovery, "discovery");
        return configured.map(AltoDiscovery::fixed).orElse(discovery);
    }
}
