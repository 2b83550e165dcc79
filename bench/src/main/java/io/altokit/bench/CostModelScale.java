package io.altokit.bench;

import io.altokit.core.AddressFamily;
import io.altokit.core.CostMatrix;
import io.altokit.core.Criterion;
import io.altokit.core.InformationBase;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.core.Rating;
import io.altokit.core.Snapshot;
import io.altokit.provision.publish.Change;
import io.altokit.provision.publish.Outcome;
import io.altokit.provision.publish.Publisher;
import io.altokit.provision.publish.Routes;
import io.altokit.server.AltoServer;
import io.altokit.server.ServerConfig;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The cost model at operator scale (issue #16): a network of {@code pids} PIDs (default 1,700) with
 * 150 IPv4 + 30 IPv6 prefixes each, rtt (tenths of ms, as pool files write them) and hopcount costs
 * for every pair, rated into routingcost, served by an in-process server on loopback. Prints
 * <ul>
 *   <li>the storage of each matrix and its bytes per PID pair, and the heap the costs of a snapshot
 *       keep (snapshot minus the same network without costs) and the heap per prefix, each after
 *       full collections;</li>
 *   <li>change-to-served, {@code rounds} times: one rtt cell 0.5 ms more in the file's network (the
 *       reading of the file excluded: that is the configuration reader's) until every cost map was
 *       fetched again, identity and gzip; one rtt cell made the new maximum, which rescales every
 *       routingcost (the rating divides each criterion by its maximum); beside them, one
 *       prefix moved to another PID in the file, which changes the network map and so every map;</li>
 *   <li>route changes as the BGP feed hands them to the publisher (the session's decoding and the
 *       feed's debounce excluded): 10,000 routes (/24s out of 100.64.0.0/10) to PIDs taken at random,
 *       then the prefixes of one PID changed (a third of its routes moved to another), each until the
 *       network map and every cost map were fetched again.</li>
 * </ul>
 *
 * <p>Each line gives the wall time and the CPU seconds of the whole process (fetching included;
 * a line with no change gives that floor).
 *
 * <p>{@code java -Xmx4g -XX:+UseSerialGC -cp bench/target/benchmarks.jar io.altokit.bench.CostModelScale [pids] [rounds]}
 */
public final class CostModelScale {

    private static final long SEED = 16;
    private static final Rating RATING = new Rating(List.of(Criterion.linear("rtt", 1), Criterion.linear("hopcount", 1)));
    private static final int ROUTE_CHANGES = 10_000;
    private static final List<String> COST_MAPS = List.of("num-routingcost", "ord-routingcost", "num-rtt", "ord-rtt",
            "num-hopcount", "ord-hopcount");

    private CostModelScale() {}

    public static void main(String[] args) throws Exception {
        int pids = args.length > 0 ? Integer.parseInt(args[0]) : 1_700;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long start = System.nanoTime();
        SyntheticNetwork prefixes = SyntheticNetwork.generate(SEED, pids, 150 * pids, 30 * pids);
        long empty = usedHeapAfterGc();
        Snapshot withoutCosts = prefixes.toBuilder().build();
        long withNetwork = usedHeapAfterGc();
        Snapshot network = withCosts(prefixes.toBuilder(), pids, new SplittableRandom(SEED)).build();
        long withBoth = usedHeapAfterGc();
        Reference.reachabilityFence(withoutCosts);
        print("%,d PIDs, %,d IPv4 + %,d IPv6 prefixes, rtt + hopcount rated into routingcost: built in %.1f s",
                pids, prefixes.ipv4Prefixes(), prefixes.ipv6Prefixes(), secondsSince(start));
        for (String metric : network.metrics()) {
            CostMatrix matrix = network.costMatrix(metric).orElseThrow();
            print("  %-12s %4.1f bytes per PID pair (%,.1f MB; a double[] took 8 per pair)", metric,
                    (double) matrix.costBytes() / pids / pids, matrix.costBytes() / 1e6);
        }
        long networkBytes = withNetwork - empty;
        long snapshotBytes = withBoth - withNetwork;
        print("heap after full GCs: network map %.1f MB (%.0f bytes per prefix); snapshot %.1f MB, of which its %d"
                        + " matrices %.1f bytes per PID pair", networkBytes / 1e6,
                (double) networkBytes / (prefixes.ipv4Prefixes() + prefixes.ipv6Prefixes()), snapshotBytes / 1e6,
                network.metrics().size(), (double) (snapshotBytes - networkBytes) / pids / pids);
        withoutCosts = null; // an interpreted frame would otherwise keep it reachable

        InformationBase base = new InformationBase(network);
        try (Publisher publisher = Publisher.start(base, network, false);
             AltoServer server = AltoServer.start(ServerConfig.defaults().withPort(0), base)) {
            HttpClient http = HttpClient.newHttpClient();
            URI root = server.directoryUri().resolve("/");
            fetchAll(http, root);
            long floorStart = System.nanoTime();
            long floorCpu = processCpuNanos();
            fetchAll(http, root);
            print("no change: every map fetched again (the floor of the times below) after %.3f s, %.2f CPU s",
                    secondsSince(floorStart), (processCpuNanos() - floorCpu) / 1e9);
            SplittableRandom random = new SplittableRandom(SEED + 1);
            for (int round = 1; round <= rounds; round++) {
                String src = SyntheticNetwork.pidName(random.nextInt(pids));
                String dst = SyntheticNetwork.pidName(random.nextInt(pids));
                double rtt = network.costMatrix("rtt").orElseThrow()
                        .cost(network.networkMap().indexOf(src).orElseThrow(), network.networkMap().indexOf(dst).orElseThrow());
                Snapshot oneCell = network.toBuilder().cost("rtt", src, dst, rtt + 0.5).rating(RATING).build();
                print("round %d: one rtt cell    %s", round, changeToServed(publisher, http, root, oneCell));
                network = oneCell;
                Snapshot newMaximum = network.toBuilder().cost("rtt", dst, src, 1000 + round / 10.0).rating(RATING).build();
                print("round %d: new rtt maximum %s", round, changeToServed(publisher, http, root, newMaximum));
                network = newMaximum;
                IpPrefix moved = network.networkMap().prefixes(1, AddressFamily.IPV4).getFirst();
                Snapshot onePrefix = withPrefixMovedTo(network, moved, network.networkMap().pidName(0));
                print("round %d: one prefix moved %s", round, changeToServed(publisher, http, root, onePrefix));
                network = onePrefix;
                Routes manyRoutes = randomRoutes(random, pids, ROUTE_CHANGES);
                print("round %d: %,d routes      %s", round, ROUTE_CHANGES, changeToServed(publisher, http, root,
                        new Change.RoutesChanged(manyRoutes)));
                print("round %d: one PID's routes %s", round, changeToServed(publisher, http, root,
                        new Change.RoutesChanged(onePidMoved(manyRoutes, random, pids))));
            }
        }
    }

    /** rtt 1 ms + up to 300 ms in tenths, 1 to 12 hops; routingcost rates both alike. */
    private static Snapshot.Builder withCosts(Snapshot.Builder builder, int pids, SplittableRandom random) {
        for (int src = 0; src < pids; src++) {
            for (int dst = 0; dst < pids; dst++) {
                String from = SyntheticNetwork.pidName(src);
                String to = SyntheticNetwork.pidName(dst);
                builder.cost("rtt", from, to, src == dst ? 0 : (10 + random.nextInt(3000)) / 10.0);
                builder.cost("hopcount", from, to, src == dst ? 0 : 1 + random.nextInt(12));
            }
        }
        return builder.rating(RATING);
    }

    private static Snapshot withPrefixMovedTo(Snapshot network, IpPrefix prefix, String pid) {
        // Rebuilt from parts: the network with the prefix left out, then given to the other PID.
        Snapshot.Builder builder = Snapshot.builder().defaultPid(network.networkMap().pidName(0));
        for (int index = 0; index < network.networkMap().size(); index++) {
            String name = network.networkMap().pidName(index);
            builder.pid(name, List.of());
            for (io.altokit.core.AddressFamily family : AddressFamily.values()) {
                builder.pid(name, network.networkMap().prefixes(index, family).stream()
                        .filter(listed -> !listed.equals(prefix)).toList());
            }
        }
        builder.pid(pid, List.of(prefix));
        for (String metric : List.of("rtt", "hopcount")) {
            CostMatrix matrix = network.costMatrix(metric).orElseThrow();
            for (int src = 0; src < matrix.size(); src++) {
                for (int dst = 0; dst < matrix.size(); dst++) {
                    if (matrix.isDefined(src, dst)) {
                        builder.cost(metric, network.networkMap().pidName(src), network.networkMap().pidName(dst), matrix.cost(src, dst));
                    }
                }
            }
        }
        return builder.rating(RATING).build();
    }

    /** Submits the file's new network and fetches the maps until all answer with new or unchanged bytes. */
    private static String changeToServed(Publisher publisher, HttpClient http, URI root, Snapshot next) throws Exception {
        return changeToServed(publisher, http, root, new Change.NetworkLoaded(next));
    }

    /** Submits {@code change} and fetches the network map and every cost map until all answer with new or unchanged bytes. */
    private static String changeToServed(Publisher publisher, HttpClient http, URI root, Change change) throws Exception {
        long start = System.nanoTime();
        long cpu = processCpuNanos();
        Outcome outcome = publisher.submit(change).join();
        double published = secondsSince(start);
        if (!(outcome instanceof Outcome.Published)) {
            throw new IllegalStateException("not published: " + outcome);
        }
        fetchAll(http, root);
        return String.format(Locale.ROOT, "published after %.3f s, every map served (identity + gzip) after %.3f s, %.2f CPU s",
                published, secondsSince(start), (processCpuNanos() - cpu) / 1e9);
    }

    /** Route changes to random PIDs: /24s out of 100.64.0.0/10, which the generated network does not list. */
    private static Routes randomRoutes(SplittableRandom random, int pids, int count) {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            routes.add(new Route(0x6440_0000L + ((long) i << 8), SyntheticNetwork.pidName(random.nextInt(pids))));
        }
        return new ListedRoutes(routes);
    }

    /** {@code routes} with a third of one PID's routes moved to another PID. */
    private static Routes onePidMoved(Routes routes, SplittableRandom random, int pids) {
        List<Route> listed = ((ListedRoutes) routes).routes();
        String from = listed.get(random.nextInt(listed.size())).pid();
        String to = SyntheticNetwork.pidName(random.nextInt(pids));
        List<Route> moved = new ArrayList<>();
        int seen = 0;
        for (Route route : listed) {
            moved.add(route.pid().equals(from) && seen++ % 3 == 0 ? new Route(route.ipv4(), to) : route);
        }
        return new ListedRoutes(moved);
    }

    /** One IPv4 /24 route (its address as an unsigned int) and the PID its rules give it. */
    private record Route(long ipv4, String pid) {}

    /** The routing feed's view at one moment, as the BGP feed hands it to the publisher; the network's own prefixes win. */
    private record ListedRoutes(List<Route> routes) implements Routes {
        @Override
        public void addTo(Snapshot.Builder builder, Snapshot network) {
            NetworkMap map = network.networkMap();
            for (Route route : routes) {
                IpPrefix prefix = new IpPrefix(SyntheticNetwork.ipv4((int) route.ipv4()), 24);
                if (!map.prefixes(map.lookupIpv4((int) route.ipv4()), AddressFamily.IPV4).contains(prefix)) {
                    builder.prefix(route.pid(), AddressFamily.IPV4, route.ipv4() << 32, 0, 24);
                }
            }
        }

        @Override
        public int size() {
            return routes.size();
        }
    }

    private static void fetchAll(HttpClient http, URI root) throws Exception {
        for (String coding : List.of("identity", "gzip")) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(root.resolve("/networkmap"))
                    .header("Accept-Encoding", coding).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("networkmap: HTTP " + response.statusCode());
            }
        }
        for (String map : COST_MAPS) {
            for (String coding : List.of("identity", "gzip")) {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(root.resolve("/costmap/" + map))
                        .header("Accept-Encoding", coding).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(map + ": HTTP " + response.statusCode());
                }
            }
        }
    }

    /** CPU time of the whole process (server, publisher and the fetching client): what a busy machine does not stretch. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void print(String format, Object... args) {
        System.out.printf(Locale.ROOT, format + "%n", args);
    }
}
