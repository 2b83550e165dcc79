package io.altokit.app;

import io.altokit.app.config.ConfigNode;
import io.altokit.app.config.NearestKey;
import io.altokit.core.Snapshot;
import io.altokit.model.CostMetrics;
import io.altokit.provision.network.NetworkFile;

/**
 * The network sections of the file (network-map, costs, resource-pools, rating, bgp, mrt): checks
 * the names the server will publish, then has {@code provision} build the snapshot from them.
 */
final class NetworkSettings {

    private NetworkSettings() {
    }

    /** The snapshot the file describes, after its cost metric names are checked. */
    static Snapshot snapshot(ConfigNode root) {
        checkMetrics(root);
        return NetworkFile.fromTree(root.tree(), root.file());
    }

    /**
     * A metric a server offers is registered (RFC 7285, RFC 9439) or private ({@code priv:}); any
     * other name (a typo such as {@code routing_cost}) would be published as if it were standard.
     */
    static void checkMetrics(ConfigNode root) {
        root.get("costs").ifPresent(costs -> costs.entries().forEach((metric, matrix) -> {
            if (!CostMetrics.isRegisteredOrPrivate(metric)) {
                throw matrix.error("'" + metric + "' is neither a registered cost metric ("
                        + String.join(", ", CostMetrics.REGISTERED.stream().sorted().toList())
                        + ") nor a private one (priv:name)"
                        + NearestKey.suggestion(metric, CostMetrics.REGISTERED));
            }
        }));
    }
}
