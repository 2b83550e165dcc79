package io.altokit.app;

import io.altokit.app.config.Durations;
import io.altokit.sim.flow.FlowNetwork;
import io.altokit.sim.select.PeerSelection;
import io.altokit.sim.streaming.StreamingConfig;
import io.altokit.sim.streaming.StreamingObserver;
import io.altokit.sim.streaming.StreamingResult;
import io.altokit.sim.streaming.StreamingSimulator;
import io.altokit.sim.report.Summary;
import io.altokit.sim.topology.CapacityMix;
import io.altokit.sim.topology.Topology;
import io.altokit.sim.topology.TopologySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code alto sim streaming}: mesh-based P2P live streaming, one row per peer-selection policy. */
@Command(name = "streaming", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulate P2P live streaming (the paper's 4.1: 1 Mbps video, 1000 peers over 100 ASes) under each peer-selection policy.")
final class SimStreamingCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SimTopologyOptions topology;

    @Option(names = "--policy", split = ",", paramLabel = "NAME",
            description = "Policies to run: random, rtt, alto, alto-random (comma-separated). Default: all.")
    private List<String> policies = PeerSelection.NAMES;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the topology and the run. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--duration", defaultValue = "10m", converter = Durations.Converter.class, paramLabel = "DURATION",
            description = "Simulated stream time, e.g. 10m or 600s. Default: ${DEFAULT-VALUE}.")
    private Duration duration;

    @Option(names = "--rate", defaultValue = "1000", description = "Video rate in kbps. Default: ${DEFAULT-VALUE}.")
    private double rateKbps;

    @Option(names = "--playout-delay", defaultValue = "10", description = "Playout deadline after a chunk's creation, seconds. Default: ${DEFAULT-VALUE}.")
    private double playoutDelayS;

    @Option(names = "--neighbours", defaultValue = "20", description = "Neighbours per peer. Default: ${DEFAULT-VALUE}.")
    private int neighbours;

    @Option(names = "--candidates", defaultValue = "500", description = "Random peers the bootstrap offers each peer to choose from. Default: ${DEFAULT-VALUE}.")
    private int candidates;

    @Option(names = "--local-wait", defaultValue = "1",
            description = "How long a peer waits for a chunk to reach a neighbour in its own PID before pulling it from another "
                    + "(drawn per peer and chunk from 0 to this, times stream rate / its uplink), seconds; 0: no waiting. Default: ${DEFAULT-VALUE}.")
    private double localWaitS;

    @Option(names = "--fallback-slack", defaultValue = "1",
            description = "With this little time left before a chunk's deadline a peer pulls it from any neighbour, seconds. Default: ${DEFAULT-VALUE}.")
    private double fallbackSlackS;

    @Mixin
    private SimChurnOptions churn;

    @Option(names = "--json", description = "One JSON object per policy and line instead of the table.")
    private boolean json;

    @Option(names = "--per-as", paramLabel = "FILE",
            description = "Also write the per-AS load as CSV: policy, AS, peers, transit capacity and mean inbound rate (Mbps), utilisation.")
    private Path perAs;

    @Override
    public Integer call() throws Exception {
        List<StreamingConfig> configs = new ArrayList<>();
        Topology network;
        try {
            TopologySpec topologySpec = topology.spec(CapacityMix.BROADBAND, seed);
            StreamingConfig base = StreamingConfig.defaults(topologySpec, policies.getFirst()).withDuration(seconds());
            base = new StreamingConfig(topologySpec, base.policy(), rateKbps * 1000, base.chunkS(), seconds(),
                    base.warmupS(), playoutDelayS, neighbours, candidates, base.parallelRequests(),
                    base.sourceUplinkBps(), base.sourceFanout(), base.stepS(), localWaitS, fallbackSlackS,
                    churn.churn());
            for (String policy : policies) {
                configs.add(base.withPolicy(PeerSelection.requireKnown(policy)));
            }
            network = Topology.generate(topologySpec);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("alto sim streaming: " + e.getMessage());
            return 2;
        }
        List<Summary> rows = new ArrayList<>();
        List<String> perAsLines = new ArrayList<>(List.of("policy,as,peers,transit_capacity_mbps,inbound_mbps,utilisation"));
        List<StreamingResult> results = new ArrayList<>();
        try (SimProgress bar = SimProgress.of("streaming", Math.round(seconds()) * configs.size(), false)) {
            for (StreamingConfig config : configs) {
                long before = Math.round(seconds()) * results.size();
                StreamingObserver progress = new StreamingObserver() {
                    @Override
                    public void stepped(double time, FlowNetwork flows) {
                        bar.stepTo(before + (long) time);
                    }
                };
                results.add(new StreamingSimulator(config, network, progress).run());
            }
        }
        for (StreamingResult result : results) {
            rows.add(result.summary());
            for (int as = 0; as < network.ases(); as++) {
                double capacity = network.transitCapacityBps(as) / 1e6;
                double inbound = result.asInboundBytes()[as] * 8 / seconds() / 1e6;
                perAsLines.add(String.format(Locale.ROOT, "%s,%d,%d,%.3f,%.3f,%.4f", result.policy(), as, network.peersIn(as),
                        capacity, inbound, inbound / capacity));
            }
        }
        SimOutput.print(spec.commandLine().getOut(), rows, json);
        if (perAs != null) {
            try {
                Files.write(perAs, perAsLines);
            } catch (IOException e) {
                spec.commandLine().getErr().println("alto sim streaming: cannot write " + perAs + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    /** The simulators count time in seconds. */
    private double seconds() {
        return duration.toMillis() / 1000.0;
    }
}
