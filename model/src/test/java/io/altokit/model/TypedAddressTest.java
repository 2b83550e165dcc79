package io.altokit.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class TypedAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"ipv4:1.2.3", "ipv4:1.2.3.4.5", "ipv4:01.2.3.4", "ipv4:256.1.1.1", "ipv4:a.b.c.d",
            "ipv4:", "1.2.3.4", "ipv6:1.2.3.4", "ipv6:fe80::1%eth0", "ipv6:localhost", "ipv6:[::1]",
            "ipv6:1::2::3", "ipv4:::1", "IPV4:1.2.3.4", "ipv6:12345::"})
    void rejects(String text) {
        assertThat(TypedAddress.parse(text)).isEmpty();
    }

    @Test
    void parsesBothFamiliesWithoutDns() throws Exception {
        InetAddress expected = InetAddress.getByName("192.0.2.10");
        assertThat(TypedAddress.parse("ipv4:192.0.2.10")).hasValueSatisfying(a -> {
            assertThat(a.type()).isEqualTo(AddressType.IPV4);
            assertThat(a.address()).isEqualTo(expected);
        });
        assertThat(TypedAddress.parse("ipv6:2001:db8::1")).hasValueSatisfying(a ->
                assertThat(a.address().getAddress()).hasSize(16));
        assertThat(TypedAddress.parse("ipv6:::ffff:10.1.2.3")).hasValueSatisfying(a ->
                assertThat(a.address().getAddress()).as("stays an IPv6 address").hasSize(16));
    }

    @Test
    void bitsRoundTripThroughInetAddress() throws Exception {
        for (String literal : new String[] {"0.0.0.0", "10.1.2.3", "255.255.255.255", "::", "2001:db8::1",
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::ffff:10.1.2.3"}) {
            InetAddress address = InetAddress.getByName(literal);
            TypedAddress typed = TypedAddress.of(address);
            assertThat(typed.address().getAddress()).as(literal).isEqualTo(address.getAddress());
        }
        TypedAddress v4 = TypedAddress.parse("ipv4:192.0.2.255").orElseThrow();
        assertThat(v4.ipv4Bits()).isEqualTo(0xC00002FF);
        assertThat(v4.high()).as("left-aligned").isEqualTo(0xC00002FFL << 32);
        TypedAddress v6 = TypedAddress.parse("ipv6:2001:db8::8000:0:0:1").orElseThrow();
        assertThat(v6.high()).isEqualTo(0x20010DB800000000L);
        assertThat(v6.low()).isEqualTo(0x8000000000000001L);
    }

    @Test
    void canonicalTextFollowsRfc5952() throws Exception {
        assertThat(TypedAddress.of(InetAddress.getByName("2001:DB8:0:0:1:0:0:1")).text()).isEqualTo("ipv6:2001:db8::1:0:0:1");
        assertThat(AddressText.of(InetAddress.getByName("::"))).isEqualTo("::");
        assertThat(AddressText.of(InetAddress.getByName("2001:db8::"))).isEqualTo("2001:db8::");
        assertThat(AddressText.of(InetAddress.getByName("1:0:2:3:4:5:6:7"))).isEqualTo("1:0:2:3:4:5:6:7");
        assertThat(AddressText.of(InetAddress.getByName("10.0.0.1"))).isEqualTo("10.0.0.1");
    }
}
