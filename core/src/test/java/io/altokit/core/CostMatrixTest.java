package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compact matrix against the model it replaced, a plain {@code double[]} per metric: over
 * randomized networks of 300 PIDs it must answer every cell bit for bit alike and hash to the same
 * vtag, whichever storage it picked.
 */
class CostMatrixTest {

    private static final int PIDS = 300;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void compactMatricesAnswerAndHashLikeTheDoubleModel(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> names = IntStream.range(0, PIDS).mapToObj(i -> String.format("pid%03d", i)).toList();
        double[] hops = randomCosts(random, () -> random.nextInt(0, 40));
        double[] rtt = randomCosts(random, () -> random.nextInt(1, 30_000) / 10.0);
        double[] delays = randomCosts(random, () -> random.nextInt(1, 400_000) / 4.0);
        double[] binary = randomCosts(random, () -> random.nextInt(1, 1 << 20) / 1024.0);
        double[] distances = randomCosts(random, () -> random.nextDouble(0, 20_000));
        Snapshot.Builder builder = Snapshot.builder().defaultPid(names.getFirst());
        names.forEach(name -> builder.pid(name, List.of()));
        addCosts(builder, names, "hopcount", hops);
        addCosts(builder, names, "rtt", rtt);
        addCosts(builder, names, "delay-ow", delays);
        addCosts(builder, names, "binary", binary);
        addCosts(builder, names, "distance", distances);
        builder.rating(new Rating(List.of(Criterion.linear("hopcount", 1), Criterion.linear("rtt", 2))));
        Snapshot snapshot = builder.build();

        assertMatches(snapshot, "hopcount", hops, CostCells.Shorts.class);
        assertMatches(snapshot, "rtt", rtt, CostCells.Shorts.class);
        assertMatches(snapshot, "delay-ow", delays, CostCells.Ints.class);
        assertMatches(snapshot, "binary", binary, CostCells.Floats.class);
        assertMatches(snapshot, "distance", distances, CostCells.Doubles.class);
        assertMatches(snapshot, "routingcost", ratingOf(hops, rtt), CostCells.Doubles.class);
    }

    @ParameterizedTest
    @CsvSource({
        "-0.0, Floats", "32767, Shorts", "32768, Ints", "0.5, Shorts", "0.001, Shorts", "3276.7, Shorts",
        "3276.8, Ints", "0.0001, Doubles", "0.1, Shorts", "1e300, Doubles", "4.9E-324, Doubles", "0.375, Shorts", "40000.375, Ints",
        "2147483.647, Ints", "2147483.648, Doubles", "0.0009765625, Floats"
    })
    void eachValueIsStoredInTheNarrowestStorageThatGivesItBackExactly(double value, String storage) {
        double[] costs = {1, value, Double.NaN, 2};
        CostCells cells = CostCells.of(costs);
        assertThat(cells.getClass().getSimpleName()).isEqualTo(storage);
        for (int cell = 0; cell < costs.length; cell++) {
            assertThat(Double.doubleToRawLongBits(cells.get(cell))).isEqualTo(Double.doubleToRawLongBits(costs[cell]));
        }
    }

    private static void assertMatches(Snapshot snapshot, String metric, double[] expected, Class<?> storage) {
        CostMatrix matrix = snapshot.costMatrix(metric).orElseThrow();
        assertThat(matrix.cells()).isInstanceOf(storage);
        for (int src = 0; src < PIDS; src++) {
            for (int dst = 0; dst < PIDS; dst++) {
                double cost = matrix.cost(src, dst);
                double reference = expected[src * PIDS + dst];
                if (Double.doubleToRawLongBits(cost) != Double.doubleToRawLongBits(reference)) {
                    assertThat(cost).as("%s from %d to %d", metric, src, dst).isEqualTo(reference);
                }
            }
        }
        assertThat(matrix.vtag()).isEqualTo(doubleModelVtag(snapshot.networkMap().vtag(), metric, expected));
    }

    /** The vtag as the {@code double[]} model hashed it (its costs, then those with the network map). */
    private static String doubleModelVtag(String networkMapVtag, String metric, double[] costs) {
        ContentHash cells = new ContentHash("altokit cost cells v1").putInt(costs.length);
        for (double cost : costs) {
            cells.putDouble(cost);
        }
        return new ContentHash("altokit cost matrix v2").putString(networkMapVtag).putString(metric).putInt(PIDS)
                .putString(cells.tag()).tag();
    }

    /** The rating over the same plain arrays, computed without the snapshot. */
    private static double[] ratingOf(double[] hops, double[] rtt) {
        return new Rating(List.of(Criterion.linear("hopcount", 1), Criterion.linear("rtt", 2)))
                .combine(List.of(hops, rtt));
    }

    /** About one pair in ten without a cost. */
    private static double[] randomCosts(SplittableRandom random, DoubleSupplier value) {
        double[] costs = new double[PIDS * PIDS];
        for (int cell = 0; cell < costs.length; cell++) {
            costs[cell] = random.nextInt(10) == 0 ? Double.NaN : value.getAsDouble();
        }
        return costs;
    }

    private static void addCosts(Snapshot.Builder builder, List<String> names, String metric, double[] costs) {
        for (int cell = 0; cell < costs.length; cell++) {
            if (!Double.isNaN(costs[cell])) {
                builder.cost(metric, names.get(cell / PIDS), names.get(cell % PIDS), costs[cell]);
            }
        }
    }
}
