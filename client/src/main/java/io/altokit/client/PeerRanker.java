package io.altokit.client;

import io.altokit.model.CostMapResponse;
import io.altokit.model.CostMode;
import io.altokit.model.CostTable;
import io.altokit.model.CostType;
import io.altokit.model.EndpointCostRequest;
import io.altokit.model.NetworkMapResponse;
import io.altokit.model.TypedAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Ranks an application's candidate peers by ALTO guidance: the one call an application makes. Two
 * strategies behind the same API: {@link Strategy#ENDPOINT_COST} asks the server about the
 * candidates (RFC 7285 endpoint cost service); {@link Strategy#MAPS} fetches the network and cost
 * maps once (revalidated by ETag) and ranks locally, so the server never learns which peers are
 * considered. Either way {@link #rank} never throws for an ALTO failure: the candidates then come
 * back unranked with {@link Ranking.Status#UNAVAILABLE} and the reason, and a warning is logged.
 * Thread-safe.
 */
public final class PeerRanker {
    private static final Logger LOG = LoggerFactory.getLogger(PeerRanker.class);

    /** Where the costs come from. */
    public enum Strategy {
        /** POST the candidates to the endpoint cost service. */
        ENDPOINT_COST,
        /** Rank locally from the network map and the cost map: private, one fetch for many rankings. */
        MAPS
    }

    private final AltoClient client;
    private final Strategy strategy;
    private final CostType costType;
    private final PeerOrder order;
    private final Duration mapRefresh;
    /** The maps' local form, rebuilt only when the client fetched new maps. */
    private volatile Guidance guidance;

    private record Guidance(NetworkMapResponse networkMap, CostMapResponse costMap, MapGuidance local, long checkedNanos) {
    }

    private PeerRanker(Builder builder) {
        this.client = builder.client;
        this.strategy = builder.strategy;
        this.costType = builder.costType;
        this.order = new PeerOrder(builder.randomShare, builder.random);
        this.mapRefresh = builder.mapRefresh;
    }

    public static Builder builder(AltoClient client) {
        return new Builder(client);
    }

    /**
     * The candidates in the order to contact them, as seen from {@code source}. Candidates are
     * taken once each, in the order given, duplicates included.
     */
    public Ranking rank(InetAddress source, List<InetAddress> candidates) {
        Objects.requireNonNull(source, "source");
        List<InetAddress> peers = List.copyOf(candidates);
        if (peers.isEmpty()) {
            return new Ranking(Ranking.Status.OK, List.of(), Optional.empty());
        }
        double[] costs;
        try {
            costs = strategy == Strategy.MAPS ? mapCosts(source, peers) : endpointCosts(source, peers);
        } catch (RuntimeException e) {
            String reason = strategy + " ranking failed: " + e.getMessage();
            warnUnavailable(reason);
            return Ranking.unavailable(peers, reason);
        }
        synchronized (order) { // PeerOrder shares one random generator
            return order.order(peers, costs);
        }
    }

    /**
     * With {@link Strategy#MAPS}: the maps in hand as local guidance, fetched or revalidated when the
     * refresh period has passed, for applications that rank the same peers many times (a tracker
     * locates each peer of a swarm once). Empty with {@link Strategy#ENDPOINT_COST}, or when the maps
     * cannot be had (a warning says why). Blocks while the maps are fetched.
     */
    public Optional<MapGuidance> guidance() {
        if (strategy != Strategy.MAPS) {
            return Optional.empty();
        }
        try {
            return Optional.of(currentGuidance());
        } catch (RuntimeException e) {
            warnUnavailable("fetching the maps failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void warnUnavailable(String reason) {
        LOG.atWarn().addKeyValue("server", client.directoryUri().toString()).addKeyValue("reason", reason)
                .log("no ALTO guidance; candidates left unranked");
    }

    private double[] endpointCosts(InetAddress source, List<InetAddress> peers) {
        TypedAddress from = TypedAddress.of(source);
        List<TypedAddress> to = peers.stream().map(TypedAddress::of).toList();
        CostMapResponse answer = client.endpointCost(new EndpointCostRequest(costType, List.of(), List.of(from),
                to.stream().distinct().toList()));
        CostTable table = answer.costs();
        int row = table.srcs().indexOf(from.text());
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < table.dsts().size(); i++) {
            columns.put(table.dsts().get(i), i);
        }
        double[] costs = new double[peers.size()];
        for (int i = 0; i < costs.length; i++) {
            Integer column = columns.get(to.get(i).text());
            costs[i] = row < 0 || column == null ? Double.NaN : table.cost(row, column);
        }
        return costs;
    }

    private double[] mapCosts(InetAddress source, List<InetAddress> peers) {
        return currentGuidance().costs(source, peers);
    }

    private MapGuidance currentGuidance() {
        Guidance current = guidance;
        long now = System.nanoTime();
        // Within the refresh period the maps are used as they are: no request at all per ranking.
        if (current == null || now - current.checkedNanos() >= mapRefresh.toNanos()) {
            NetworkMapResponse networkMap = client.networkMap();
            CostMapResponse costMap = client.costMap(costType);
            // The client hands back the same objects while the server answers 304: rebuild only on change.
            MapGuidance local = current != null && current.networkMap() == networkMap && current.costMap() == costMap
                    ? current.local() : MapGuidance.of(networkMap, costMap);
            current = new Guidance(networkMap, costMap, local, now);
            guidance = current;
        }
        return current.local();
    }

    /** Configures a {@link PeerRanker}; defaults: endpoint cost service, numerical routingcost, 20 % random. */
    public static final class Builder {
        private final AltoClient client;
        private Strategy strategy = Strategy.ENDPOINT_COST;
        private CostType costType = new CostType("routingcost", CostMode.NUMERICAL);
        private double randomShare = PeerOrder.DEFAULT_RANDOM_SHARE;
        private RandomGenerator random = new SplittableRandom();
        private Duration mapRefresh = Duration.ofSeconds(60);

        private Builder(AltoClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        public Builder strategy(Strategy value) {
            strategy = Objects.requireNonNull(value, "strategy");
            return this;
        }

        /** The metric to rank by, e.g. {@code routingcost} or {@code hopcount}; the mode does not change the order. */
        public Builder costType(CostType value) {
            costType = Objects.requireNonNull(value, "costType");
            return this;
        }

        /** The share of places (0 to 1) given to randomly chosen peers; 0 for pure ALTO order. */
        public Builder randomShare(double value) {
            randomShare = value;
            return this;
        }

        /** A fixed seed makes tie-breaks and random picks reproducible. */
        public Builder seed(long seed) {
            random = new SplittableRandom(seed);
            return this;
        }

        /**
         * With {@link Strategy#MAPS}: how long fetched maps are used before they are revalidated
         * with the server (a cheap 304 when unchanged). Default 60 s; zero revalidates every time.
         */
        public Builder mapRefresh(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("the map refresh period cannot be negative: " + value);
            }
            mapRefresh = value;
            return this;
        }

        public PeerRanker build() {
            return new PeerRanker(this);
        }
    }
}
