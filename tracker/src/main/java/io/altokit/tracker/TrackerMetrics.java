package io.altokit.tracker;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.function.DoubleSupplier;

/**
 * The tracker's Prometheus metrics: announces and scrapes by outcome (their rate is announces per
 * second), peers and swarms, the time ALTO guidance takes, and the peers returned by how they were
 * chosen (same PID as the asking peer, random share, unranked). Data points are resolved once, so
 * counting costs one atomic add on the request path.
 */
final class TrackerMetrics {

    /** How a request ended. */
    enum Outcome { OK, FAILURE, FLOOD }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final CounterDataPoint[] announces = new CounterDataPoint[Outcome.values().length];
    private final CounterDataPoint scrapes;
    private final CounterDataPoint returnedSamePid;
    private final CounterDataPoint returnedRandom;
    private final CounterDataPoint returnedUnranked;
    private final CounterDataPoint returnedOther;
    private final Histogram guidanceSeconds;

    TrackerMetrics(DoubleSupplier peers, DoubleSupplier seeders, DoubleSupplier swarms, DoubleSupplier guided) {
        Counter announceCounter = Counter.builder().name("tracker_announces_total").labelNames("outcome")
                .help("Announce requests by outcome (ok, failure: a bencoded failure reason, flood: refused by the per-address limit)")
                .register(registry);
        for (Outcome outcome : Outcome.values()) {
            announces[outcome.ordinal()] = announceCounter.labelValues(outcome.name().toLowerCase());
        }
        scrapes = Counter.builder().name("tracker_scrapes_total").help("Scrape requests answered").register(registry);
        Counter returned = Counter.builder().name("tracker_returned_peers_total").labelNames("choice")
                .help("Peers listed in announce answers, by how they were chosen: same_pid (ranked, in the asking peer's PID), "
                        + "ranked (ranked, another PID), random (the random share), unranked (no ALTO cost)")
                .register(registry);
        returnedSamePid = returned.labelValues("same_pid");
        returnedOther = returned.labelValues("ranked");
        returnedRandom = returned.labelValues("random");
        returnedUnranked = returned.labelValues("unranked");
        guidanceSeconds = Histogram.builder().name("tracker_alto_seconds").unit(Unit.SECONDS).labelNames("outcome")
                .help("Time taken to obtain ALTO guidance: a map revalidation (map mode) or an endpoint cost ranking (ecs mode)")
                .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
        GaugeWithCallback.builder().name("tracker_peers").help("Peers tracked, all swarms")
                .callback(callback -> callback.call(peers.getAsDouble())).register(registry);
        GaugeWithCallback.builder().name("tracker_seeders").help("Seeders tracked, all swarms")
                .callback(callback -> callback.call(seeders.getAsDouble())).register(registry);
        GaugeWithCallback.builder().name("tracker_swarms").help("Torrents tracked")
                .callback(callback -> callback.call(swarms.getAsDouble())).register(registry);
        GaugeWithCallback.builder().name("tracker_alto_guided").help("1 while ALTO maps are in hand (map mode), else 0")
                .callback(callback -> callback.call(guided.getAsDouble())).register(registry);
    }

    void announce(Outcome outcome) {
        announces[outcome.ordinal()].inc();
    }

    void scrape() {
        scrapes.inc();
    }

    void returned(Selection selection) {
        int ranked = selection.peers().size() - selection.random() - selection.unranked();
        returnedSamePid.inc(selection.samePid());
        returnedOther.inc(ranked - selection.samePid());
        returnedRandom.inc(selection.random());
        returnedUnranked.inc(selection.unranked());
    }

    void guidance(long nanos, boolean obtained) {
        guidanceSeconds.labelValues(obtained ? "ok" : "unavailable").observe(nanos / 1e9);
    }

    byte[] text() {
        return PrometheusText.of(registry);
    }
}
