package io.altokit.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CostMetricsTest {

    /**
     * The IANA "ALTO Cost Metrics" registry (last updated 2023-08-14): {@code routingcost} from RFC 7285
     * (section 14.2 creates the registry, section 6.1.1.1 defines the metric; {@code hopcount} appears there
     * only in examples) and the performance metrics RFC 9439 registers in its IANA considerations:
     * section 4.1 to 4.5 (delay-ow, delay-rt, delay-variation, lossrate, hopcount) and 5.1 to 5.4
     * (tput, bw-residual, bw-available, bw-maxres).
     */
    @Test
    void registeredIsTheIanaRegistry() {
        assertThat(CostMetrics.REGISTERED).containsExactlyInAnyOrder(
                "routingcost",
                "delay-ow", "delay-rt", "delay-variation", "lossrate", "hopcount",
                "tput", "bw-residual", "bw-available", "bw-maxres");
    }

    @Test
    void privateMetricsNeedANameAfterThePrefix() {
        assertThat(CostMetrics.isRegisteredOrPrivate("priv:distance-km")).isTrue();
        assertThat(CostMetrics.isRegisteredOrPrivate("priv:")).isFalse();
        assertThat(CostMetrics.isRegisteredOrPrivate("routing_cost")).as("a typo is not registered").isFalse();
        assertThat(CostMetrics.isRegisteredOrPrivate("delay")).as("draft name, never registered").isFalse();
    }
}
