package io.altokit.server;

import io.altokit.core.CostMatrix;
import io.altokit.core.Snapshot;
import io.altokit.model.AltoError;
import io.altokit.model.AltoException;
import io.altokit.model.CostMode;
import io.altokit.model.CostType;
import io.altokit.model.Directory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cost types the server offers for a snapshot: every metric in each mode the client's privacy
 * policy allows (both without one), named "num-&lt;metric&gt;" and "ord-&lt;metric&gt;" in the directory.
 */
final class OfferedCosts {
    private final Snapshot snapshot;
    private final Set<CostMode> modes;
    private final Map<String, CostType> byName = new LinkedHashMap<>();

    OfferedCosts(Snapshot snapshot, Set<CostMode> modes) {
        this.snapshot = snapshot;
        this.modes = modes;
        for (String metric : snapshot.metrics()) {
            for (CostMode mode : modes) {
                CostType type = new CostType(metric, mode);
                byName.put(name(type), type);
            }
        }
    }

    static String name(CostType type) {
        return (type.mode() == CostMode.NUMERICAL ? "num-" : "ord-") + type.metric();
    }

    Map<String, CostType> byName() {
        return byName;
    }

    /** The capabilities of a service answering in any offered cost type, with constraints (RFC 7285 11.3.2.4). */
    Directory.Capabilities capabilities() {
        return new Directory.Capabilities(List.copyOf(byName.keySet()), Optional.of(true), List.of());
    }

    /** The matrix behind a requested cost type, or the RFC 7285 error for a type not offered. */
    CostMatrix matrixFor(CostType requested) {
        if (!modes.contains(requested.mode())) {
            throw new AltoException(AltoError.invalidValue("cost-type/cost-mode", requested.mode().wireName()));
        }
        return snapshot.costMatrix(requested.metric())
                .orElseThrow(() -> new AltoException(AltoError.invalidValue("cost-type/cost-metric", requested.metric())));
    }
}
