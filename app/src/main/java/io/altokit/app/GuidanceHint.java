package io.altokit.app;

import io.altokit.client.AltoClient;
import io.altokit.client.AltoClientException;
import io.altokit.client.GuidanceChoice;
import io.altokit.client.PeerRanker;
import io.altokit.model.CostMode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The option that would help when a server does not offer the guidance asked for: "the server offers
 * the maps with ordinal routingcost: try --strategy map --cost-mode ordinal".
 */
final class GuidanceHint {
    private GuidanceHint() {
    }

    /** For {@code alto rank}: another strategy or cost mode, as the options the caller insisted on allow. */
    static Optional<String> suggest(AltoClient client, String metric, Optional<PeerRanker.Strategy> strategy,
                                    Optional<CostMode> mode) {
        return suggest(client, metric, choice -> true, strategy, mode);
    }

    /** For {@code alto query}: the resource is fixed, only the cost mode can change. */
    static Optional<String> suggestCostMode(AltoClient client, String metric, PeerRanker.Strategy resource, CostMode mode) {
        return suggest(client, metric, choice -> choice.strategy() == resource, Optional.empty(), Optional.of(mode));
    }

    /**
     * A hint when the directory offers {@code metric} (among the {@code possible} choices) in some
     * other way than the one insisted on; empty when it offers that one (the failure was something
     * else), offers nothing possible, or cannot be read.
     */
    private static Optional<String> suggest(AltoClient client, String metric, Predicate<GuidanceChoice> possible,
                                            Optional<PeerRanker.Strategy> strategy, Optional<CostMode> mode) {
        List<GuidanceChoice> offered;
        try {
            offered = GuidanceChoice.offered(client, metric).stream().filter(possible).toList();
        } catch (AltoClientException e) {
            return Optional.empty();
        }
        if (offered.stream().anyMatch(c -> strategy.map(c.strategy()::equals).orElse(true)
                && mode.map(c.costType().mode()::equals).orElse(true))) {
            return Optional.empty();
        }
        // The offer that asks the caller to change the fewest options; the directory's order among equals.
        return offered.stream().min(Comparator.comparingInt(choice -> changes(choice, strategy, mode))).map(choice -> {
            List<String> flags = new ArrayList<>();
            if (strategy.filter(s -> s != choice.strategy()).isPresent()) {
                flags.add("--strategy " + GuidanceStrategy.of(choice.strategy()).wireName());
            }
            if (mode.filter(m -> m != choice.costType().mode()).isPresent()) {
                flags.add("--cost-mode " + choice.costType().mode().wireName());
            }
            return "the server offers " + choice.describe() + ": try " + String.join(" ", flags);
        });
    }

    private static int changes(GuidanceChoice choice, Optional<PeerRanker.Strategy> strategy, Optional<CostMode> mode) {
        return (strategy.filter(s -> s != choice.strategy()).isPresent() ? 1 : 0)
                + (mode.filter(m -> m != choice.costType().mode()).isPresent() ? 1 : 0);
    }
}
