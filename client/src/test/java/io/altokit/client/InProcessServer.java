package io.altokit.client;

import io.altokit.core.InformationBase;
import io.altokit.core.IpPrefix;
import io.altokit.core.PidProperties;
import io.altokit.core.Snapshot;
import io.altokit.server.AltoServer;
import io.altokit.server.ServerConfig;
import io.altokit.server.protection.Protection;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** A real AltoKit server on a free loopback port, serving a three-area network (as the server's tests do). */
final class InProcessServer implements AutoCloseable {
    final InformationBase informationBase;
    final AltoServer server;

    InProcessServer() throws InterruptedException {
        this(Protection.none());
    }

    InProcessServer(Protection protection) throws InterruptedException {
        this(network(5).build(), protection);
    }

    InProcessServer(Snapshot network, Protection protection) throws InterruptedException {
        informationBase = new InformationBase(network);
        server = AltoServer.start(new ServerConfig("127.0.0.1", 0, 1, 1 << 20, 10_000,
                ServerConfig.DEFAULT_NETWORK_MAP_ID, false, 0, 0, false), informationBase, protection);
    }

    URI directoryUri() {
        return server.directoryUri();
    }

    /** Areas a, b, c (c nested in b's /16), both families, b and c named; routingcost a-b is {@code ab}. */
    static Snapshot.Builder network(double ab) {
        Snapshot.Builder builder = Snapshot.builder()
                .defaultPid("external")
                .pid("a", List.of(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("2001:db8:1::/48")))
                .pid("b", List.of(IpPrefix.parse("10.2.0.0/16")))
                .pid("c", List.of(IpPrefix.parse("10.2.5.0/24"), IpPrefix.parse("2001:db8:2::/48")))
                .pidProperties(PidProperties.from(Map.of("b", Map.of("priv:area-name", "Krakow"), "c", Map.of("priv:area-name", "Nowa Huta"))));
        String[] pids = {"a", "b", "c"};
        double[][] routing = {{1, ab, 10}, {ab, 1, 5}, {10, 5, 1}};
        double[][] hops = {{0, 2, 3}, {2, 0, 1}, {3, 1, 0}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                builder.cost("routingcost", pids[i], pids[j], routing[i][j]);
                builder.cost("hopcount", pids[i], pids[j], hops[i][j]);
            }
        }
        return builder;
    }

    @Override
    public void close() {
        server.close();
    }
}
