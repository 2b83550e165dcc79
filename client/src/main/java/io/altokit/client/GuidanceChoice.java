package io.altokit.client;

import io.altokit.model.CostMode;
import io.altokit.model.CostType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One way a server can guide a {@link PeerRanker}: a strategy and a cost type the directory offers.
 *
 * @param strategy where the costs come from
 * @param costType the metric and mode asked for
 */
public record GuidanceChoice(PeerRanker.Strategy strategy, CostType costType) {

    public GuidanceChoice {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(costType, "costType");
    }

    /**
     * What the client's directory offers for {@code metric}, best first: the endpoint cost service
     * before the maps (the PeerRanker default), numerical before ordinal costs (which rank the same,
     * but numerical ones also say how much better a peer is).
     *
     * @throws AltoClientException when the directory cannot be had
     */
    public static List<GuidanceChoice> offered(AltoClient client, String metric) {
        List<GuidanceChoice> offered = new ArrayList<>();
        for (PeerRanker.Strategy strategy : PeerRanker.Strategy.values()) {
            for (CostMode mode : CostMode.values()) {
                CostType type = new CostType(metric, mode);
                boolean offers = strategy == PeerRanker.Strategy.MAPS ? client.offersCostMap(type) : client.offersEndpointCost(type);
                if (offers) {
                    offered.add(new GuidanceChoice(strategy, type));
                }
            }
        }
        return List.copyOf(offered);
    }

    /** "the maps with ordinal routingcost". */
    public String describe() {
        return (strategy == PeerRanker.Strategy.MAPS ? "the maps" : "the endpoint cost service") + " with "
                + costType.mode().wireName() + " " + costType.metric();
    }
}
