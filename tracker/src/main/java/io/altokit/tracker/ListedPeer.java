package io.altokit.tracker;

/**
 * A peer as an announce response lists it.
 *
 * @param address 4 (IPv4) or 16 (IPv6) bytes, network order
 */
record ListedPeer(byte[] address, int port, Id20 peerId) {
}
