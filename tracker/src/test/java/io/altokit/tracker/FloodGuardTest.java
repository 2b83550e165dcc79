package io.altokit.tracker;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class FloodGuardTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsTwoSecondsWorthAtOnceThenTheRate() throws Exception {
        FloodGuard guard = new FloodGuard(5);
        InetAddress flooder = InetAddress.getByName("127.0.5.1");
        int allowed = 0;
        for (int i = 0; i < 30; i++) {
            allowed += guard.allow(flooder, 0) ? 1 : 0;
        }
        assertThat(allowed).as("the burst").isEqualTo(10);
        assertThat(guard.allow(flooder, SECOND / 10)).as("half a token after 0.1 s").isFalse();
        assertThat(guard.allow(flooder, SECOND / 5)).as("one token after 0.2 s").isTrue();
        assertThat(guard.allow(InetAddress.getByName("127.0.5.2"), SECOND / 5)).as("other addresses have their own budget").isTrue();
    }

    @Test
    void forgetsIdleAddressesAndZeroMeansNoLimit() throws Exception {
        FloodGuard guard = new FloodGuard(5);
        guard.allow(InetAddress.getByName("127.0.5.1"), 0);
        guard.allow(InetAddress.getByName("127.0.5.2"), 2 * SECOND);
        guard.sweep(3 * SECOND);
        assertThat(guard.tracked()).isEqualTo(1);
        FloodGuard off = new FloodGuard(0);
        for (int i = 0; i < 1000; i++) {
            assertThat(off.allow(InetAddress.getByName("127.0.5.1"), 0)).isTrue();
        }
        assertThat(off.tracked()).isZero();
    }
}
