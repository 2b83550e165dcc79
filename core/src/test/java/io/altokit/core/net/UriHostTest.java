package io.altokit.core.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class UriHostTest {

    @Test
    void wildcardListenersAreAnnouncedOnLoopbackAndIpv6InBrackets() throws Exception {
        assertThat(UriHost.of(InetAddress.getByName("0.0.0.0"))).isEqualTo("127.0.0.1");
        assertThat(UriHost.of(InetAddress.getByName("::"))).isEqualTo("127.0.0.1");
        assertThat(UriHost.of(InetAddress.getByName("::1"))).isEqualTo("[0:0:0:0:0:0:0:1]");
        assertThat(UriHost.of(InetAddress.getByName("192.0.2.7"))).isEqualTo("192.0.2.7");
    }
}
