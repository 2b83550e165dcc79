package io.altokit.client.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ReverseNamesTest {
    @Test
    void ipv4StepsFromTheAddressOrPrefix() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.77");
        assertThat(ReverseNames.walk(a, 32)).containsExactly(
                "77.2.0.192.in-addr.arpa.", "2.0.192.in-addr.arpa.", "0.192.in-addr.arpa.", "192.in-addr.arpa.");
        assertThat(ReverseNames.walk(a, 23)).containsExactly("0.192.in-addr.arpa.", "192.in-addr.arpa.");
        assertThat(ReverseNames.walk(a, 8)).containsExactly("192.in-addr.arpa.");
        assertThat(ReverseNames.walk(a, 7)).isEmpty();
    }

    @Test
    void ipv6NibblesAndSteps() throws Exception {
        InetAddress a = InetAddress.getByName("2001:db8:abcd:12::1");
        assertThat(ReverseNames.walk(a, 128)).hasSize(5).first().asString()
                .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.1.0.0.d.c.b.a.8.b.d.0.1.0.0.2.ip6.arpa.");
        assertThat(ReverseNames.walk(a, 62)).containsExactly(
                "1.0.0.d.c.b.a.8.b.d.0.1.0.0.2.ip6.arpa.",                   // /60
                "0.0.d.c.b.a.8.b.d.0.1.0.0.2.ip6.arpa.",                   // /56
                "d.c.b.a.8.b.d.0.1.0.0.2.ip6.arpa.",                        // /48
                "8.b.d.0.1.0.0.2.ip6.arpa.");                               // /32
    }
}
