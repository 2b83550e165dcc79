package io.altokit.client;

import io.altokit.core.time.Ticker;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Ranks an application's candidate peers by ALTO guidance: the one call an application makes. Two
 * strategies behind the same API: {@link Strategy#ENDPOINT_COST} asks the server about the
 * candidates (RFC 7285 endpoint cost service); {@link Strategy#MAPS} fetches the network and cost
 * maps (revalidated by ETag) and ranks locally, so the server never learns which peers are
 * considered. A strategy or cost mode the caller does not insist on is chosen from what the
 * server's directory offers ({@link GuidanceChoice#offered}).
 *
 * <p>{@link #rank} never throws for an ALTO failure: the candidates then come back unranked with
 * {@link Ranking.Status#UNAVAILABLE} and the reason, and a warning is logged. With the maps, one
 * caller at a time revalidates them once the refresh period has passed while the others keep
 * ranking with the maps in hand (stale-while-revalidate); when revalidation fails the maps in hand
 * are still used, with status {@link Ranking.Status#DEGRADED} and their age, up to a maximum
 * staleness. Time comes from a {@link Ticker}.
 *
 * <p>When the directory offers an update service for the two maps (RFC 8895 SSE or RFC 9569 TIPS),
 * the maps are followed instead of polled: a {@link Subscription} brings them (its first updates are
 * the full maps, which are then not also fetched; they are fetched only if they do not come within
 * the request timeout) and keeps them current, every consistent pair (the cost map depending on the
 * network map version held) replaces the maps in hand at once, and no revalidation is sent while
 * the subscription is live. While it is down (reconnecting with backoff) the maps are revalidated by
 * polling as without it. Close the ranker to end the subscription. Thread-safe.
 */
public final class PeerRanker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerRanker.class);

    /** Where the costs come from. */
    public enum Strategy {
        /** POST the candidates to the endpoint cost service. */
        ENDPOINT_COST,
        /** Rank locally from the network map and the cost map: private, one fetch for many rankings. */
        MAPS
    }

    private final AltoClient client;
    private final Optional<Strategy> strategy;
    private final String metric;
    private final Optional<CostMode> costMode;
    private final PeerOrder order;
    private final Ticker ticker;
    private final long refreshNanos;
    private final long maxStaleNanos;
    private final boolean followUpdates;
    private final Consumer<MapGuidance> onMapsChanged;
    /** Held by the one caller fetching or revalidating the maps. */
    private final ReentrantLock refreshing = new ReentrantLock();
    /** What the directory offered, chosen on first use. */
    private volatile GuidanceChoice chosen;
    /** The last attempt at the maps; null before the first. */
    private volatile MapState maps;
    /** The subscription following the maps: null until tried, empty when the server offers none. */
    private volatile Optional<Subscription> following;
    /** Done once the subscription brought its first pair of maps, or failed before it did. */
    private final CompletableFuture<Void> firstStreamedMaps = new CompletableFuture<>();
    private volatile boolean closed;

    /** Maps fetched from the server and their local form, rebuilt only when the client fetched new maps. */
    private record Fetched(NetworkMapResponse networkMap, CostMapResponse costMap, MapGuidance local, long validatedNanos) {
    }

    /** The outcome of the last attempt: the maps last fetched (if ever) and why the attempt failed (if it did). */
    private record MapState(Optional<Fetched> fetched, long attemptedNanos, Optional<String> failure) {
    }

    /** Maps to rank with, and why they are degraded (stale after a failed refresh), if they are. */
    private record Usable(MapGuidance local, Optional<String> staleness) {
    }

    private PeerRanker(Builder builder) {
        this.client = builder.client;
        this.strategy = builder.strategy;
        this.metric = builder.metric;
        this.costMode = builder.costMode;
        this.order = new PeerOrder(builder.randomShare, builder.random);
        this.ticker = builder.ticker;
        this.refreshNanos = builder.mapRefresh.toNanos();
        this.maxStaleNanos = builder.maxStaleness.toNanos();
        this.followUpdates = builder.followUpdates;
        this.onMapsChanged = builder.onMapsChanged;
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
        String failing = strategy.map(Strategy::toString).orElse("ALTO");
        try {
            GuidanceChoice choice = choice();
            failing = choice.strategy().toString();
            if (choice.strategy() == Strategy.ENDPOINT_COST) {
                return ordered(peers, endpointCosts(choice.costType(), source, peers));
            }
            Usable maps = maps(choice.costType());
            Ranking ranking = ordered(peers, maps.local().costs(source, peers));
            return maps.staleness().filter(reason -> ranking.status() == Ranking.Status.OK)
                    .map(reason -> new Ranking(Ranking.Status.DEGRADED, ranking.peers(), Optional.of(reason)))
                    .orElse(ranking);
        } catch (RuntimeException e) {
            String reason = failing + " ranking failed: " + e.getMessage();
            warnUnavailable(reason);
            return Ranking.unavailable(peers, reason);
        }
    }

    /**
     * With {@link Strategy#MAPS}: the maps in hand as local guidance, fetched or revalidated when the
     * refresh period has passed, for applications that rank the same peers many times (a tracker
     * locates each peer of a swarm once). Empty with {@link Strategy#ENDPOINT_COST}, or when no maps
     * within the maximum staleness can be had (a warning says why). Blocks while the first maps are
     * fetched.
     */
    public Optional<MapGuidance> guidance() {
        try {
            GuidanceChoice choice = choice();
            return choice.strategy() == Strategy.MAPS ? Optional.of(maps(choice.costType()).local()) : Optional.empty();
        } catch (RuntimeException e) {
            warnUnavailable("fetching the maps failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Ranking ordered(List<InetAddress> peers, double[] costs) {
        synchronized (order) { // PeerOrder shares one random generator
            return order.order(peers, costs);
        }
    }

    private void warnUnavailable(String reason) {
        LOG.atWarn().addKeyValue("server", client.directoryUri().toString()).addKeyValue("reason", reason)
                .log("no ALTO guidance; candidates left unranked");
    }

    /** The strategy and cost type: as insisted on, else the best the directory offers. */
    private GuidanceChoice choice() {
        GuidanceChoice held = chosen;
        if (held != null) {
            return held;
        }
        if (strategy.isPresent() && costMode.isPresent()) {
            held = new GuidanceChoice(strategy.get(), new CostType(metric, costMode.get()));
        } else {
            List<GuidanceChoice> offered = GuidanceChoice.offered(client, metric);
            held = offered.stream()
                    .filter(c -> strategy.map(c.strategy()::equals).orElse(true) && costMode.map(c.costType().mode()::equals).orElse(true))
                    .findFirst()
                    .orElseThrow(() -> new AltoResourceNotOfferedException("the directory at " + client.directoryUri()
                            + " offers no " + wanted() + (offered.isEmpty() ? "" : "; it offers "
                            + String.join(" and ", offered.stream().map(GuidanceChoice::describe).toList()))));
        }
        chosen = held;
        return held;
    }

    private String wanted() {
        return strategy.map(s -> s == Strategy.MAPS ? "maps" : "endpoint cost service").orElse("guidance") + " with "
                + costMode.map(mode -> mode.wireName() + " ").orElse("") + metric;
    }

    private double[] endpointCosts(CostType costType, InetAddress source, List<InetAddress> peers) {
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

    /** The maps to rank with, revalidated by one caller at a time once the refresh period has passed. */
    private Usable maps(CostType costType) {
        MapState held = maps;
        // Within the refresh period, or while a live subscription keeps them current, the maps are
        // used as they are: no request at all per ranking.
        if (held != null && (isFollowing() || ticker.read() - held.attemptedNanos() < refreshNanos)) {
            return usable(held);
        }
        if (held == null) {
            refreshing.lock(); // nothing to rank with yet: wait for the one fetch in flight
        } else if (!refreshing.tryLock()) {
            return usable(held); // another caller is revalidating: rank with the maps in hand meanwhile
        }
        try {
            MapState latest = maps;
            if (latest != held) {
                return usable(latest); // the attempt that ran while this caller waited
            }
            if (following == null) {
                follow(costType);
                Optional<MapState> streamed = streamedMaps();
                if (streamed.isPresent()) {
                    return usable(streamed.get());
                }
            }
            MapState attempt = attempt(costType, held);
            maps = attempt;
            return usable(attempt);
        } finally {
            refreshing.unlock();
        }
    }

    /**
     * The maps the subscription just opened brings as its first (full) updates, so that they are not
     * also fetched; empty, to fetch them, when there is no subscription or it brings none within the
     * request timeout.
     */
    private Optional<MapState> streamedMaps() {
        if (following.isEmpty()) {
            return Optional.empty();
        }
        try {
            firstStreamedMaps.get(client.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(maps);
    }

    /** Whether a live subscription keeps the maps current. */
    private boolean isFollowing() {
        Optional<Subscription> subscription = following;
        return subscription != null && subscription.isPresent() && subscription.get().isLive();
    }

    /** Subscribes to the two maps if the directory offers an update service for them; polling otherwise. */
    private void follow(CostType costType) {
        if (!followUpdates || client.verifiesSignatures()) {
            // Update events and TIPS edges are not signed: a client that requires signatures keeps polling.
            following = Optional.empty();
            return;
        }
        try {
            List<String> ids = List.of(client.networkMapId(), client.costMapId(costType));
            Optional<UpdateService> service = client.updateService(ids);
            if (service.isEmpty()) {
                LOG.atInfo().addKeyValue("server", client.directoryUri().toString())
                        .log("the ALTO server offers no update service for the maps; polling them");
                following = Optional.empty();
                return;
            }
            following = Optional.of(client.subscribe(ids, new MapsFollower(ids.get(0), ids.get(1))));
            if (closed) {
                close();
            }
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("server", client.directoryUri().toString()).addKeyValue("reason", e.getMessage())
                    .log("following the ALTO maps failed; polling them");
            following = Optional.empty();
        }
    }

    /** Turns every consistent pair of followed maps into the maps in hand. */
    private final class MapsFollower implements UpdateListener {
        private final String networkMapId;
        private final String costMapId;
        /** The maps as last decoded; each update decodes only the map it changed. */
        private NetworkMapResponse networkMap;
        private CostMapResponse costMap;

        MapsFollower(String networkMapId, String costMapId) {
            this.networkMapId = networkMapId;
            this.costMapId = costMapId;
        }

        @Override
        public void updated(ResourceUpdate update) {
            if (update.resourceId().equals(networkMapId)) {
                networkMap = update.networkMap();
            } else if (update.resourceId().equals(costMapId)) {
                costMap = update.costMap();
            }
            if (networkMap == null || costMap == null) {
                return;
            }
            MapGuidance local;
            try {
                local = MapGuidance.of(networkMap, costMap);
            } catch (IllegalArgumentException e) {
                return; // the network map moved on; the cost map's update that follows it completes the pair
            }
            long now = ticker.read();
            maps = new MapState(Optional.of(new Fetched(networkMap, costMap, local, now)), now, Optional.empty());
            firstStreamedMaps.complete(null);
            onMapsChanged.accept(local);
        }

        @Override
        public void interrupted(String reason, Duration retryIn) {
            firstStreamedMaps.complete(null); // fetch the first maps rather than wait for the retry
            LOG.atInfo().addKeyValue("server", client.directoryUri().toString()).addKeyValue("reason", reason)
                    .log("following the ALTO maps paused; polling them until the subscription is back");
        }

        @Override
        public void stopped(AltoClientException failure) {
            firstStreamedMaps.complete(null);
            LOG.atWarn().addKeyValue("server", client.directoryUri().toString()).addKeyValue("reason", failure.getMessage())
                    .log("the ALTO server refused to stream the maps; polling them");
        }
    }

    /** Ends the subscription following the maps, if there is one; rankings go on by polling. */
    @Override
    public void close() {
        closed = true;
        Optional<Subscription> subscription = following;
        if (subscription != null) {
            subscription.ifPresent(Subscription::close);
        }
    }

    private MapState attempt(CostType costType, MapState held) {
        Optional<Fetched> previous = Optional.ofNullable(held).flatMap(MapState::fetched);
        long now = ticker.read();
        try {
            NetworkMapResponse networkMap = client.networkMap();
            CostMapResponse costMap = client.costMap(costType);
            // The client hands back the same objects while the server answers 304: rebuild only on change.
            MapGuidance local = previous.filter(p -> p.networkMap() == networkMap && p.costMap() == costMap)
                    .map(Fetched::local).orElseGet(() -> MapGuidance.of(networkMap, costMap));
            return new MapState(Optional.of(new Fetched(networkMap, costMap, local, now)), now, Optional.empty());
        } catch (RuntimeException e) {
            previous.ifPresent(p -> LOG.atWarn().addKeyValue("server", client.directoryUri().toString())
                    .addKeyValue("reason", e.getMessage()).addKeyValue("age_s", age(p, now).toSeconds())
                    .log("revalidating the ALTO maps failed; ranking with the maps in hand"));
            return new MapState(previous, now, Optional.of(String.valueOf(e.getMessage())));
        }
    }

    private Usable usable(MapState state) {
        Fetched fetched = state.fetched().orElseThrow(() -> new IllegalStateException(state.failure().orElse("no maps")));
        if (state.failure().isEmpty()) {
            return new Usable(fetched.local(), Optional.empty());
        }
        Duration age = age(fetched, ticker.read());
        if (age.toNanos() > maxStaleNanos) {
            throw new IllegalStateException("the maps in hand are " + age.toSeconds() + " s old, more than the maximum "
                    + "staleness of " + Duration.ofNanos(maxStaleNanos).toSeconds() + " s; revalidating them failed: "
                    + state.failure().get());
        }
        return new Usable(fetched.local(), Optional.of("stale maps, " + age.toSeconds() + " s old: revalidating them failed: "
                + state.failure().get()));
    }

    private static Duration age(Fetched fetched, long now) {
        return Duration.ofNanos(now - fetched.validatedNanos());
    }

    /**
     * Configures a {@link PeerRanker}; defaults: routingcost, the strategy and cost mode the directory
     * offers (endpoint cost service and numerical first), 20 % random, maps revalidated every 60 s
     * and used for at most an hour after revalidation starts failing.
     */
    public static final class Builder {
        private final AltoClient client;
        private Optional<Strategy> strategy = Optional.empty();
        private String metric = "routingcost";
        private Optional<CostMode> costMode = Optional.empty();
        private double randomShare = PeerOrder.DEFAULT_RANDOM_SHARE;
        private RandomGenerator random = new SplittableRandom();
        private Duration mapRefresh = Duration.ofSeconds(60);
        private Duration maxStaleness = Duration.ofHours(1);
        private Ticker ticker = Ticker.system();
        private boolean followUpdates = true;
        private Consumer<MapGuidance> onMapsChanged = guidance -> { };

        private Builder(AltoClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** Insists on a strategy; without it, the directory's offer decides. */
        public Builder strategy(Strategy value) {
            strategy = Optional.of(value);
            return this;
        }

        /** Insists on a metric and a mode, e.g. numerical {@code routingcost}; the mode does not change the order. */
        public Builder costType(CostType value) {
            metric = value.metric();
            costMode = Optional.of(value.mode());
            return this;
        }

        /** The metric to rank by, e.g. {@code hopcount}, in whichever mode the directory offers. */
        public Builder metric(String value) {
            metric = Objects.requireNonNull(value, "metric");
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
            mapRefresh = nonNegative(value, "map refresh period");
            return this;
        }

        /**
         * With {@link Strategy#MAPS}: how old the maps in hand may grow while revalidating them fails
         * before rankings become {@link Ranking.Status#UNAVAILABLE}. Default one hour.
         */
        public Builder maxStaleness(Duration value) {
            maxStaleness = nonNegative(value, "maximum staleness");
            return this;
        }

        /**
         * With {@link Strategy#MAPS}: whether to follow the maps through the server's update service
         * when it offers one (default), or always poll them.
         */
        public Builder followUpdates(boolean value) {
            followUpdates = value;
            return this;
        }

        /**
         * Called with the new local guidance each time the followed maps change (on the
         * subscription's thread; keep it quick). Not called for maps fetched by polling.
         */
        public Builder onMapsChanged(Consumer<MapGuidance> listener) {
            onMapsChanged = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The source of time for refresh and staleness; tests pass a {@code ManualTicker}. */
        public Builder ticker(Ticker value) {
            ticker = Objects.requireNonNull(value, "ticker");
            return this;
        }

        private static Duration nonNegative(Duration value, String what) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("the " + what + " cannot be negative: " + value);
            }
            return value;
        }

        public PeerRanker build() {
            return new PeerRanker(this);
        }
    }
}
