package io.altokit.sim.swarm;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

class OptimisticUnchokeTest {

    private static int[] picks(int from, int to, IntPredicate near) {
        SplittableRandom random = new SplittableRandom(20);
        int[] counts = new int[to];
        for (int draw = 0; draw < 8_000; draw++) {
            counts[OptimisticUnchoke.choose(from, to, near, random)]++;
        }
        return counts;
    }

    @Test
    void takesAPeerInTheOwnPidWhenThereIsOneEachAsOftenAsTheOther() {
        int[] counts = picks(2, 10, i -> i == 3 || i == 8);
        assertThat(counts[3] + counts[8]).isEqualTo(8_000);
        assertThat(counts[3]).isBetween(3_700, 4_300);
    }

    @Test
    void withNoneInThePidTakesAnyAtRandom() {
        int[] counts = picks(2, 10, i -> false);
        assertThat(counts[0] + counts[1]).as("positions before from are regular unchokes").isZero();
        for (int i = 2; i < 10; i++) {
            assertThat(counts[i]).as("position %d", i).isBetween(800, 1_200);
        }
    }
}
