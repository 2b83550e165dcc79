package io.altokit.app;

import io.altokit.sim.topology.CapacityMix;
import io.altokit.sim.topology.Placement;
import io.altokit.sim.topology.TopologySpec;
import picocli.CommandLine.Option;

/** The generated network every {@code alto sim} command runs on. */
final class SimTopologyOptions {

    @Option(names = "--peers", defaultValue = "1000", description = "Number of peers. Default: ${DEFAULT-VALUE}.")
    int peers;

    @Option(names = "--ases", defaultValue = "100", description = "Number of autonomous systems. Default: ${DEFAULT-VALUE}.")
    int ases;

    @Option(names = "--placement", defaultValue = "uniform", description = "How peers spread over ASes: uniform or zipf. Default: ${DEFAULT-VALUE}.")
    Placement placement;

    @Option(names = "--zipf", defaultValue = "1.0", description = "Zipf exponent for --placement zipf. Default: ${DEFAULT-VALUE}.")
    double zipfExponent;

    @Option(names = "--transit-factor", defaultValue = "1.5",
            description = "Each AS's transit link carries this factor times its peers' upload sum (times 0.5..1.5 per AS); "
                    + "1.0 is the high-load scenario where the transit links of some ASes saturate. Default: ${DEFAULT-VALUE}.")
    double transitFactor;

    TopologySpec spec(CapacityMix capacities, long seed) {
        return new TopologySpec(ases, peers, placement, zipfExponent, capacities, transitFactor, seed);
    }
}
