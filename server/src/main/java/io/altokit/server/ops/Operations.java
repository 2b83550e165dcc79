package io.altokit.server.ops;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's endpoints of a server: {@code /metrics}, {@code /health}, {@code /ready} and the
 * dashboard under {@code /ui/}. On the main listener, behind the protection layer like any resource
 * (access rules name them {@code metrics}, {@code health}, {@code ui}), unless {@code adminListen}
 * gives them a plain-HTTP listener of their own, where nothing else is served and no protection
 * applies.
 */
public record Operations(ServerMetrics metrics, Readiness readiness, Optional<InetSocketAddress> adminListen) {

    public Operations {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(adminListen, "adminListen");
    }

    /** On the main listener, with request metrics only and no readiness check beyond the server's own. */
    public static Operations onMainListener() {
        return new Operations(ServerMetrics.withoutJvm(), Readiness.NOTHING_MORE, Optional.empty());
    }
}
