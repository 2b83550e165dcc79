package io.altokit.app;

/**
 * The network the operator-endpoint ITs serve: one area that BGP routes tagged 65000:101 join, and an
 * admin listener of its own.
 */
final class AdminBgpNetwork {
    private AdminBgpNetwork() {
    }

    /** The network file for the BGP listener on {@code ports[0]} and the admin listener on {@code ports[1]}. */
    static String yaml(int[] ports) {
        return """
                default-pid: external
                network-map:
                  area-01: { ipv4: [10.1.0.0/16] }
                costs:
                  routingcost:
                    area-01: { area-01: 1, external: 50 }
                    external: { area-01: 50, external: 1 }
                server:
                  admin-listen: "127.0.0.1:%d"
                """.formatted(ports[1]) + BgpSection.listeningOn(ports[0]).rule("{ community: \"65000:101\", pid: area-01 }").yaml();
    }
}
