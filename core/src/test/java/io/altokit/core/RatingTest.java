package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RatingTest {

    private static final String[] AREAS = {"a", "b", "c"};
    // The worked example of docs/configuration.md: from a, b is near but expensive, c far but cheap.
    private static final double[][] DELAY_RT = {{1000, 2000, 8000}, {2000, 1000, 6000}, {8000, 6000, 1000}};
    private static final double[][] MONETARY = {{0, 0.05, 0.02}, {0.05, 0, 0.02}, {0.02, 0.02, 0}};

    private static Snapshot.Builder areas() {
        Snapshot.Builder builder = Snapshot.builder();
        for (int i = 0; i < AREAS.length; i++) {
            builder.pid(AREAS[i], Prefixes.of("10." + i + ".0.0/16"));
        }
        return builder;
    }

    private static Snapshot.Builder withCosts(String metric, double[][] values) {
        return withCosts(areas(), metric, values);
    }

    private static Snapshot.Builder withCosts(Snapshot.Builder builder, String metric, double[][] values) {
        for (int i = 0; i < AREAS.length; i++) {
            for (int j = 0; j < AREAS.length; j++) {
                builder.cost(metric, AREAS[i], AREAS[j], values[i][j]);
            }
        }
        return builder;
    }

    private static double routingcost(Snapshot snapshot, String src, String dst) {
        NetworkMap map = snapshot.networkMap();
        return snapshot.costMatrix(Rating.METRIC).orElseThrow()
                .cost(map.indexOf(src).orElseThrow(), map.indexOf(dst).orElseThrow());
    }

    private static Snapshot rated(double delayWeight, double monetaryWeight) {
        return withCosts(withCosts("delay-rt", DELAY_RT), "priv:monetary-per-gb", MONETARY)
                .rating(new Rating(List.of(Criterion.linear("delay-rt", delayWeight),
                        Criterion.linear("priv:monetary-per-gb", monetaryWeight))))
                .build();
    }

    @Test
    void routingcostIsTheWeightedMeanOfCriteriaScaledByTheirMaximum() {
        Snapshot snapshot = rated(1, 1);
        // a->b: (2000/8000 + 0.05/0.05) / 2; a->c: (8000/8000 + 0.02/0.05) / 2
        assertThat(routingcost(snapshot, "a", "b")).isCloseTo(0.625, within(1e-12));
        assertThat(routingcost(snapshot, "a", "c")).isCloseTo(0.7, within(1e-12));
        assertThat(routingcost(snapshot, "a", "a")).isCloseTo(0.0625, within(1e-12));
        assertThat(snapshot.metrics()).containsExactly("delay-rt", "priv:monetary-per-gb", "routingcost");
    }

    @Test
    void raisingTheMonetaryWeightMakesTheCheapFarAreaRankBetter() {
        Snapshot balanced = rated(1, 1);
        assertThat(routingcost(balanced, "a", "b")).as("near b wins").isLessThan(routingcost(balanced, "a", "c"));
        Snapshot thrifty = rated(1, 3);
        // a->b: 1/4 x 0.25 + 3/4 x 1 = 0.8125; a->c: 1/4 x 1 + 3/4 x 0.4 = 0.55
        assertThat(routingcost(thrifty, "a", "b")).isCloseTo(0.8125, within(1e-12));
        assertThat(routingcost(thrifty, "a", "c")).isCloseTo(0.55, within(1e-12));
        assertThat(routingcost(thrifty, "a", "c")).as("cheap c wins").isLessThan(routingcost(thrifty, "a", "b"));
    }

    @Test
    void onlyTheRatiosOfWeightsMatterAndZeroLeavesACriterionOut() {
        assertThat(routingcost(rated(2, 6), "a", "c")).isCloseTo(routingcost(rated(1, 3), "a", "c"), within(1e-12));
        assertThat(routingcost(rated(1, 0), "a", "c")).isCloseTo(1, within(1e-12));
        assertThat(routingcost(rated(1, 0), "a", "b")).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void unitsDoNotMatter() {
        double[][] delayMs = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                delayMs[i][j] = DELAY_RT[i][j] / 1000;
            }
        }
        Snapshot inMs = withCosts(withCosts("priv:delay-ms", delayMs), "priv:monetary-per-gb", MONETARY)
                .rating(new Rating(List.of(Criterion.linear("priv:delay-ms", 1), Criterion.linear("priv:monetary-per-gb", 1))))
                .build();
        assertThat(routingcost(inMs, "b", "c")).isCloseTo(routingcost(rated(1, 1), "b", "c"), within(1e-12));
    }

    @Test
    void aLoadedLinkCostsMoreThanItsShareOfUtilization() {
        double[][] utilization = {{0, 0.5, 0.95}, {0.5, 0, 0.2}, {0.95, 0.2, 0}};
        Snapshot snapshot = withCosts("priv:utilization", utilization)
                .rating(new Rating(List.of(new Criterion("priv:utilization", 1, Penalty.CONGESTION))))
                .build();
        double max = Penalty.CONGESTION.apply(0.95);
        assertThat(routingcost(snapshot, "a", "c")).isEqualTo(1);
        assertThat(routingcost(snapshot, "a", "b")).isCloseTo((1.0 / 3 + (0.5 - 1.0 / 3) * 3) / max, within(1e-12));
        assertThat(routingcost(snapshot, "a", "b")).as("half-loaded, far below half the cost of 95 %").isLessThan(0.2);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "0.2, 0.2", "0.3333333333333333, 0.3333333333333333", "0.5, 0.8333333333333334",
        "0.9, 3.6666666666666665", "0.95, 7.166666666666666", "1, 10.666666666666666", "1.2, 560.6666666666666"})
    void congestionIsFortzAndThorupsLinkCost(double utilization, double cost) {
        assertThat(Penalty.CONGESTION.apply(utilization)).isCloseTo(cost, within(1e-9));
        assertThat(Penalty.LINEAR.apply(utilization)).isEqualTo(utilization);
    }

    @Test
    void aPairMissingFromACriterionHasNoRating() {
        Snapshot.Builder builder = withCosts("delay-rt", DELAY_RT).cost("hopcount", "a", "b", 2).cost("hopcount", "a", "c", 0);
        Snapshot snapshot = builder.rating(new Rating(List.of(Criterion.linear("delay-rt", 1), Criterion.linear("hopcount", 1)))).build();
        assertThat(routingcost(snapshot, "a", "b")).isCloseTo(0.125 + 0.5, within(1e-12));
        assertThat(routingcost(snapshot, "a", "c")).as("a criterion that is 0 adds 0").isCloseTo(0.5, within(1e-12));
        assertThat(routingcost(snapshot, "b", "a")).isNaN();
    }

    @Test
    void aCriterionThatIsZeroEverywhereAddsNothing() {
        Snapshot snapshot = withCosts("hopcount", new double[3][3])
                .rating(new Rating(List.of(Criterion.linear("hopcount", 1))))
                .build();
        assertThat(routingcost(snapshot, "a", "c")).isZero();
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY})
    void weightsAreFiniteAndNotNegative(double weight) {
        assertThatThrownBy(() -> Criterion.linear("delay-rt", weight))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the weight of \"delay-rt\" is " + weight);
    }

    @Test
    void aRatingNeedsAWeightAboveZeroAndDistinctCriteria() {
        assertThatThrownBy(() -> new Rating(List.of(Criterion.linear("delay-rt", 0))))
                .hasMessage("no criterion has a weight above 0");
        assertThatThrownBy(() -> new Rating(List.of()))
                .hasMessage("no criterion has a weight above 0");
        assertThatThrownBy(() -> new Rating(List.of(Criterion.linear("hopcount", 1), Criterion.linear("hopcount", 2))))
                .hasMessage("criterion \"hopcount\" is given twice");
        assertThatThrownBy(() -> new Rating(List.of(Criterion.linear("routingcost", 1))))
                .hasMessageContaining("\"routingcost\" is what the rating computes");
    }

    @Test
    void routingcostIsEitherGivenOrRatedAndCriteriaNeedCosts() {
        Snapshot.Builder builder = withCosts("delay-rt", DELAY_RT).cost("routingcost", "a", "b", 1)
                .rating(new Rating(List.of(Criterion.linear("delay-rt", 1), Criterion.linear("priv:utilization", 1),
                        Criterion.linear("hopcount", 0))));
        assertThatThrownBy(builder::build)
                .isInstanceOf(SnapshotException.class)
                .satisfies(e -> assertThat(((SnapshotException) e).problems()).containsExactly(
                        "costs for \"routingcost\" are given although a rating computes them",
                        "rating criterion \"priv:utilization\" has no costs"));
    }
}
