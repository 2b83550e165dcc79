package io.altokit.app;

import io.altokit.sim.report.Summary;
import io.altokit.sim.select.PeerSelection;
import io.altokit.sim.swarm.SwarmConfig;
import io.altokit.sim.swarm.SwarmObserver;
import io.altokit.sim.swarm.SwarmSimulator;
import io.altokit.sim.topology.CapacityMix;
import io.altokit.sim.topology.Topology;
import io.altokit.sim.topology.TopologySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code alto sim swarm}: a BitTorrent swarm behind an ALTO-ranking tracker, one row per policy. */
@Command(name = "swarm", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulate a BitTorrent swarm (the paper's 4.4 trial: one super-seed, half seeders, half leechers, Table 1 capacities) under each tracker policy.")
final class SimSwarmCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SimTopologyOptions topology;

    @Option(names = "--policy", split = ",", paramLabel = "NAME",
            description = "Tracker policies to run: random, rtt, alto, alto-random (comma-separated). Default: all.")
    private List<String> policies = PeerSelection.NAMES;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the topology and the run. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--file-mb", defaultValue = "20", description = "Size of the shared file in MB (10^6 bytes). Default: ${DEFAULT-VALUE}.")
    private double fileMb;

    @Option(names = "--candidates", defaultValue = "1000", description = "Present peers the tracker ranks per announce (a random sample when more). Default: ${DEFAULT-VALUE}.")
    private int candidates;

    @Option(names = "--pex", description = "Peers also learn of others from their neighbours (peer exchange), every minute, ranked by the policy.")
    private boolean pex;

    @Option(names = "--near-supply", defaultValue = "2",
            description = "A peer does not fetch a piece from outside its PID while this many neighbours in its PID hold it "
                    + "(ALTO policies); 0: off. Default: ${DEFAULT-VALUE}.")
    private int nearSupply;

    @Option(names = "--json", description = "One JSON object per policy and line instead of the table.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        List<SwarmConfig> configs = new ArrayList<>();
        Topology network;
        try {
            TopologySpec topologySpec = topology.spec(CapacityMix.PAPER_TABLE_1, seed);
            SwarmConfig base = SwarmConfig.defaults(topologySpec, policies.getFirst()).withFile(fileMb * 1e6);
            base = new SwarmConfig(topologySpec, base.policy(), base.fileBytes(), base.pieceBytes(), base.arrivalWindowS(),
                    base.timeLimitS(), base.superSeedUplinkBps(), base.numwant(), candidates, base.maxConnections(),
                    base.uploadSlots(), base.rechokeS(), base.optimisticS(), base.stepS(), pex, nearSupply);
            for (String policy : policies) {
                configs.add(base.withPolicy(PeerSelection.requireKnown(policy)));
            }
            network = Topology.generate(topologySpec);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("alto sim swarm: " + e.getMessage());
            return 2;
        }
        List<Summary> rows = new ArrayList<>();
        long downloads = (long) (network.peers() - 1) * configs.getFirst().pieces(); // pieces to deliver per run
        try (SimProgress bar = SimProgress.of("swarm", downloads * configs.size(), false)) {
            for (SwarmConfig config : configs) {
                SwarmObserver progress = new SwarmObserver() {
                    @Override
                    public void delivered(int sender, int receiver, int piece, double arrived) {
                        bar.step();
                    }
                };
                rows.add(new SwarmSimulator(config, network, progress).run().summary());
            }
        }
        SimOutput.print(spec.commandLine().getOut(), rows, json);
        return 0;
    }
}
