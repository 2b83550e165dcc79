package io.altokit.app;

import io.altokit.app.config.ConfigNode;
import io.altokit.model.ResourceIds;
import io.altokit.server.ServerConfig;
import io.altokit.server.update.UpdateStreams;
import io.altokit.server.update.tips.TipsViews;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Binds the optional {@code server:} section of the YAML file onto {@link ServerConfig} defaults. */
final class ServerSettings {
    private static final Set<String> KEYS = Set.of("bind", "port", "io-threads", "max-request-bytes",
            "max-endpoints-per-request", "network-map-id", "access-log", "state-file", "max-concurrent-requests",
            "worker-threads", "adaptive-concurrency", "request-timeout", "idle-timeout", "update-streams", "admin-listen", "tips");
    private static final Set<String> UPDATE_STREAM_KEYS = Set.of("max-streams", "max-streams-per-client", "max-substreams",
            "max-pending-bytes", "keep-alive");
    private static final Set<String> TIPS_KEYS = Set.of("max-views", "max-views-per-client", "max-versions", "max-polls",
            "max-polls-per-client", "long-poll", "view-expiry");
    private static final Duration MIN_REQUEST_TIMEOUT = Duration.ofMillis(1);
    private static final Duration MAX_REQUEST_TIMEOUT = Duration.ofHours(1);
    private static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MAX_IDLE_TIMEOUT = Duration.ofDays(1);
    private static final Duration MIN_KEEP_ALIVE = Duration.ofSeconds(1);
    private static final Duration MAX_KEEP_ALIVE = Duration.ofHours(1);
    private static final Duration MIN_TIPS_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_LONG_POLL = Duration.ofHours(1);
    private static final Duration MAX_VIEW_EXPIRY = Duration.ofDays(1);

    private ServerSettings() {
    }

    static ServerConfig read(ConfigNode root) {
        ServerConfig defaults = ServerConfig.defaults();
        Optional<ConfigNode> found = root.section("server", KEYS);
        if (found.isEmpty()) {
            return defaults;
        }
        ConfigNode section = found.get();
        try {
            return new ServerConfig(
                    section.text("bind").orElse(defaults.bindAddress()),
                    section.integer("port", 0, 65535).orElse(defaults.port()),
                    count(section, "io-threads", defaults.ioThreads()),
                    section.integer("max-request-bytes", 1024, Integer.MAX_VALUE).orElse(defaults.maxRequestBytes()),
                    section.integer("max-endpoints-per-request", 1, Integer.MAX_VALUE).orElse(defaults.maxEndpointsPerRequest()),
                    networkMapId(section).orElse(defaults.networkMapId()),
                    section.bool("access-log", defaults.accessLog()),
                    count(section, "max-concurrent-requests", defaults.maxConcurrentRequests()),
                    count(section, "worker-threads", defaults.workerThreads()),
                    section.bool("adaptive-concurrency", defaults.adaptiveConcurrency()))
                    .withRequestTimeout(section.duration("request-timeout", MIN_REQUEST_TIMEOUT, MAX_REQUEST_TIMEOUT)
                            .orElse(defaults.requestTimeout()))
                    .withIdleTimeout(section.duration("idle-timeout", MIN_IDLE_TIMEOUT, MAX_IDLE_TIMEOUT)
                            .orElse(defaults.idleTimeout()))
                    .withUpdateStreams(updateStreams(section, defaults.updateStreams()))
                    .withTips(tips(section, defaults.tips()));
        } catch (IllegalArgumentException e) {
            throw section.error(e.getMessage());
        }
    }

    /** {@code server.update-streams}: the limits of RFC 8895 update streams, each defaulting on its own. */
    private static UpdateStreams.Limits updateStreams(ConfigNode server, UpdateStreams.Limits defaults) {
        Optional<ConfigNode> found = server.section("update-streams", UPDATE_STREAM_KEYS);
        if (found.isEmpty()) {
            return defaults;
        }
        ConfigNode section = found.get();
        return new UpdateStreams.Limits(
                section.integer("max-streams", 1, Integer.MAX_VALUE).orElse(defaults.maxStreams()),
                section.integer("max-streams-per-client", 1, Integer.MAX_VALUE).orElse(defaults.maxStreamsPerClient()),
                section.integer("max-substreams", 1, Integer.MAX_VALUE).orElse(defaults.maxSubstreams()),
                section.positive("max-pending-bytes").orElse(defaults.maxPendingBytes()),
                section.duration("keep-alive", MIN_KEEP_ALIVE, MAX_KEEP_ALIVE).orElse(defaults.keepAlive()));
    }

    /** {@code server.tips}: the limits of RFC 9569 TIPS views, each defaulting on its own. */
    private static TipsViews.Limits tips(ConfigNode server, TipsViews.Limits defaults) {
        Optional<ConfigNode> found = server.section("tips", TIPS_KEYS);
        if (found.isEmpty()) {
            return defaults;
        }
        ConfigNode section = found.get();
        return new TipsViews.Limits(
                section.integer("max-views", 1, Integer.MAX_VALUE).orElse(defaults.maxViews()),
                section.integer("max-views-per-client", 1, Integer.MAX_VALUE).orElse(defaults.maxViewsPerClient()),
                section.integer("max-versions", 2, Integer.MAX_VALUE).orElse(defaults.maxVersions()),
                section.integer("max-polls", 1, Integer.MAX_VALUE).orElse(defaults.maxPolls()),
                section.integer("max-polls-per-client", 1, Integer.MAX_VALUE).orElse(defaults.maxPollsPerClient()),
                section.duration("long-poll", MIN_TIPS_WAIT, MAX_LONG_POLL).orElse(defaults.longPoll()),
                section.duration("view-expiry", MIN_TIPS_WAIT, MAX_VIEW_EXPIRY).orElse(defaults.idle()));
    }

    private static Optional<String> networkMapId(ConfigNode section) {
        return section.get("network-map-id").map(value -> {
            if (!ResourceIds.isValid(value.text())) {
                throw value.error("'" + value.text() + "' is not an RFC 7285 resource id (1..64 of A-Z a-z 0-9 - : @ _ .)");
            }
            return value.text();
        });
    }

    /** A thread or request count; 0 means "pick for this machine" where ServerConfig allows it. */
    private static int count(ConfigNode section, String key, int fallback) {
        return section.integer(key, 0, Integer.MAX_VALUE).orElse(fallback);
    }

    /** {@code server.admin-listen}: a listener of their own for /metrics, /health, /ready and /ui/. */
    static Optional<InetSocketAddress> adminListen(ConfigNode root) {
        return root.get("server").flatMap(server -> server.get("admin-listen")).map(ListenAddress::read);
    }

    /** {@code server.state-file}, relative to the network file's directory. */
    static Optional<Path> stateFile(ConfigNode root) {
        return root.get("server").flatMap(server -> server.file("state-file"));
    }
}
