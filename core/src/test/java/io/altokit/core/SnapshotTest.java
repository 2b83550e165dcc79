package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotTest {

    private static Snapshot.Builder twoPids() {
        return Snapshot.builder()
                .pid("east", Prefixes.of("10.1.0.0/16"))
                .pid("west", Prefixes.of("10.2.0.0/16"));
    }

    @Test
    void holdsOneDenseMatrixPerMetric() {
        Snapshot snapshot = twoPids()
                .cost("routingcost", "east", "west", 5)
                .cost("routingcost", "west", "east", 7)
                .cost("hopcount", "east", "east", 0)
                .build();
        NetworkMap map = snapshot.networkMap();
        int east = map.indexOf("east").orElseThrow();
        int west = map.indexOf("west").orElseThrow();
        CostMatrix routing = snapshot.costMatrix("routingcost").orElseThrow();

        assertThat(snapshot.metrics()).containsExactly("hopcount", "routingcost");
        assertThat(routing.metric()).isEqualTo("routingcost");
        assertThat(routing.size()).isEqualTo(map.size());
        assertThat(routing.cost(east, west)).isEqualTo(5);
        assertThat(routing.cost(west, east)).isEqualTo(7);
        assertThat(routing.cost(east, east)).isNaN();
        assertThat(routing.isDefined(east, west)).isTrue();
        assertThat(routing.isDefined(east, east)).isFalse();
        assertThat(snapshot.costMatrix("hopcount").orElseThrow().cost(east, east)).isZero();
        assertThat(snapshot.costMatrix("delay-rt")).isEmpty();
    }

    @Test
    void rejectsPidIndexesOutsideTheMatrix() {
        CostMatrix matrix = twoPids().cost("routingcost", "east", "west", 1).build().costMatrix("routingcost").orElseThrow();
        assertThatThrownBy(() -> matrix.cost(0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> matrix.cost(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void acceptsTheSameCostTwice() {
        Snapshot snapshot = twoPids().cost("routingcost", "east", "west", 5).cost("routingcost", "east", "west", 5).build();
        assertThat(snapshot.costMatrix("routingcost").orElseThrow().cost(1, 2)).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/ed", "ümlaut",
        "a1234567890123456789012345678901234567890123456789012345678901234"})
    void rejectsInvalidPidNames(String name) {
        assertThatThrownBy(() -> Snapshot.builder().pid(name, Prefixes.of("10.0.0.0/8")).build())
                .isInstanceOf(SnapshotException.class)
                .hasMessage("invalid PID name \"" + name + "\": use 1 to 64 characters from A-Z a-z 0-9 - : @ _ .");
    }

    @Test
    void prefixesGivenAsBitsBuildTheSameMapAsPrefixObjects() {
        Snapshot fromObjects = Snapshot.builder()
                .pid("east", List.of(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("200.0.0.0/8"), IpPrefix.parse("2001:db8::/32")))
                .pid("west", List.of(IpPrefix.parse("10.1.2.0/24")))
                .build();
        Snapshot fromBits = Snapshot.builder()
                .prefix("west", AddressFamily.IPV4, 0x0A010200L << 32, 0, 24)
                .prefix("east", AddressFamily.IPV6, 0x20010DB800000000L, 0, 32)
                .prefix("east", AddressFamily.IPV4, 0xC8000000L << 32, 0, 8)
                .prefix("east", AddressFamily.IPV4, 0x0A010000L << 32, 0, 16)
                .build();
        assertThat(fromBits.networkMap().vtag()).isEqualTo(fromObjects.networkMap().vtag());
        assertThat(fromBits.networkMap().lookupIpv4(0xC8010203)).isEqualTo(fromBits.networkMap().indexOf("east").orElseThrow());
    }

    @Test
    void rejectsBitsThatAreNotAPrefix() {
        Snapshot.Builder builder = Snapshot.builder();
        assertThatThrownBy(() -> builder.prefix("p", AddressFamily.IPV4, 0x0A010203L << 32, 0, 16))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.prefix("p", AddressFamily.IPV4, 0, 1, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.prefix("p", AddressFamily.IPV4, 0, 0, 33)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.prefix("p", AddressFamily.IPV6, 0, 1, 64)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsEveryCharacterRfc7285AllowsInPidNames() {
        String name = "AZaz09-:@_." + "x".repeat(53);
        assertThat(Snapshot.builder().pid(name, List.of()).build().networkMap().pidNames()).contains(name);
    }

    @Test
    void rejectsAnInvalidDefaultPidNameOnlyWhenItIsNeeded() {
        assertThatThrownBy(() -> Snapshot.builder().defaultPid("no way").build())
                .hasMessage("invalid PID name \"no way\": use 1 to 64 characters from A-Z a-z 0-9 - : @ _ .");
        Snapshot covered = Snapshot.builder().defaultPid("no way").pid("all", Prefixes.of("0.0.0.0/0", "::/0")).build();
        assertThat(covered.networkMap().pidNames()).containsExactly("all");
    }

    @Test
    void rejectsAPrefixInTwoPids() {
        assertThatThrownBy(() -> twoPids().pid("north", Prefixes.of("10.2.0.0/16")).build())
                .isInstanceOf(SnapshotException.class)
                .hasMessage("prefix 10.2.0.0/16 is in both PID \"north\" and PID \"west\"");
    }

    @Test
    void rejectsTheDefaultRouteInTwoPids() {
        assertThatThrownBy(() -> Snapshot.builder().pid("a", Prefixes.of("::/0")).pid("b", Prefixes.of("::/0")).build())
                .hasMessage("prefix ::/0 is in both PID \"a\" and PID \"b\"");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aWholeMatrixGivesTheSameSnapshotAsItsCellsOneByOne(long seed) {
        Random random = new Random(seed);
        int size = 30 + random.nextInt(40);
        List<String> names = IntStream.range(0, size).mapToObj(pid -> "p" + pid).toList();
        // Given in another order than the snapshot's (name order), as a pool file may list its areas.
        List<String> shuffled = new ArrayList<>(names);
        Collections.shuffle(shuffled, random);
        double[][] hops = new double[size][size];
        double[][] delays = new double[size][size];
        Snapshot.Builder byCell = Snapshot.builder().rating(new Rating(List.of(
                new Criterion("hopcount", 1, Penalty.LINEAR), new Criterion("delay-rt", 2, Penalty.LINEAR))));
        Snapshot.Builder byMatrix = Snapshot.builder().rating(new Rating(List.of(
                new Criterion("hopcount", 1, Penalty.LINEAR), new Criterion("delay-rt", 2, Penalty.LINEAR))));
        for (int i = 0; i < size; i++) {
            byCell.pid(names.get(i), Prefixes.of("10." + i + ".0.0/16"));
            byMatrix.pid(names.get(i), Prefixes.of("10." + i + ".0.0/16"));
            for (int j = 0; j < size; j++) {
                hops[i][j] = random.nextInt(12);
                delays[i][j] = random.nextInt(2) == 0 ? Double.NaN : random.nextInt(100_000) / 10.0;
                byCell.cost("hopcount", shuffled.get(i), shuffled.get(j), hops[i][j]);
                if (!Double.isNaN(delays[i][j])) {
                    byCell.cost("delay-rt", shuffled.get(i), shuffled.get(j), delays[i][j]);
                }
            }
        }
        Snapshot expected = byCell.build();
        Snapshot actual = byMatrix.costs("hopcount", shuffled, hops).costs("delay-rt", shuffled, delays).build();

        assertThat(actual.metrics()).containsExactly("delay-rt", "hopcount", "routingcost");
        for (String metric : expected.metrics()) {
            assertThat(actual.costMatrix(metric).orElseThrow().vtag()).as(metric)
                    .isEqualTo(expected.costMatrix(metric).orElseThrow().vtag());
            assertThat(actual.costMatrix(metric).orElseThrow().costs()).as(metric)
                    .isEqualTo(expected.costMatrix(metric).orElseThrow().costs());
        }
    }

    @Test
    void aWholeMatrixIsCheckedLikeItsCells() {
        double[][] costs = {{0, -1}, {2, 0}};
        SnapshotException failure = catchThrowableOfType(SnapshotException.class, () -> twoPids()
                .costs("hopcount", List.of("east", "west"), costs)
                .cost("hopcount", "west", "east", 3)
                .costs("hopcount", List.of("east", "mars"), new double[][] {{0, 1}, {1, 0}})
                .build());
        assertThat(failure.problems()).containsExactly(
                "cost \"hopcount\" from \"east\" to \"west\" is -1.0: a cost must be finite and not negative",
                "cost \"hopcount\" from \"west\" to \"east\" is given twice: 3.0 and 2.0",
                "costs \"hopcount\" from and to \"mars\": unknown PID");
        assertThatThrownBy(() -> twoPids().costs("hopcount", List.of("east", "west"), new double[][] {{0, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("1 rows for 2 PIDs");
    }

    @Test
    void rejectsCostsNamingUnknownPids() {
        assertThatThrownBy(() -> twoPids().cost("routingcost", "east", "mars", 1).build())
                .hasMessage("cost \"routingcost\" from \"east\" to \"mars\": unknown PID \"mars\"");
        assertThatThrownBy(() -> twoPids().cost("routingcost", "venus", "mars", 1).build())
                .hasMessage("cost \"routingcost\" from \"venus\" to \"mars\": unknown PID \"venus\", \"mars\"");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, -0.001, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsCostsThatAreNotFiniteAndNonNegative(double value) {
        assertThatThrownBy(() -> twoPids().cost("routingcost", "east", "west", value).build())
                .hasMessage("cost \"routingcost\" from \"east\" to \"west\" is " + value + ": a cost must be finite and not negative");
    }

    @Test
    void rejectsTwoDifferentCostsForOnePair() {
        assertThatThrownBy(() -> twoPids().cost("hopcount", "east", "west", 1).cost("hopcount", "east", "west", 2).build())
                .hasMessage("cost \"hopcount\" from \"east\" to \"west\" is given twice: 1.0 and 2.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "priv:", "with space", "at@sign", "a12345678901234567890123456789012"})
    void rejectsInvalidCostMetrics(String metric) {
        assertThatThrownBy(() -> twoPids().cost(metric, "east", "west", 1).build())
                .hasMessage("invalid cost metric \"" + metric
                        + "\": use 1 to 32 characters from A-Z a-z 0-9 - : _ . (and not just \"priv:\")");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        SnapshotException failure = catchThrowableOfType(SnapshotException.class, () -> twoPids()
                .pid("bad name", List.of())
                .pid("east", Prefixes.of("10.2.0.0/16"))
                .cost("routingcost", "east", "nowhere", 1)
                .cost("routingcost", "east", "west", -1)
                .build());
        assertThat(failure.problems()).containsExactly(
                "invalid PID name \"bad name\": use 1 to 64 characters from A-Z a-z 0-9 - : @ _ .",
                "prefix 10.2.0.0/16 is in both PID \"east\" and PID \"west\"",
                "cost \"routingcost\" from \"east\" to \"nowhere\": unknown PID \"nowhere\"",
                "cost \"routingcost\" from \"east\" to \"west\" is -1.0: a cost must be finite and not negative");
        assertThat(failure).hasMessage(String.join("; ", failure.problems()));
    }

    @Test
    void shortensTheMessageButKeepsEveryProblem() {
        Snapshot.Builder builder = twoPids();
        for (int i = 0; i < 25; i++) {
            builder.cost("routingcost", "east", "pid" + i, 1);
        }
        SnapshotException failure = catchThrowableOfType(SnapshotException.class, builder::build);
        assertThat(failure.problems()).hasSize(25);
        assertThat(failure.getMessage()).endsWith("; and 5 more").contains("\"pid19\"").doesNotContain("\"pid20\"");
    }

    @Test
    void builderCanBeReusedAfterBuild() {
        Snapshot.Builder builder = twoPids();
        Snapshot first = builder.build();
        Snapshot second = builder.pid("north", Prefixes.of("10.3.0.0/16")).build();
        assertThat(first.networkMap().pidNames()).containsExactly("default", "east", "west");
        assertThat(second.networkMap().pidNames()).containsExactly("default", "east", "north", "west");
    }

    @Test
    void aCostsBuilderReplacesTheGivenMetricsOverTheSameNetworkMapAsAWholeBuildDoes() {
        Rating rating = new Rating(List.of(Criterion.linear("delay-ow", 2), Criterion.linear("hopcount", 1)));
        Snapshot before = twoPids().cost("delay-ow", "east", "west", 10).cost("delay-ow", "west", "east", 12)
                .cost("hopcount", "east", "west", 3).cost("hopcount", "west", "east", 4).rating(rating).build();

        // delay-ow given again without the west -> east cell: replaced, not laid over the old matrix.
        Snapshot after = before.costsBuilder().cost("delay-ow", "east", "west", 20).rating(rating).build();

        Snapshot whole = twoPids().cost("delay-ow", "east", "west", 20)
                .cost("hopcount", "east", "west", 3).cost("hopcount", "west", "east", 4).rating(rating).build();
        assertThat(after.networkMap()).isSameAs(before.networkMap());
        assertThat(after.costMatrix("hopcount")).isEqualTo(before.costMatrix("hopcount"));
        assertThat(after.metrics()).isEqualTo(whole.metrics());
        for (String metric : whole.metrics()) {
            assertThat(after.costMatrix(metric).orElseThrow().vtag()).as(metric).isEqualTo(whole.costMatrix(metric).orElseThrow().vtag());
        }
    }

    @Test
    void aCostsBuilderTakesNoPidsOrPrefixes() {
        Snapshot.Builder costs = twoPids().build().costsBuilder();
        assertThatThrownBy(() -> costs.pid("north", Prefixes.of("10.3.0.0/16"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> costs.defaultPid("east")).isInstanceOf(IllegalStateException.class);
    }
}
