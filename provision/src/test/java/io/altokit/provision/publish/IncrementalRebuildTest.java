package io.altokit.provision.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.altokit.core.ChangeSet;
import io.altokit.core.CostMatrix;
import io.altokit.core.Criterion;
import io.altokit.core.InformationBase;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.core.Rating;
import io.altokit.core.Snapshot;
import io.altokit.core.time.ManualTicker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: whatever sequence of changes arrives (pool cells, a PID's prefixes, a metric appearing
 * or going, BGP routes), the publisher's incremental rebuild serves exactly what building the model
 * whole would, and its change set names exactly what a full comparison of the two whole builds
 * finds. Seeded, at a reduced scale of 300 PIDs (every step compares two whole builds).
 */
class IncrementalRebuildTest {

    private static final int PIDS = 300;
    private static final int STEPS = 20;
    private static final Rating RATING = new Rating(List.of(Criterion.linear("delay-ow", 2), Criterion.linear("hopcount", 1)));

    @ParameterizedTest
    @ValueSource(longs = {7285, 8895, 9569})
    void everyIncrementalRebuildEqualsAFullRebuild(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        NetworkFile file = new NetworkFile(random);
        Optional<Routes> routes = Optional.empty();
        Snapshot network = file.build();
        Snapshot expected = network;
        InformationBase base = new InformationBase(expected);
        Publisher publisher = new Publisher(base, expected, false, Runnable::run, new ManualTicker(0));

        for (int step = 0; step < STEPS; step++) {
            Snapshot served = base.current();
            Change change = switch (random.nextInt(6)) {
                case 0 -> file.changeCell("delay-ow", random.nextInt(1, 4000) / 4.0);
                case 1 -> file.changeCell("hopcount", random.nextInt(1, 30));
                case 2 -> file.removeCell("delay-ow");
                case 3 -> file.movePrefix();
                case 4 -> file.toggleDistance();
                default -> {
                    routes = Optional.of(randomRoutes(random));
                    yield new Change.RoutesChanged(routes.get());
                }
            };
            if (change instanceof Change.NetworkLoaded(Snapshot loaded)) {
                network = loaded;
            }
            Snapshot previous = expected;
            expected = fullBuild(network, routes);

            Outcome outcome = publisher.submit(change).join();

            Snapshot current = base.current();
            assertSameContent(current, expected);
            ChangeSet reference = ChangeSet.between(previous, expected);
            if (outcome instanceof Outcome.Published(ChangeSet changes)) {
                assertThat(changes.pids()).as("step %d: PIDs", step).isEqualTo(reference.pids());
                assertThat(changes.prefixes()).as("step %d: prefixes", step).isEqualTo(reference.prefixes());
                assertThat(changes.costs()).as("step %d: costs", step).isEqualTo(reference.costs());
            } else {
                assertThat(outcome).isInstanceOf(Outcome.Unchanged.class);
                assertThat(reference.isEmpty()).as("step %d: nothing published, nothing changed", step).isTrue();
            }
            if (change instanceof Change.NetworkLoaded && served.networkMap().vtag().equals(current.networkMap().vtag())) {
                // A cost-only reload: the served map (routes laid over) and untouched matrices are shared.
                assertThat(current.networkMap()).isSameAs(served.networkMap());
                for (String metric : current.metrics()) {
                    if (served.costMatrix(metric).map(CostMatrix::vtag).equals(current.costMatrix(metric).map(CostMatrix::vtag))) {
                        assertThat(current.costMatrix(metric).orElseThrow()).isSameAs(served.costMatrix(metric).orElseThrow());
                    }
                }
            }
        }
    }

    private static void assertSameContent(Snapshot actual, Snapshot expected) {
        assertThat(actual.networkMap().vtag()).isEqualTo(expected.networkMap().vtag());
        assertThat(actual.metrics()).isEqualTo(expected.metrics());
        for (String metric : expected.metrics()) {
            assertThat(actual.costMatrix(metric).orElseThrow().vtag()).as(metric)
                    .isEqualTo(expected.costMatrix(metric).orElseThrow().vtag());
        }
    }

    /** The model built whole, as the publisher did before rebuilds were incremental. */
    private static Snapshot fullBuild(Snapshot network, Optional<Routes> routes) {
        if (routes.isEmpty()) {
            return network;
        }
        Snapshot.Builder builder = network.toBuilder();
        routes.get().addTo(builder, network);
        return builder.build();
    }

    /** Up to 50 /24s out of 172.16.0.0/16 to random PIDs, sometimes to a PID only the routes name. */
    private static Routes randomRoutes(SplittableRandom random) {
        Map<IpPrefix, String> routes = new TreeMap<>();
        String extra = random.nextBoolean() ? "bgp-neighbour" : NetworkFile.name(random.nextInt(PIDS));
        for (int i = random.nextInt(50); i > 0; i--) {
            String pid = random.nextInt(10) == 0 ? extra : NetworkFile.name(random.nextInt(PIDS));
            routes.put(IpPrefix.parse("172.16." + random.nextInt(256) + ".0/24"), pid);
        }
        return new ListedRoutes(routes);
    }

    /** Routes from a map; the network's own prefixes win. */
    private record ListedRoutes(Map<IpPrefix, String> routes) implements Routes {
        @Override
        public void addTo(Snapshot.Builder builder, Snapshot network) {
            NetworkMap map = network.networkMap();
            routes.forEach((prefix, pid) -> {
                if (!map.prefixes(map.lookup(prefix.address()), prefix.family()).contains(prefix)) {
                    builder.pid(pid, List.of(prefix));
                }
            });
        }

        @Override
        public int size() {
            return routes.size();
        }
    }

    /** What a network file with rtt and hopcount pools says, changed one piece at a time. */
    private static final class NetworkFile {
        private final SplittableRandom random;
        private final List<List<IpPrefix>> prefixes = new ArrayList<>();
        private final Map<String, double[]> costs = new HashMap<>();

        NetworkFile(SplittableRandom random) {
            this.random = random;
            for (int pid = 0; pid < PIDS; pid++) {
                prefixes.add(new ArrayList<>(List.of(IpPrefix.parse("10." + pid / 100 + "." + pid % 100 + ".0/24"))));
            }
            costs.put("delay-ow", randomCosts(() -> random.nextInt(1, 4000) / 4.0));
            costs.put("hopcount", randomCosts(() -> random.nextInt(1, 30)));
        }

        static String name(int pid) {
            return String.format("pid%03d", pid);
        }

        private double[] randomCosts(java.util.function.DoubleSupplier value) {
            return IntStream.range(0, PIDS * PIDS).mapToDouble(cell -> value.getAsDouble()).toArray();
        }

        Change changeCell(String metric, double cost) {
            costs.get(metric)[random.nextInt(PIDS * PIDS)] = cost;
            return reloaded();
        }

        Change removeCell(String metric) {
            return changeCell(metric, Double.NaN);
        }

        Change movePrefix() {
            List<IpPrefix> from = prefixes.get(random.nextInt(PIDS));
            if (!from.isEmpty()) {
                prefixes.get(random.nextInt(PIDS)).add(from.removeLast());
            }
            return reloaded();
        }

        Change toggleDistance() {
            if (costs.remove("distance") == null) {
                costs.put("distance", randomCosts(() -> random.nextDouble(0, 20_000)));
            }
            return reloaded();
        }

        private Change reloaded() {
            return new Change.NetworkLoaded(build());
        }

        Snapshot build() {
            Snapshot.Builder builder = Snapshot.builder().defaultPid(name(0)).rating(RATING);
            for (int pid = 0; pid < PIDS; pid++) {
                builder.pid(name(pid), prefixes.get(pid));
            }
            costs.forEach((metric, matrix) -> {
                for (int cell = 0; cell < matrix.length; cell++) {
                    if (!Double.isNaN(matrix[cell])) {
                        builder.cost(metric, name(cell / PIDS), name(cell % PIDS), matrix[cell]);
                    }
                }
            });
            return builder.build();
        }
    }
}
