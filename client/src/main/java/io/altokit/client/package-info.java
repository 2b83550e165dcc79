/**
 * The ALTO client applications embed (RFC 7285): {@code AltoClient} for every resource a server's
 * directory lists, {@code PeerRanker} to order candidate peers by ALTO guidance (through the
 * endpoint cost service, or locally from the maps so the server never sees the candidates), and
 * discovery of the server for a domain or address (RFC 7286, RFC 8686).
 */
package io.altokit.client;
