package io.altokit.sim.streaming;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SupplierChoiceTest {
    private static final double FAST_ENOUGH = 500_000;

    @Test
    void neverChoosesAHolderFromWhichTheChunkWouldArriveTooLate() {
        SupplierChoice choice = new SupplierChoice(3);
        choice.add(7, 0, 2e6, 10.5); // the cheapest and fastest, but past the deadline
        choice.add(8, 5, 1e6, 10.0); // exactly at the deadline: in time
        assertThat(choice.choose(10.0, FAST_ENOUGH)).isEqualTo(8);
        choice.clear();
        choice.add(7, 0, 2e6, 10.5);
        choice.add(9, 0, 100_000, 12);
        assertThat(choice.choose(10.0, FAST_ENOUGH)).isEqualTo(-1);
    }

    @Test
    void prefersTheCheaperOfTwoEqualTimeSources() {
        SupplierChoice choice = new SupplierChoice(2);
        choice.add(3, 40, 1e6, 4.2);
        choice.add(4, 2, 1e6, 4.2);
        assertThat(choice.choose(10, FAST_ENOUGH)).isEqualTo(4);
        choice.clear(); // the order they are told in does not matter
        choice.add(4, 2, 1e6, 4.2);
        choice.add(3, 40, 1e6, 4.2);
        assertThat(choice.choose(10, FAST_ENOUGH)).isEqualTo(4);
    }

    @Test
    void aCheapFastEnoughSourceBeatsACostlierFasterOne() {
        SupplierChoice choice = new SupplierChoice(2);
        choice.add(1, 30, 5e6, 3.1);
        choice.add(2, 0, 600_000, 3.9);
        assertThat(choice.choose(10, FAST_ENOUGH)).isEqualTo(2);
    }

    @Test
    void whenNoneIsFastEnoughTheEarliestArrivalWins() {
        SupplierChoice choice = new SupplierChoice(3);
        choice.add(1, 0, 200_000, 8.0);
        choice.add(2, 30, 400_000, 6.0);
        choice.add(3, 30, 300_000, 7.0);
        assertThat(choice.choose(10, FAST_ENOUGH)).isEqualTo(2);
        choice.clear();
        assertThat(choice.choose(10, FAST_ENOUGH)).as("no holders").isEqualTo(-1);
    }
}
