package io.altokit.app;

import io.altokit.app.config.ConfigNode;
import io.altokit.app.config.YamlFile;
import io.altokit.core.InformationBase;
import io.altokit.core.Snapshot;
import io.altokit.provision.ProvisioningException;
import io.altokit.provision.bgp.BgpConfig;
import io.altokit.provision.bgp.BgpProvisioning;
import io.altokit.provision.bgp.PeerStatus;
import io.altokit.provision.network.NetworkConfig;
import io.altokit.provision.network.NetworkLoader;
import io.altokit.provision.publish.Publisher;
import io.altokit.provision.reload.ConfigReloader;
import io.altokit.provision.store.SnapshotPersister;
import io.altokit.provision.store.SnapshotStore;
import io.altokit.server.ops.Readiness;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything that feeds the served snapshot in {@code alto serve}: the publisher, which alone
 * publishes, and its sources: the network file (or the embedded example), its BGP feed, reloads
 * when files change or on SIGHUP; plus the state file that lets a restart serve the last
 * BGP-learned map at once. Wiring only; the parts live in {@code provision}.
 */
final class Provisioning implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Provisioning.class);

    private final InformationBase informationBase;
    private final Optional<Publisher> publisher;
    private final Optional<BgpProvisioning> bgp;
    private final Optional<ConfigReloader> reloader;
    private final Optional<SnapshotPersister> persister;
    /** Whether the snapshot served at the start came from the state file. */
    private final boolean restored;

    private Provisioning(InformationBase informationBase, Optional<Publisher> publisher, Optional<BgpProvisioning> bgp,
                         Optional<ConfigReloader> reloader, Optional<SnapshotPersister> persister, boolean restored) {
        this.informationBase = informationBase;
        this.publisher = publisher;
        this.bgp = bgp;
        this.reloader = reloader;
        this.persister = persister;
        this.restored = restored;
    }

    /** The embedded example network: nothing to watch or feed. */
    static Provisioning example() {
        return new Provisioning(new InformationBase(ExampleNetwork.snapshot()), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false);
    }

    /**
     * Serves the network file read as {@code config}; with a BGP feed and a state file, the
     * snapshot saved by the last run is served until the peers have re-sent their routes.
     *
     * @throws ProvisioningException for a mistake in the file or the state file's location
     */
    static Provisioning of(ConfigNode config, Optional<Path> stateFile) throws IOException, InterruptedException {
        Path file = config.file();
        NetworkConfig sections = NetworkSettings.sections(config);
        // Reloads read the file through the same reader and checks as the start did, and only the files that changed.
        NetworkLoader loader = new NetworkLoader(file, (path, content) -> NetworkSettings.sections(YamlFile.read(content, path)));
        Snapshot fromFile = loader.load(sections);
        Optional<BgpConfig> bgpConfig = config.get("bgp").map(bgp -> BgpSettings.read(bgp, NetworkSettings.defaultPid(config)));
        boolean withBgp = bgpConfig.isPresent();
        Optional<SnapshotStore> store = stateFile.map(SnapshotStore::new).map(SnapshotStore::requireDirectory);
        Optional<Snapshot> restored = withBgp ? store.flatMap(Provisioning::restore) : Optional.empty();
        InformationBase informationBase = new InformationBase(restored.orElse(fromFile));
        Publisher publisher = Publisher.start(informationBase, fromFile, restored.isPresent());
        Optional<SnapshotPersister> persister = store.map(s -> SnapshotPersister.attach(informationBase, s));
        Optional<BgpProvisioning> bgp = Optional.empty();
        try {
            if (withBgp) {
                bgp = Optional.of(BgpProvisioning.start(bgpConfig.get(), publisher, restored.isPresent()));
            }
            ConfigReloader reloader = ConfigReloader.start(file, sections.files(), changed -> loader.reload(), publisher,
                    ConfigReloader.DEFAULT_QUIET_PERIOD);
            return new Provisioning(informationBase, Optional.of(publisher), bgp, Optional.of(reloader), persister,
                    restored.isPresent());
        } catch (IOException | InterruptedException | RuntimeException e) {
            bgp.ifPresent(BgpProvisioning::close);
            publisher.close();
            persister.ifPresent(SnapshotPersister::close);
            throw e;
        }
    }

    private static Optional<Snapshot> restore(SnapshotStore store) {
        try {
            Optional<Snapshot> saved = store.load();
            saved.ifPresent(snapshot -> LOG.atInfo().addKeyValue("file", store.file().toString())
                    .addKeyValue("vtag", snapshot.networkMap().vtag()).log("serving the snapshot saved by the last run"));
            return saved;
        } catch (ProvisioningException e) {
            LOG.atError().addKeyValue("file", store.file().toString()).addKeyValue("reason", e.getMessage())
                    .log("state file ignored; starting from the network file");
            return Optional.empty();
        }
    }

    InformationBase informationBase() {
        return informationBase;
    }

    /**
     * What {@code /ready} checks beyond a served snapshot: with a BGP feed, that every configured
     * peer has sent End-of-RIB, or that the snapshot restored from the state file is served (so a
     * restart is ready at once, and a first start once the routes are in).
     */
    Readiness readiness() {
        return () -> bgp.map(feed -> List.of(bgpCheck(feed.peers()))).orElse(List.of());
    }

    private Readiness.Check bgpCheck(List<PeerStatus> peers) {
        List<String> waiting = peers.stream().filter(peer -> !peer.endOfRib()).map(peer -> peer.address().getHostAddress())
                .toList();
        if (waiting.isEmpty()) {
            return new Readiness.Check("bgp", true, "every peer sent End-of-RIB");
        }
        String detail = "waiting for End-of-RIB from " + String.join(", ", waiting);
        return restored ? new Readiness.Check("bgp", true, "serving the snapshot restored from the state file; " + detail)
                : new Readiness.Check("bgp", false, detail);
    }

    /** Registers the metrics of the publisher, the reloads and the BGP feed. */
    void registerMetrics(PrometheusRegistry registry) {
        ProvisioningMetrics.register(registry, publisher, reloader, bgp);
    }

    /** SIGHUP: re-read the network file (and the files it names) now. */
    void reload() {
        reloader.ifPresent(ConfigReloader::reloadNow);
    }

    /** Stops feeding; the state file then holds the last published snapshot. */
    @Override
    public void close() {
        reloader.ifPresent(ConfigReloader::close);
        bgp.ifPresent(BgpProvisioning::close);
        publisher.ifPresent(Publisher::close);
        persister.ifPresent(SnapshotPersister::close);
    }
}
