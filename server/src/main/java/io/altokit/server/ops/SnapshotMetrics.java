package io.altokit.server.ops;

import io.altokit.core.AddressFamily;
import io.altokit.core.InformationBase;
import io.altokit.core.NetworkMap;
import io.altokit.core.time.Ticker;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * What the served snapshot is: its network map's vtag (an info metric, so replicas can be compared),
 * PIDs and prefixes, how long ago it was published and how many publications there were. Read at
 * each scrape from the information base; only the publication time is noted as it happens.
 */
public final class SnapshotMetrics implements AutoCloseable {
    private final InformationBase.Subscription subscription;
    private volatile long publishedNanos;

    private SnapshotMetrics(PrometheusRegistry registry, InformationBase informationBase, Ticker ticker) {
        Counter publications = Counter.builder().name("alto_snapshot_publications_total")
                .help("Snapshots published since the start (the first one served included)").register(registry);
        this.subscription = informationBase.subscribe(update -> {
            publishedNanos = ticker.read();
            publications.inc();
        }, InformationBase.Delivery.inline());
        GaugeWithCallback.builder().name("alto_snapshot_info").labelNames("vtag")
                .help("1, labelled with the vtag of the network map served (identical on replicas serving the same content)")
                .callback(callback -> callback.call(1, informationBase.current().networkMap().vtag())).register(registry);
        GaugeWithCallback.builder().name("alto_snapshot_age_seconds").unit(Unit.SECONDS)
                .help("Time since the snapshot served was published")
                .callback(callback -> callback.call(Unit.nanosToSeconds(ticker.read() - publishedNanos))).register(registry);
        GaugeWithCallback.builder().name("alto_snapshot_pids").help("PIDs in the network map served")
                .callback(callback -> callback.call(informationBase.current().networkMap().size())).register(registry);
        GaugeWithCallback.builder().name("alto_snapshot_prefixes").labelNames("family")
                .help("Prefixes in the network map served, by address family")
                .callback(callback -> {
                    NetworkMap map = informationBase.current().networkMap();
                    callback.call(prefixes(map, AddressFamily.IPV4), "ipv4");
                    callback.call(prefixes(map, AddressFamily.IPV6), "ipv6");
                }).register(registry);
    }

    /** Registers the snapshot metrics of {@code informationBase} in {@code registry}; close to stop following it. */
    public static SnapshotMetrics register(PrometheusRegistry registry, InformationBase informationBase, Ticker ticker) {
        return new SnapshotMetrics(registry, informationBase, ticker);
    }

    private static long prefixes(NetworkMap map, AddressFamily family) {
        long count = 0;
        for (int pid = 0; pid < map.size(); pid++) {
            count += map.prefixes(pid, family).size();
        }
        return count;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
