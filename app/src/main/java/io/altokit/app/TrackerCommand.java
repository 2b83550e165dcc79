package io.altokit.app;

import io.altokit.app.config.Durations;
import io.altokit.client.AltoClient;
import io.altokit.tracker.AltoMode;
import io.altokit.tracker.Tracker;
import io.altokit.tracker.TrackerConfig;
import io.altokit.tracker.TrackerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code alto tracker}: a BitTorrent tracker whose peer lists follow an ALTO server's guidance. */
@Command(name = "tracker", mixinStandardHelpOptions = true,
        description = "Run an ALTO-guided BitTorrent HTTP tracker: /announce, /scrape, /metrics (Prometheus).")
final class TrackerCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "6969", description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address to listen on; 0.0.0.0 for every interface. Default: ${DEFAULT-VALUE}, as alto serve.")
    private String bind;

    @Option(names = "--server", paramLabel = "URI", description = "The ALTO server's directory, e.g. http://127.0.0.1:8181/directory. Without it, peer lists are random.")
    private URI server;

    @Option(names = "--strategy", defaultValue = "map", paramLabel = "map|ecs", description = "map: rank locally from the network and cost maps; ecs: ask the endpoint cost service per announce. Default: ${DEFAULT-VALUE}.")
    private GuidanceStrategy strategy;

    /** The names {@code --server} and {@code --strategy} had before the CLI used one vocabulary. */
    @Option(names = "--alto", hidden = true)
    private void alto(URI value) {
        server = value;
    }

    @Option(names = "--mode", hidden = true)
    private void mode(GuidanceStrategy value) {
        strategy = value;
    }

    @Option(names = "--random-share", defaultValue = "0.2", description = "Share of each peer list given to random peers, 0 to 1. Default: ${DEFAULT-VALUE}.")
    private double randomShare;

    @Option(names = "--seed", description = "Seed of the random draws (random share, ties, lists without ALTO), to reproduce a run.")
    private Long seed;

    @Option(names = "--interval", defaultValue = "30m", converter = Durations.Converter.class, paramLabel = "DURATION", description = "Re-announce interval sent to peers, e.g. 30m or PT30M. Default: ${DEFAULT-VALUE}.")
    private Duration interval;

    @Option(names = "--peer-expiry", converter = Durations.Converter.class, paramLabel = "DURATION", description = "Drop peers silent this long. Default: twice the interval plus 5 minutes.")
    private Duration peerExpiry;

    @Option(names = "--max-swarms", defaultValue = "100000", description = "Torrents tracked at once. Default: ${DEFAULT-VALUE}.")
    private int maxSwarms;

    @Option(names = "--max-peers", defaultValue = "10000", description = "Peers kept per torrent. Default: ${DEFAULT-VALUE}.")
    private int maxPeers;

    @Option(names = "--max-total-peers", defaultValue = "1000000", description = "Peers kept in all torrents together (about 200 bytes of heap each). Default: ${DEFAULT-VALUE}.")
    private int maxTotalPeers;

    @Option(names = "--max-numwant", defaultValue = "200", description = "Most peers sent per announce. Default: ${DEFAULT-VALUE}.")
    private int maxNumwant;

    @Option(names = "--rate-limit", defaultValue = "20", description = "Requests per second accepted from one address (0: no limit). Default: ${DEFAULT-VALUE}.")
    private int rateLimit;

    @Option(names = "--accept-ip-param", description = "List peers at the address their announce's ip parameter gives (only behind a trusted proxy, or for load tests).")
    private boolean acceptIpParameter;

    @Option(names = "--map-refresh", defaultValue = "60s", converter = Durations.Converter.class, paramLabel = "DURATION", description = "How often the ALTO maps are revalidated (map strategy). Default: ${DEFAULT-VALUE}.")
    private Duration mapRefresh;

    @Option(names = "--io-threads", defaultValue = "0", description = "Netty I/O threads (0: one per core).")
    private int ioThreads;

    @Option(names = "--timeout", defaultValue = "5s", converter = Durations.Converter.class, paramLabel = "DURATION", description = "Timeout of one ALTO request. Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    @Override
    public Integer call() throws Exception {
        TrackerConfig config;
        try {
            config = new TrackerConfig(interval, Optional.ofNullable(peerExpiry).orElse(interval.multipliedBy(2).plusMinutes(5)),
                    maxSwarms, maxPeers, maxTotalPeers, Math.min(50, maxNumwant), maxNumwant, randomShare, acceptIpParameter, rateLimit, mapRefresh,
                    seed == null ? OptionalLong.empty() : OptionalLong.of(seed));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        AltoMode altoMode = server == null ? AltoMode.NONE : strategy == GuidanceStrategy.ECS ? AltoMode.ECS : AltoMode.MAPS;
        Optional<AltoClient> client = Optional.ofNullable(server)
                .map(uri -> AltoClient.builder(uri).connectTimeout(timeout).requestTimeout(timeout).maxAttempts(2).build());
        CountDownLatch stopRequested = new CountDownLatch(1);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stopRequested.countDown());
        }
        try (Tracker tracker = new Tracker(config, altoMode, client);
             TrackerServer server = TrackerServer.start(bind, port, ioThreads, tracker)) {
            spec.commandLine().getOut().println("BitTorrent tracker ready: " + server.announceUri());
            spec.commandLine().getOut().flush();
            stopRequested.await();
        } finally {
            client.ifPresent(AltoClient::close);
        }
        return 0;
    }
}
