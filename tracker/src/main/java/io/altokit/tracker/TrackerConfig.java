package io.altokit.tracker;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * How the tracker behaves and what it bounds.
 *
 * @param interval               the re-announce interval sent to peers
 * @param peerExpiry             a peer not heard from this long is dropped
 * @param maxSwarms              torrents tracked at once; announces for new ones are refused beyond
 * @param maxPeersPerSwarm       peers kept per torrent; new peers beyond get peers but are not kept
 * @param maxPeers               peers kept in all torrents together, likewise (about 200 bytes of heap each)
 * @param defaultNumwant         peers sent when an announce does not say
 * @param maxNumwant             the most peers sent per announce
 * @param randomShare            share of the list (0 to 1) given to randomly drawn peers
 * @param acceptIpParameter      whether an announce's {@code ip} parameter is believed (only behind a
 *                               trusted proxy or for load tests: anyone could list someone else)
 * @param announcesPerSecond     announces plus scrapes accepted per second from one address (0: no limit)
 * @param guidanceRefresh        how often the ALTO maps are revalidated
 * @param seed                   seeds the random draws (random share, ties, lists without guidance) so that a
 *                               run can be reproduced; empty: unseeded
 */
public record TrackerConfig(Duration interval, Duration peerExpiry, int maxSwarms, int maxPeersPerSwarm,
                            int maxPeers, int defaultNumwant, int maxNumwant, double randomShare, boolean acceptIpParameter,
                            int announcesPerSecond, Duration guidanceRefresh, OptionalLong seed) {

    public static final TrackerConfig DEFAULTS = new TrackerConfig(Duration.ofMinutes(30), Duration.ofMinutes(65),
            100_000, 10_000, 1_000_000, 50, 200, 0.2, false, 20, Duration.ofSeconds(60), OptionalLong.empty());

    public TrackerConfig {
        positive(interval, "interval");
        positive(peerExpiry, "peer expiry");
        positive(guidanceRefresh, "guidance refresh");
        if (maxSwarms < 1 || maxPeersPerSwarm < 1 || maxPeers < 1 || maxNumwant < 0 || defaultNumwant < 0 || announcesPerSecond < 0) {
            throw new IllegalArgumentException("limits must be positive (numwant and announces per second may be 0)");
        }
        if (!(randomShare >= 0 && randomShare <= 1)) {
            throw new IllegalArgumentException("the random share is a fraction from 0 to 1, got " + randomShare);
        }
    }

    private static void positive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the " + name + " must be positive, got " + duration);
        }
    }

    public TrackerConfig withInterval(Duration value, Duration expiry) {
        return new TrackerConfig(value, expiry, maxSwarms, maxPeersPerSwarm, maxPeers, defaultNumwant, maxNumwant, randomShare,
                acceptIpParameter, announcesPerSecond, guidanceRefresh, seed);
    }

    public TrackerConfig withLimits(int swarms, int peersPerSwarm, int perAddressPerSecond) {
        return new TrackerConfig(interval, peerExpiry, swarms, peersPerSwarm, maxPeers, defaultNumwant, maxNumwant, randomShare,
                acceptIpParameter, perAddressPerSecond, guidanceRefresh, seed);
    }

    public TrackerConfig withMaxPeers(int value) {
        return new TrackerConfig(interval, peerExpiry, maxSwarms, maxPeersPerSwarm, value, defaultNumwant, maxNumwant, randomShare,
                acceptIpParameter, announcesPerSecond, guidanceRefresh, seed);
    }

    public TrackerConfig withRandomShare(double value) {
        return new TrackerConfig(interval, peerExpiry, maxSwarms, maxPeersPerSwarm, maxPeers, defaultNumwant, maxNumwant, value,
                acceptIpParameter, announcesPerSecond, guidanceRefresh, seed);
    }

    public TrackerConfig withIpParameter(boolean accept) {
        return new TrackerConfig(interval, peerExpiry, maxSwarms, maxPeersPerSwarm, maxPeers, defaultNumwant, maxNumwant, randomShare,
                accept, announcesPerSecond, guidanceRefresh, seed);
    }

    public TrackerConfig withGuidanceRefresh(Duration value) {
        return new TrackerConfig(interval, peerExpiry, maxSwarms, maxPeersPerSwarm, maxPeers, defaultNumwant, maxNumwant, randomShare,
                acceptIpParameter, announcesPerSecond, value, seed);
    }

    public TrackerConfig withSeed(long value) {
        return new TrackerConfig(interval, peerExpiry, maxSwarms, maxPeersPerSwarm, maxPeers, defaultNumwant, maxNumwant, randomShare,
                acceptIpParameter, announcesPerSecond, guidanceRefresh, OptionalLong.of(value));
    }
}
