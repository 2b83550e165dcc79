package io.altokit.provision.network;

import io.altokit.core.Penalty;

import java.util.Arrays;
import java.util.Optional;

/**
 * The resource pools of the NAPA-WINE ALTO server (RTT, geographic distance, monetary cost, link
 * utilization), hop count, and RFC 9439's other packet performance metrics (one-way delay, delay
 * variation, loss rate): each one is its own cost metric and a criterion of the rating.
 */
public enum Pool {
    /** RFC 9439 round-trip delay; that RFC counts it in microseconds, operators in ms. */
    RTT("rtt", "delay-rt", Penalty.LINEAR),
    /** Great-circle distance between areas' coordinates, given inline rather than in a file. */
    DISTANCE("distance", "priv:distance-km", Penalty.LINEAR),
    /** Price of carrying a GB between areas, in the operator's currency. */
    MONETARY("monetary", "priv:monetary-per-gb", Penalty.LINEAR),
    /** Load of the busiest link on the path, 0 (idle) to 1 (full). */
    UTILIZATION("utilization", "priv:utilization", Penalty.CONGESTION),
    HOPCOUNT("hopcount", "hopcount", Penalty.LINEAR),
    /** RFC 9439 4.1 one-way delay, in microseconds; its own data, as a round trip does not split into two legs. */
    ONE_WAY_DELAY("one-way-delay", "delay-ow", Penalty.LINEAR),
    /** RFC 9439 4.3 delay variation over the minimum delay (jitter), in microseconds. */
    JITTER("jitter", "delay-variation", Penalty.LINEAR),
    /** RFC 9439 4.4 one-way packet loss rate, in percent. */
    LOSS("loss", "lossrate", Penalty.LINEAR);

    private final String key;
    private final String metric;
    private final Penalty penalty;

    Pool(String key, String metric, Penalty penalty) {
        this.key = key;
        this.metric = metric;
        this.penalty = penalty;
    }

    /** The name in {@code resource-pools} and {@code rating.weights}. */
    public String key() {
        return key;
    }

    /** The cost metric it is served as. */
    public String metric() {
        return metric;
    }

    public Penalty penalty() {
        return penalty;
    }

    /** The values of this pool's matrix file; {@link #DISTANCE} has none. */
    Quantity fileQuantity() {
        return switch (this) {
            case RTT -> new Quantity("a round-trip time in ms", 0, Double.POSITIVE_INFINITY, 3);
            case MONETARY -> new Quantity("a price per GB", 0, Double.POSITIVE_INFINITY, 0);
            case UTILIZATION -> new Quantity("a utilization", 0, 1, 0);
            case HOPCOUNT -> new Quantity("a hop count", 0, Double.POSITIVE_INFINITY, 0, true);
            case ONE_WAY_DELAY -> new Quantity("a one-way delay in ms", 0, Double.POSITIVE_INFINITY, 3);
            case JITTER -> new Quantity("a delay variation in ms", 0, Double.POSITIVE_INFINITY, 3);
            case LOSS -> new Quantity("a loss rate in percent", 0, 100, 0);
            case DISTANCE -> throw new IllegalStateException("distances come from coordinates, not a file");
        };
    }

    public static Optional<Pool> byKey(String key) {
        return Arrays.stream(values()).filter(pool -> pool.key.equals(key)).findFirst();
    }

    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(Pool::key).toList());
    }
}
