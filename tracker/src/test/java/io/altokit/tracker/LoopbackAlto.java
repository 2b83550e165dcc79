package io.altokit.tracker;

import io.altokit.client.AltoClient;
import io.altokit.client.MapGuidance;
import io.altokit.client.PeerRanker;
import io.altokit.core.InformationBase;
import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.server.AltoServer;
import io.altokit.server.ServerConfig;

import java.util.List;

/**
 * A real AltoKit server in process whose PIDs are loopback networks: {@code pid-N} is 127.0.N.0/24
 * (N = 1 to 4) and {@code pid-6} is ::1; routingcost is 1 within a PID and 10 per step between
 * them (pid-1 to pid-3 costs 20), so a peer's own PID is always cheapest.
 */
final class LoopbackAlto implements AutoCloseable {
    static final int PIDS = 4;

    final AltoServer server;
    final AltoClient client;

    LoopbackAlto() throws InterruptedException {
        Snapshot.Builder network = Snapshot.builder().defaultPid("elsewhere");
        for (int pid = 1; pid <= PIDS; pid++) {
            network.pid("pid-" + pid, List.of(IpPrefix.parse("127.0." + pid + ".0/24")));
        }
        network.pid("pid-6", List.of(IpPrefix.parse("::1/128")));
        for (int from = 1; from <= 6; from++) {
            for (int to = 1; to <= 6; to++) {
                if (from != 5 && to != 5) {
                    network.cost("routingcost", "pid-" + from, "pid-" + to, from == to ? 1 : 10 * Math.abs(from - to));
                }
            }
        }
        server = AltoServer.start(new ServerConfig("127.0.0.1", 0, 1, 1 << 20, 10_000,
                ServerConfig.DEFAULT_NETWORK_MAP_ID, false, 0, 0, false), new InformationBase(network.build()));
        client = AltoClient.builder(server.directoryUri()).build();
    }

    /** The served maps as local guidance. */
    MapGuidance guidance() {
        return PeerRanker.builder(client).strategy(PeerRanker.Strategy.MAPS).build().guidance().orElseThrow();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
