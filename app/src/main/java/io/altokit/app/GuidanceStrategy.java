package io.altokit.app;

import io.altokit.client.PeerRanker;

import java.util.Locale;

/** {@code --strategy ecs|map} of {@code alto rank} and {@code alto tracker}: where the costs come from. */
enum GuidanceStrategy {
    /** Ask the endpoint cost service about the candidates. */
    ECS(PeerRanker.Strategy.ENDPOINT_COST),
    /** Rank locally from the network and cost maps: the server never sees the peers. */
    MAP(PeerRanker.Strategy.MAPS);

    private final PeerRanker.Strategy ranker;

    GuidanceStrategy(PeerRanker.Strategy ranker) {
        this.ranker = ranker;
    }

    PeerRanker.Strategy ranker() {
        return ranker;
    }

    static GuidanceStrategy of(PeerRanker.Strategy strategy) {
        return strategy == PeerRanker.Strategy.MAPS ? MAP : ECS;
    }

    /** As typed on the command line. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
