package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrdinalRankingTest {

    @Test
    void ranksDenselyFromOne() {
        assertThat(OrdinalRanking.denseRanks(new double[] {5, 3, 5, 9})).containsExactly(2, 1, 2, 3);
        assertThat(OrdinalRanking.denseRanks(new double[] {0.1, 0.2, 0.3})).containsExactly(1, 2, 3);
    }

    @Test
    void equalCostsShareARankAndTheNextCostTakesTheNextInteger() {
        assertThat(OrdinalRanking.denseRanks(new double[] {1, 1, 2, 3, 3, 3, 10})).containsExactly(1, 1, 2, 3, 3, 3, 4);
    }

    @Test
    void undefinedCostsRankZeroAndTakeNoRankFromOthers() {
        assertThat(OrdinalRanking.denseRanks(new double[] {Double.NaN, 4, Double.NaN, 2}))
                .containsExactly(OrdinalRanking.UNDEFINED, 2, OrdinalRanking.UNDEFINED, 1);
        assertThat(OrdinalRanking.UNDEFINED).isZero();
    }

    @Test
    void negativeZeroEqualsZero() {
        assertThat(OrdinalRanking.denseRanks(new double[] {0.0, -0.0, 1})).containsExactly(1, 1, 2);
    }

    @Test
    void handlesEmptyAndAllUndefinedInput() {
        assertThat(OrdinalRanking.denseRanks(new double[0])).isEmpty();
        assertThat(OrdinalRanking.denseRanks(new double[] {Double.NaN})).containsExactly(0);
    }

    @Test
    void leavesItsInputAlone() {
        double[] costs = {3, 1, 2};
        OrdinalRanking.denseRanks(costs);
        assertThat(costs).containsExactly(3, 1, 2);
    }
}
