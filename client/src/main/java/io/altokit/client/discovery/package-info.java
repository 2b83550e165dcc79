/**
 * ALTO server discovery: finding the URI of an ALTO server's information resource directory (IRD).
 *
 * <ul>
 *   <li>{@link io.altokit.client.discovery.AltoDiscovery#forDomain(String)}: resource-consumer-initiated
 *       discovery (RFC 7286), U-NAPTR lookups on a domain name.</li>
 *   <li>{@link io.altokit.client.discovery.AltoDiscovery#forAddress(java.net.InetAddress)} and
 *       {@link io.altokit.client.discovery.AltoDiscovery#forPrefix(java.net.InetAddress, int)}: cross-domain
 *       discovery (RFC 8686), the same U-NAPTR lookups on reverse names in {@code in-addr.arpa} /
 *       {@code ip6.arpa}, walking up to shorter prefixes when nothing is published for the longer one.</li>
 *   <li>{@link io.altokit.client.discovery.AltoDiscovery#fixed(java.net.URI)}: a configured URI that always
 *       wins over DNS.</li>
 * </ul>
 *
 * Ordinary DNS failures (NXDOMAIN, no records, SERVFAIL, REFUSED, timeouts, unreachable resolver) never
 * escape as exceptions: they end in {@link io.altokit.client.discovery.DiscoveryResult.NotFound} listing every
 * lookup made and what it returned.
 */
package io.altokit.client.discovery;
