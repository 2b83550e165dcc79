package io.altokit.tracker;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.function.DoubleSupplier;

/** The peer proxy's Prometheus metrics: announces by what became of their peer list, scrapes, ranking time. */
final class PeerProxyMetrics {

    /** What a forwarded announce answered. */
    enum Announced {
        /** the upstream list in ALTO order */
        RANKED,
        /** the upstream list unchanged: no ALTO guidance in time */
        UNRANKED,
        /** the upstream answer as it was: no peer list to order (a failure reason, an empty list) */
        PASSED,
        /** a failure reason from the proxy: bad request, upstream unreachable or garbled */
        FAILURE
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final CounterDataPoint[] announces = new CounterDataPoint[Announced.values().length];
    private final CounterDataPoint scrapesOk;
    private final CounterDataPoint scrapesFailed;
    private final CounterDataPoint droppedPeers;
    private final Histogram rankingSeconds;

    /** @param guided 1 once ALTO guidance was obtained, else 0 */
    PeerProxyMetrics(DoubleSupplier guided) {
        Counter announceCounter = Counter.builder().name("peer_proxy_announces_total").labelNames("outcome")
                .help("Announces forwarded: ranked (ALTO order), unranked (no guidance in time: the upstream list unchanged), "
                        + "passed (no peers to order), failure (a failure reason from the proxy)")
                .register(registry);
        for (Announced outcome : Announced.values()) {
            announces[outcome.ordinal()] = announceCounter.labelValues(outcome.name().toLowerCase());
        }
        Counter scrapes = Counter.builder().name("peer_proxy_scrapes_total").labelNames("outcome")
                .help("Scrapes forwarded: ok (the upstream answer passed through), failure (a failure reason)").register(registry);
        scrapesOk = scrapes.labelValues("ok");
        scrapesFailed = scrapes.labelValues("failure");
        droppedPeers = Counter.builder().name("peer_proxy_dropped_peers_total")
                .help("Peers left out of upstream answers listing more than the bound").register(registry);
        rankingSeconds = Histogram.builder().name("peer_proxy_ranking_seconds").unit(Unit.SECONDS).labelNames("outcome")
                .help("Time to rank one peer list: ok (ALTO order) or unavailable (no guidance, or not within the ranking timeout)")
                .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
        GaugeWithCallback.builder().name("peer_proxy_alto_guided")
                .help("1 once ALTO guidance was obtained: the maps (map strategy, fetched at start) or a ranking, else 0")
                .callback(callback -> callback.call(guided.getAsDouble())).register(registry);
    }

    void announced(Announced outcome) {
        announces[outcome.ordinal()].inc();
    }

    void scraped(boolean ok) {
        (ok ? scrapesOk : scrapesFailed).inc();
    }

    void dropped(int peers) {
        droppedPeers.inc(peers);
    }

    void ranking(long nanos, boolean ranked) {
        rankingSeconds.labelValues(ranked ? "ok" : "unavailable").observe(nanos / 1e9);
    }

    byte[] text() {
        return PrometheusText.of(registry);
    }
}
