package io.altokit.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CostMetricsTest {

    /**
     * The IANA "ALTO Cost Metrics" registry: {@code routingcost} from RFC 7285 (section 14.2 creates the
     * registry, section 6.1.1.1 defines the metric; {@code hopcount} appears there only in examples) and
     * the eight performance metrics RFC 9439 registers in section 8: sections 4.1 to 4.5 (delay-ow,
     * delay-rt, delay-variation, lossrate, hopcount) and 5.1 to 5.3 (tput, bw-residual, bw-available).
     * Reservable bandwidth is outside its scope (section 1), so there is no "bw-maxres".
     */
    @Test
    void registeredIsTheIanaRegistry() {
        assertThat(CostMetrics.REGISTERED).containsExactlyInAnyOrder(
                "routingcost",
                "delay-ow", "delay-rt", "delay-variation", "lossrate", "hopcount",
                "tput", "bw-residual", "bw-available");
    }

    /** RFC 9439 3.2: a registered base metric, a colon, a statistical operator; 32 characters at most. */
    @Test
    void statisticalOperatorsFollowRfc9439() {
        for (String name : new String[] {"delay-ow:p99", "delay-ow:p99.9", "delay-rt:p0", "lossrate:p100", "hopcount:median",
                "bw-available:cur", "tput:min", "delay-variation:max", "delay-ow:mean", "delay-rt:stddev", "lossrate:stdvar", "routingcost:max"}) {
            assertThat(CostMetrics.isRegisteredOrPrivate(name)).as(name).isTrue();
        }
        for (String name : new String[] {"delay-ow:p100.5", "delay-ow:p101", "delay-ow:p05", "delay-ow:p", "delay-ow:p9.",
                "delay-ow:average", "latency:max", "delay-ow:", "delay-variation:p99.9999999999999999"}) {
            assertThat(CostMetrics.isRegisteredOrPrivate(name)).as(name).isFalse();
        }
    }

    @Test
    void privateMetricsNeedANameAfterThePrefix() {
        assertThat(CostMetrics.isRegisteredOrPrivate("priv:distance-km")).isTrue();
        assertThat(CostMetrics.isRegisteredOrPrivate("priv:")).isFalse();
        assertThat(CostMetrics.isRegisteredOrPrivate("routing_cost")).as("a typo is not registered").isFalse();
        assertThat(CostMetrics.isRegisteredOrPrivate("delay")).as("draft name, never registered").isFalse();
    }
}
