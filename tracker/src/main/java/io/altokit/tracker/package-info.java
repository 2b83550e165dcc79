/**
 * An ALTO-guided BitTorrent HTTP tracker ({@link io.altokit.tracker.Tracker} on
 * {@link io.altokit.tracker.TrackerServer}: BEP 3 announce, BEP 23 compact and BEP 7 IPv6 peer
 * lists, BEP 48 scrape, Prometheus metrics), and client-side ALTO for unmodified BitTorrent clients:
 * {@link io.altokit.tracker.PeerProxy}, an announce proxy in front of any tracker that puts the
 * answer's peers in {@link io.altokit.client.ConnectOrder} (client module), which Java clients can
 * also call directly. See docs/tracker.md and docs/peer-proxy.md.
 */
package io.altokit.tracker;
