package io.altokit.app;

import io.altokit.provision.bgp.BgpProvisioning;
import io.altokit.provision.bgp.PeerStatus;
import io.altokit.provision.publish.Publisher;
import io.altokit.provision.reload.ConfigReloader;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.Optional;

/**
 * The metrics of what feeds the served snapshot: how long the last build took, configuration
 * reloads and their failures, and per BGP peer its session state, routes, last UPDATE and
 * End-of-RIB. All read from the parts at each scrape.
 */
final class ProvisioningMetrics {

    private ProvisioningMetrics() {
    }

    static void register(PrometheusRegistry registry, Optional<Publisher> publisher, Optional<ConfigReloader> reloader,
                         Optional<BgpProvisioning> bgp) {
        publisher.ifPresent(built -> GaugeWithCallback.builder().name("alto_snapshot_build_seconds").unit(Unit.SECONDS)
                .help("Time the last snapshot build took (published or not)")
                .callback(callback -> built.lastBuildTime().ifPresent(time -> callback.call(time.toNanos() / 1e9)))
                .register(registry));
        reloader.ifPresent(reloads -> {
            CounterWithCallback.builder().name("alto_config_reloads_total")
                    .help("Reloads of the network file (a file changed, or SIGHUP), whatever their outcome")
                    .callback(callback -> callback.call(reloads.reloads())).register(registry);
            CounterWithCallback.builder().name("alto_config_reload_failures_total")
                    .help("Reloads that kept the previous snapshot: a file could not be read or made no valid snapshot")
                    .callback(callback -> callback.call(reloads.failedReloads())).register(registry);
        });
        bgp.ifPresent(feed -> registerBgp(registry, feed));
    }

    private static void registerBgp(PrometheusRegistry registry, BgpProvisioning bgp) {
        GaugeWithCallback.builder().name("alto_bgp_session_state").labelNames("peer", "state")
                .help("1 for the state each configured peer's session is in, 0 for the others")
                .callback(callback -> bgp.peers().forEach(peer -> PeerStatus.SESSION_STATES.forEach(state ->
                        callback.call(peer.session().equals(state) ? 1 : 0, address(peer), state))))
                .register(registry);
        GaugeWithCallback.builder().name("alto_bgp_routes").labelNames("peer")
                .help("Routes held from each peer, current and stale")
                .callback(callback -> bgp.peers().forEach(peer -> callback.call(peer.routes(), address(peer))))
                .register(registry);
        GaugeWithCallback.builder().name("alto_bgp_last_update_age_seconds").unit(Unit.SECONDS).labelNames("peer")
                .help("Time since each peer's last UPDATE carrying routes (absent before its first)")
                .callback(callback -> bgp.peers().forEach(peer -> peer.sinceLastUpdate().ifPresent(age ->
                        callback.call(age.toNanos() / 1e9, address(peer)))))
                .register(registry);
        GaugeWithCallback.builder().name("alto_bgp_end_of_rib").labelNames("peer")
                .help("1 once the peer has sent End-of-RIB since the start (its initial routes are in), else 0")
                .callback(callback -> bgp.peers().forEach(peer -> callback.call(peer.endOfRib() ? 1 : 0, address(peer))))
                .register(registry);
    }

    private static String address(PeerStatus peer) {
        return peer.address().getHostAddress();
    }
}
