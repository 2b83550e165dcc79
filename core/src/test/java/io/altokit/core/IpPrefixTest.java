package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IpPrefixTest {

    @ParameterizedTest
    @CsvSource({
        "10.1.0.0/16,                                 10.1.0.0/16",
        "0.0.0.0/0,                                   0.0.0.0/0",
        "192.0.2.7,                                   192.0.2.7/32",
        "2001:db8::/32,                               2001:db8::/32",
        "2001:0DB8:0000:0000:0000:0000:0000:0000/32,  2001:db8::/32",
        "2001:db8:0:0:1:0:0:1,                        2001:db8::1:0:0:1/128",
        "2001:db8:0:1:1:1:1:1/128,                    2001:db8:0:1:1:1:1:1/128",
        "2001:db8:0:0:0:1:0:0/128,                    2001:db8::1:0:0/128",
        "::/0,                                        ::/0",
        "::1,                                         ::1/128",
        "1::,                                         1::/128",
        "::ffff:10.0.0.0/104,                         ::ffff:a00:0/104",
    })
    void parsesAndPrintsCanonically(String text, String canonical) {
        assertThat(IpPrefix.parse(text)).hasToString(canonical);
        assertThat(IpPrefix.parse(canonical)).isEqualTo(IpPrefix.parse(text));
    }

    @Test
    void bareAddressIsAHostPrefix() {
        assertThat(IpPrefix.parse("192.0.2.7").length()).isEqualTo(32);
        assertThat(IpPrefix.parse("2001:db8::7").length()).isEqualTo(128);
    }

    @Test
    void familyFollowsTheLiteralEvenForIpv4MappedAddresses() {
        assertThat(IpPrefix.parse("10.0.0.0/8").family()).isEqualTo(AddressFamily.IPV4);
        assertThat(IpPrefix.parse("::ffff:10.0.0.0/104").family()).isEqualTo(AddressFamily.IPV6);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1/8           | host bits are set in 10.0.0.1/8; the prefix is 10.0.0.0/8",
        "2001:db8::1/32       | host bits are set in 2001:db8::1/32; the prefix is 2001:db8::/32",
        "10.0.0.0/33          | prefix length 33 is outside 0..32 for 10.0.0.0",
        "2001:db8::/129       | prefix length 129 is outside 0..128 for 2001:db8::",
        "10.0.0.0/            | prefix length \"\" is not a decimal number",
        "10.0.0.0/-1          | prefix length \"-1\" is not a decimal number",
        "10.0.0.0/8/8         | prefix length \"8/8\" is not a decimal number",
        "10.0.0/8             | an IPv4 address has 4 dot-separated octets, \"10.0.0\" has 3",
        "localhost            | an IPv4 address has 4 dot-separated octets, \"localhost\" has 1",
        "10.0.0.256           | IPv4 octet 256 is greater than 255",
        "010.0.0.0/8          | IPv4 octet \"010\" has a leading zero",
        "10..0.0/8            | IPv4 octet \"\" is not a number from 0 to 255",
        "1::2::3/64           | \"::\" may appear only once",
        "1:2:3:4:5:6:7:8:9    | an IPv6 address without \"::\" has 8 groups, this one has 9",
        "1:2:3:4:5:6:7/112    | an IPv6 address without \"::\" has 8 groups, this one has 7",
        "1:2:3:4::5:6:7:8     | an IPv6 address with \"::\" has at most 7 groups, this one has 8",
        "12345::/16           | IPv6 group \"12345\" is not 1 to 4 hexadecimal digits",
        ":1:2:3:4:5:6:7       | IPv6 group \"\" is not 1 to 4 hexadecimal digits",
        ":::                  | IPv6 group \"\" is not 1 to 4 hexadecimal digits",
        "1.2.3.4::            | IPv6 group \"1.2.3.4\" is not 1 to 4 hexadecimal digits",
        "fe80::1%eth0         | a zone index (%...) is not allowed here",
        "/8                   | the address is empty",
    })
    void rejectsBadTextSayingWhy(String text, String reason) {
        assertThatThrownBy(() -> IpPrefix.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid IP prefix \"" + text + "\": " + reason);
    }

    @Test
    void constructorRejectsHostBits() throws UnknownHostException {
        InetAddress address = InetAddress.getByAddress(new byte[] {10, 1, 0, 0});
        assertThatThrownBy(() -> new IpPrefix(address, 8))
                .hasMessage("host bits are set in 10.1.0.0/8; the prefix is 10.0.0.0/8");
    }

    @Test
    void keepsNoHostName() throws UnknownHostException {
        InetAddress named = InetAddress.getByAddress("router.example", new byte[] {10, 0, 0, 0});
        assertThat(new IpPrefix(named, 8).address()).hasToString("/10.0.0.0");
    }

    @Test
    void containsOnlyAddressesUnderItsNetworkBits() throws UnknownHostException {
        IpPrefix prefix = IpPrefix.parse("10.1.0.0/16");
        assertThat(prefix.contains(InetAddress.getByName("10.1.0.0"))).isTrue();
        assertThat(prefix.contains(InetAddress.getByName("10.1.255.255"))).isTrue();
        assertThat(prefix.contains(InetAddress.getByName("10.2.0.0"))).isFalse();
        assertThat(prefix.contains(InetAddress.getByName("10.0.255.255"))).isFalse();
        assertThat(IpPrefix.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
        assertThat(IpPrefix.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db9::"))).isFalse();
        assertThat(IpPrefix.parse("::/0").contains(InetAddress.getByName("10.0.0.1"))).isFalse();
        assertThat(IpPrefix.parse("0.0.0.0/0").contains(InetAddress.getByName("::1"))).isFalse();
    }

    @Test
    void ordersByFamilyThenAddressThenLength() {
        List<IpPrefix> sorted = List.of("0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/16", "10.1.0.0/16", "128.0.0.0/1",
                "::/0", "2001:db8::/32", "2001:db8::/48", "ff00::/8").stream().map(IpPrefix::parse).toList();
        List<IpPrefix> shuffled = new ArrayList<>(sorted);
        Collections.shuffle(shuffled, new java.util.Random(7));
        Collections.sort(shuffled);
        assertThat(shuffled).containsExactlyElementsOf(sorted);
    }
}
