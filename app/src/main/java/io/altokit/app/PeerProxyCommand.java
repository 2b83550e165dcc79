package io.altokit.app;

import io.altokit.app.config.Durations;
import io.altokit.client.AltoClient;
import io.altokit.client.PeerRanker;
import io.altokit.model.AddressText;
import io.altokit.tracker.PeerProxy;
import io.altokit.tracker.PeerProxyConfig;
import io.altokit.tracker.TrackerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code alto peer-proxy}: client-side ALTO for unmodified BitTorrent clients, as an announce proxy. */
@Command(name = "peer-proxy", mixinStandardHelpOptions = true,
        description = {"Run a BitTorrent announce proxy that puts every tracker's peer lists in ALTO order.",
                "Announce to http://127.0.0.1:PORT/announce/<percent-encoded tracker announce URL>; "
                        + "scrape at /scrape/<percent-encoded scrape URL>; /metrics (Prometheus)."})
final class PeerProxyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "6970", description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address to listen on. Default: ${DEFAULT-VALUE}: the BitTorrent clients of this host.")
    private String bind;

    @Option(names = "--server", required = true, paramLabel = "URI", description = "The ALTO server's directory, e.g. http://alto.isp.example/directory.")
    private URI server;

    @Option(names = "--strategy", defaultValue = "map", paramLabel = "map|ecs",
            description = "map: rank locally from the network and cost maps (the server never sees the peers); ecs: ask the endpoint cost service per announce. Default: ${DEFAULT-VALUE}.")
    private GuidanceStrategy strategy;

    @Option(names = "--random-share", defaultValue = "0.2", description = "Share of each peer list given to random peers, 0 to 1. Default: ${DEFAULT-VALUE}.")
    private double randomShare;

    @Option(names = "--seed", description = "Seed of the random share and of tie-breaks, to reproduce a run.")
    private Long seed;

    @Option(names = "--self", paramLabel = "ADDR",
            description = "The address to rank from, as the ALTO server knows this host. Default: the announcing client's address (give this when clients reach the proxy over 127.0.0.1).")
    private String self;

    @Option(names = "--timeout", defaultValue = "5s", converter = Durations.Converter.class, paramLabel = "DURATION",
            description = "Timeout of one ALTO request. Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    @Option(names = "--ranking-timeout", defaultValue = "2s", converter = Durations.Converter.class, paramLabel = "DURATION",
            description = "Longest wait for the ranking of one peer list; then the tracker's list goes back unranked. Default: ${DEFAULT-VALUE}.")
    private Duration rankingTimeout;

    @Option(names = "--upstream-timeout", defaultValue = "15s", converter = Durations.Converter.class, paramLabel = "DURATION",
            description = "Longest wait for the upstream tracker. Default: ${DEFAULT-VALUE}.")
    private Duration upstreamTimeout;

    @Option(names = "--map-refresh", defaultValue = "60s", converter = Durations.Converter.class, paramLabel = "DURATION",
            description = "How often the ALTO maps are revalidated (map strategy, unless the server streams updates). Default: ${DEFAULT-VALUE}.")
    private Duration mapRefresh;

    @Option(names = "--io-threads", defaultValue = "1", description = "Netty I/O threads. Default: ${DEFAULT-VALUE}.")
    private int ioThreads;

    @Override
    public Integer call() throws Exception {
        PeerProxyConfig config;
        try {
            if (!(randomShare >= 0 && randomShare <= 1)) {
                throw new IllegalArgumentException("--random-share is a fraction from 0 to 1, got " + randomShare);
            }
            config = PeerProxyConfig.DEFAULTS.withSelf(Optional.ofNullable(self).map(PeerProxyCommand::literal))
                    .withTimeouts(rankingTimeout, upstreamTimeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stopRequested.countDown());
        }
        try (AltoClient client = AltoClient.builder(server).connectTimeout(timeout).requestTimeout(timeout).maxAttempts(2).build();
             PeerRanker ranker = ranker(client);
             PeerProxy proxy = new PeerProxy(config, ranker);
             TrackerServer listening = TrackerServer.start("peer proxy", bind, port, ioThreads, proxy::route)) {
            // Torrents announce to this URL followed by the percent-encoded announce URL of their tracker.
            spec.commandLine().getOut().println("peer proxy ready: " + listening.announceUri() + "/");
            spec.commandLine().getOut().flush();
            stopRequested.await();
        }
        return 0;
    }

    private PeerRanker ranker(AltoClient client) {
        PeerRanker.Builder builder = PeerRanker.builder(client).strategy(strategy.ranker()).randomShare(randomShare).mapRefresh(mapRefresh);
        if (seed != null) {
            builder.seed(seed);
        }
        return builder.build();
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByAddress(AddressText.parse(text));
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw new IllegalArgumentException("--self must be an IP address, got \"" + text + "\"", e);
        }
    }
}
