/**
 * An ALTO-guided BitTorrent HTTP tracker ({@link io.altokit.tracker.Tracker} on
 * {@link io.altokit.tracker.TrackerServer}: BEP 3 announce, BEP 23 compact and BEP 7 IPv6 peer
 * lists, BEP 48 scrape, Prometheus metrics). Client-side selection for BitTorrent clients is
 * {@link io.altokit.client.ConnectOrder} in the client module. See docs/tracker.md.
 */
package io.altokit.tracker;
