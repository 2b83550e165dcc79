package io.altokit.sim.flow;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.altokit.sim.flow.FlowNetwork.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class FlowNetworkTest {

    /** Records what the network reports. */
    private static final class Recorder implements FlowNetwork.Listener {
        final List<double[]> completions = new ArrayList<>();
        double moved;

        @Override
        public void moved(int flow, double amount) {
            moved += amount;
        }

        @Override
        public void completed(int flow, double time) {
            completions.add(new double[] {flow, time});
        }
    }

    @Test
    void flowsShareABottleneckEquallyAndLeftoversGoToTheUnconstrained() {
        FlowNetwork network = new FlowNetwork(new double[] {10, 1, 100});
        int narrow = network.add(1000, 0, 0, 1, NONE, NONE, 0, 1, 0);
        int wide = network.add(1000, 0, 0, 2, NONE, NONE, 0, 2, 0);
        network.step(0, 1, new Recorder());
        assertThat(network.rate(narrow)).isCloseTo(1, within(1e-12));
        assertThat(network.rate(wide)).as("what the narrow flow cannot use").isCloseTo(9, within(1e-12));
    }

    @Test
    void aFlowWaitsForItsStartAndCompletesInsideTheStep() {
        FlowNetwork network = new FlowNetwork(new double[] {4});
        Recorder recorder = new Recorder();
        network.add(6, 1.0, 0, NONE, NONE, NONE, 0, 1, 0);
        network.step(0, 1, recorder);
        assertThat(recorder.moved).as("not started at time 0").isZero();
        network.step(1, 1, recorder);
        network.step(2, 1, recorder);
        assertThat(recorder.moved).isEqualTo(6);
        assertThat(recorder.completions).hasSize(1);
        assertThat(recorder.completions.getFirst()[1]).as("4 per second from time 1: done at 2.5").isCloseTo(2.5, within(1e-12));
        assertThat(network.liveFlows()).isZero();
    }

    @Test
    void randomFlowsNeverExceedAnyCapacityAndDeliverExactlyWhatTheyCarry() {
        SplittableRandom random = new SplittableRandom(42);
        double[] capacity = new double[50];
        for (int r = 0; r < capacity.length; r++) {
            capacity[r] = 1 + random.nextDouble() * 100;
        }
        FlowNetwork network = new FlowNetwork(capacity);
        Recorder recorder = new Recorder();
        double carried = 0;
        for (int step = 0; step < 200; step++) {
            for (int f = 0; f < 20; f++) {
                double amount = 1 + random.nextDouble() * 500;
                carried += amount;
                network.add(amount, step + random.nextDouble(), random.nextInt(50), random.nextInt(50),
                        random.nextBoolean() ? random.nextInt(50) : NONE, NONE, 0, 0, 0);
            }
            network.step(step, 1, recorder);
            for (int r = 0; r < capacity.length; r++) {
                assertThat(network.used(r)).isLessThanOrEqualTo(capacity[r] * (1 + 1e-9));
            }
        }
        double left = 0;
        for (int i = 0; i < network.liveFlows(); i++) {
            left += network.remaining(network.liveFlow(i));
        }
        assertThat(recorder.moved + left).isCloseTo(carried, within(carried * 1e-9));
    }

    @Test
    void refusesNonPositiveCapacitiesAndAmounts() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FlowNetwork(new double[] {1, 0})).withMessageContaining("positive");
        FlowNetwork network = new FlowNetwork(new double[] {1});
        assertThatIllegalArgumentException().isThrownBy(() -> network.add(0, 0, 0, NONE, NONE, NONE, 0, 0, 0))
                .withMessageContaining("positive amount");
    }
}
