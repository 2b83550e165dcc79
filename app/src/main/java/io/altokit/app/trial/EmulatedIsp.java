package io.altokit.app.trial;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The emulated operator network: a core namespace (the ALTO server, its BGP listener, the tracker), a
 * router namespace per area joined to the core by an uplink, and a namespace per peer on its area
 * router's bridge. Access links and uplinks are shaped with {@code tbf} in both directions (each end
 * shapes what it sends). The host reaches the core over a management link, for the trial's own
 * readiness checks.
 * <pre>
 *   host --altotrial0-- core 198.19.255.1 --a1/uplink-- router r1 --br0-- p0, p3, p6 ...   (198.18.1.0/24)
 *                            |          \--a2/uplink-- router r2 --br0-- p1, p4, p7 ...   (198.18.2.0/24)
 *                            ...          \--a3/uplink-- router r3 --br0-- p2, p5, p8 ... (198.18.3.0/24)
 * </pre>
 */
final class EmulatedIsp {
    private static final String UPLINK = "uplink";
    private static final String BRIDGE = "br0";
    private static final String PEER_DEVICE = "eth0";
    private static final String CORE_HOST_PORT = "host";

    private final TrialPlan plan;
    private final long uplinkKbit;

    EmulatedIsp(TrialPlan plan, long uplinkKbit) {
        this.plan = plan;
        this.uplinkKbit = uplinkKbit;
    }

    /**
     * Creates every namespace, link, address, route and shaper; on failure the caller removes what was
     * made. Stops early once {@code cancelled} holds (the clean-up has begun: Ctrl-C).
     */
    void build(BooleanSupplier cancelled) throws IOException {
        String core = AddressPlan.CORE_NAMESPACE;
        namespace(core);
        ip("link", "add", AddressPlan.HOST_LINK, "type", "veth", "peer", "name", CORE_HOST_PORT, "netns", core);
        ip("addr", "add", AddressPlan.HOST_ADDRESS + "/30", "dev", AddressPlan.HOST_LINK);
        ip("link", "set", "dev", AddressPlan.HOST_LINK, "up");
        ip("-n", core, "addr", "add", AddressPlan.CORE_LINK_ADDRESS + "/30", "dev", CORE_HOST_PORT);
        ip("-n", core, "link", "set", "dev", CORE_HOST_PORT, "up");
        ip("-n", core, "addr", "add", AddressPlan.CORE_ADDRESS + "/32", "dev", "lo");
        ip("route", "add", AddressPlan.TRIAL_RANGE, "via", AddressPlan.CORE_LINK_ADDRESS, "dev", AddressPlan.HOST_LINK);
        for (int area = 1; area <= plan.areas(); area++) {
            stopIf(cancelled);
            buildArea(area);
        }
        for (TrialPeer peer : plan.peers()) {
            stopIf(cancelled);
            buildPeer(peer);
        }
    }

    private static void stopIf(BooleanSupplier cancelled) throws TrialException {
        if (cancelled.getAsBoolean()) {
            throw new TrialException("stopped while building the network");
        }
    }

    private void buildArea(int area) throws IOException {
        String core = AddressPlan.CORE_NAMESPACE;
        String router = AddressPlan.routerNamespace(area);
        String corePort = AddressPlan.coreUplinkPort(area);
        namespace(router);
        ip("link", "add", corePort, "netns", core, "type", "veth", "peer", "name", UPLINK, "netns", router);
        ip("-n", core, "addr", "add", AddressPlan.uplinkCoreAddress(area) + "/30", "dev", corePort);
        ip("-n", core, "link", "set", "dev", corePort, "up");
        ip("-n", router, "addr", "add", AddressPlan.uplinkRouterAddress(area) + "/30", "dev", UPLINK);
        ip("-n", router, "link", "set", "dev", UPLINK, "up");
        ip("-n", router, "link", "add", BRIDGE, "type", "bridge");
        ip("-n", router, "addr", "add", AddressPlan.routerAddress(area) + "/24", "dev", BRIDGE);
        ip("-n", router, "link", "set", "dev", BRIDGE, "up");
        ip("-n", router, "route", "add", "default", "via", AddressPlan.uplinkCoreAddress(area));
        ip("-n", core, "route", "add", AddressPlan.areaPrefix(area), "via", AddressPlan.uplinkRouterAddress(area));
        shape(core, corePort, uplinkKbit);
        shape(router, UPLINK, uplinkKbit);
    }

    private void buildPeer(TrialPeer peer) throws IOException {
        String router = AddressPlan.routerNamespace(peer.area());
        String ns = peer.namespace();
        namespace(ns);
        ip("link", "add", peer.routerPort(), "netns", router, "type", "veth", "peer", "name", PEER_DEVICE, "netns", ns);
        ip("-n", router, "link", "set", "dev", peer.routerPort(), "master", BRIDGE);
        ip("-n", router, "link", "set", "dev", peer.routerPort(), "up");
        ip("-n", ns, "addr", "add", peer.address() + "/24", "dev", PEER_DEVICE);
        ip("-n", ns, "link", "set", "dev", PEER_DEVICE, "up");
        ip("-n", ns, "route", "add", "default", "via", AddressPlan.routerAddress(peer.area()));
        shape(ns, PEER_DEVICE, peer.access().uplinkKbit());
        shape(router, peer.routerPort(), peer.access().downlinkKbit());
    }

    /** A namespace with its loopback up and forwarding on (routers and core forward; it costs peers nothing). */
    private static void namespace(String name) throws IOException {
        ip("netns", "add", name);
        ip("-n", name, "link", "set", "dev", "lo", "up");
        Shell.run(Namespaces.exec(name, List.of("sysctl", "-qw", "net.ipv4.ip_forward=1")));
    }

    /**
     * A token bucket on what {@code device} sends: {@code kbit} per second, a burst of 20 ms at that
     * rate (at least 4 KiB, so a full-size frame always fits), up to 200 ms of queue.
     */
    private static void shape(String namespace, String device, long kbit) throws IOException {
        long burstBytes = Math.max(4096, kbit * 1000 / 8 / 50);
        Shell.run("tc", "-n", namespace, "qdisc", "add", "dev", device, "root", "tbf", "rate", kbit + "kbit",
                "burst", Long.toString(burstBytes), "latency", "200ms");
    }

    private static void ip(String... arguments) throws IOException {
        String[] command = new String[arguments.length + 1];
        command[0] = "ip";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Shell.run(command);
    }

    /** What the network carried so far: bytes that left an area through its uplink, and bytes the peers sent. */
    Traffic traffic() throws IOException {
        long interArea = 0;
        for (int area = 1; area <= plan.areas(); area++) {
            interArea += LinkCounters.txBytes(AddressPlan.routerNamespace(area), UPLINK);
        }
        long sent = 0;
        for (TrialPeer peer : plan.peers()) {
            sent += LinkCounters.txBytes(peer.namespace(), PEER_DEVICE);
        }
        return new Traffic(interArea, sent);
    }

    /** Byte counts of the network; {@link #since} gives those of one run. */
    record Traffic(long interAreaBytes, long totalBytes) {
        Traffic since(Traffic before) {
            return new Traffic(interAreaBytes - before.interAreaBytes, totalBytes - before.totalBytes);
        }
    }
}
