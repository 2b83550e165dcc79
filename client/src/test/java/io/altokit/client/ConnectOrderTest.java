package io.altokit.client;

import io.altokit.core.IpPrefix;
import io.altokit.core.Snapshot;
import io.altokit.server.protection.Protection;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectOrderTest {

    @Test
    void ordersKnownPeersByAltoAndKeepsEveryEndpointOnce() throws Exception {
        try (InProcessServer server = new InProcessServer(loopbackAreas(), Protection.none());
             AltoClient client = AltoClient.builder(server.directoryUri()).build()) {
            ConnectOrder order = new ConnectOrder(PeerRanker.builder(client).strategy(PeerRanker.Strategy.MAPS)
                    .randomShare(0).seed(1).build());
            List<InetSocketAddress> known = List.of(endpoint("127.0.3.1", 1), endpoint("127.0.1.9", 1), endpoint("127.0.2.1", 1),
                    endpoint("127.0.1.9", 2), endpoint("127.0.3.1", 1));
            ConnectOrder.Plan plan = order.order(endpoint("127.0.1.1", 0).getAddress(), known);
            assertThat(plan.status()).isEqualTo(Ranking.Status.OK);
            assertThat(plan.peers()).hasSize(4);
            assertThat(plan.peers().subList(0, 2)).containsExactlyInAnyOrder(endpoint("127.0.1.9", 1), endpoint("127.0.1.9", 2));
            assertThat(plan.peers().subList(2, 4)).containsExactly(endpoint("127.0.2.1", 1), endpoint("127.0.3.1", 1));
        }
    }

    @Test
    void withoutGuidanceThePeersComeAsGiven() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (AltoClient down = AltoClient.builder(URI.create("http://127.0.0.1:" + closed + "/directory"))
                .connectTimeout(Duration.ofMillis(300)).requestTimeout(Duration.ofMillis(300)).maxAttempts(1).build()) {
            List<InetSocketAddress> known = List.of(endpoint("127.0.3.1", 1), endpoint("127.0.1.9", 1));
            ConnectOrder.Plan plan = new ConnectOrder(PeerRanker.builder(down).build()).order(endpoint("127.0.1.1", 0).getAddress(), known);
            assertThat(plan.status()).isEqualTo(Ranking.Status.UNAVAILABLE);
            assertThat(plan.peers()).containsExactlyElementsOf(known);
        }
    }

    /** {@code pid-N} is 127.0.N.0/24; routingcost 1 within a PID and 10 per step between them. */
    private static Snapshot loopbackAreas() {
        Snapshot.Builder network = Snapshot.builder().defaultPid("elsewhere");
        for (int pid = 1; pid <= 3; pid++) {
            network.pid("pid-" + pid, List.of(IpPrefix.parse("127.0." + pid + ".0/24")));
        }
        for (int from = 1; from <= 3; from++) {
            for (int to = 1; to <= 3; to++) {
                network.cost("routingcost", "pid-" + from, "pid-" + to, from == to ? 1 : 10 * Math.abs(from - to));
            }
        }
        return network.build();
    }

    private static InetSocketAddress endpoint(String address, int port) {
        return new InetSocketAddress(address, port);
    }
}
