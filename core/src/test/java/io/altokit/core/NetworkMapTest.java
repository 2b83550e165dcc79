package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altokit.model.TypedAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NetworkMapTest {

    private static final NetworkMap NESTED = Snapshot.builder()
            .pid("region", Prefixes.of("10.0.0.0/8", "2001:db8::/32"))
            .pid("city", Prefixes.of("10.1.0.0/16", "2001:db8:1::/48"))
            .pid("block", Prefixes.of("10.1.2.0/24", "2001:db8:1:2::/64"))
            .pid("host", Prefixes.of("10.1.2.3/32", "2001:db8:1:2::3/128"))
            .build()
            .networkMap();

    @Test
    void indexesPidsInNameOrder() {
        assertThat(NESTED.pidNames()).containsExactly("block", "city", "default", "host", "region");
        assertThat(NESTED.size()).isEqualTo(5);
        assertThat(NESTED.pidName(3)).isEqualTo("host");
        assertThat(NESTED.indexOf("host")).isEqualTo(OptionalInt.of(3));
        assertThat(NESTED.indexOf("nowhere")).isEmpty();
    }

    @Test
    void parsedEndpointsLookUpLikeInetAddresses() throws UnknownHostException {
        for (String address : List.of("10.1.2.3", "10.1.2.2", "10.1.3.0", "10.2.0.0", "11.0.0.1", "255.255.255.255",
                "2001:db8:1:2::3", "2001:db8:1:2::4", "2001:db8:1:3::", "2001:db8:ffff::", "2002::1", "::ffff:10.1.2.3")) {
            TypedAddress typed = TypedAddress.parse((address.contains(":") ? "ipv6:" : "ipv4:") + address).orElseThrow();
            assertThat(NESTED.pidName(NESTED.lookup(typed)))
                    .as(address).isEqualTo(NESTED.pidName(NESTED.lookup(typed.address())));
        }
        assertThat(NESTED.pidName(NESTED.lookup(TypedAddress.parse("ipv4:10.1.2.3").orElseThrow()))).isEqualTo("host");
        assertThat(NESTED.pidName(NESTED.lookup(TypedAddress.parse("ipv6:2001:db8:1:2::3").orElseThrow()))).isEqualTo("host");
    }

    @Test
    void longestPrefixWinsForIpv4() {
        assertThat(pidOf(NESTED, "10.1.2.3")).isEqualTo("host");
        assertThat(pidOf(NESTED, "10.1.2.2")).isEqualTo("block");
        assertThat(pidOf(NESTED, "10.1.2.4")).isEqualTo("block");
        assertThat(pidOf(NESTED, "10.1.2.255")).isEqualTo("block");
        assertThat(pidOf(NESTED, "10.1.3.0")).isEqualTo("city");
        assertThat(pidOf(NESTED, "10.1.0.0")).isEqualTo("city");
        assertThat(pidOf(NESTED, "10.2.0.0")).isEqualTo("region");
        assertThat(pidOf(NESTED, "10.255.255.255")).isEqualTo("region");
        assertThat(pidOf(NESTED, "11.0.0.0")).isEqualTo("default");
        assertThat(pidOf(NESTED, "9.255.255.255")).isEqualTo("default");
    }

    @Test
    void longestPrefixWinsForIpv6() {
        assertThat(pidOf(NESTED, "2001:db8:1:2::3")).isEqualTo("host");
        assertThat(pidOf(NESTED, "2001:db8:1:2::4")).isEqualTo("block");
        assertThat(pidOf(NESTED, "2001:db8:1:2:ffff:ffff:ffff:ffff")).isEqualTo("block");
        assertThat(pidOf(NESTED, "2001:db8:1:3::")).isEqualTo("city");
        assertThat(pidOf(NESTED, "2001:db8:2::")).isEqualTo("region");
        assertThat(pidOf(NESTED, "2001:db9::")).isEqualTo("default");
    }

    @Test
    void matchesAtBothEndsOfTheAddressSpace() {
        NetworkMap map = Snapshot.builder()
                .pid("low", Prefixes.of("0.0.0.0/32", "::/128"))
                .pid("high", Prefixes.of("255.255.255.0/24", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00/120"))
                .build()
                .networkMap();
        assertThat(pidOf(map, "0.0.0.0")).isEqualTo("low");
        assertThat(pidOf(map, "0.0.0.1")).isEqualTo("default");
        assertThat(pidOf(map, "255.255.255.255")).isEqualTo("high");
        assertThat(pidOf(map, "255.255.254.255")).isEqualTo("default");
        assertThat(pidOf(map, "::")).isEqualTo("low");
        assertThat(pidOf(map, "::1")).isEqualTo("default");
        assertThat(pidOf(map, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isEqualTo("high");
        assertThat(pidOf(map, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:feff")).isEqualTo("default");
    }

    @Test
    void handlesPrefixesThatSpanOrSplitLookupBuckets() {
        // Buckets are /16 wide: a /15 spans two, a /17 shares one with its sibling.
        NetworkMap map = Snapshot.builder()
                .pid("wide", Prefixes.of("10.0.0.0/15", "2000::/15"))
                .pid("half", Prefixes.of("10.2.128.0/17", "2003:8000::/17"))
                .build()
                .networkMap();
        assertThat(pidOf(map, "10.1.255.255")).isEqualTo("wide");
        assertThat(pidOf(map, "10.2.0.0")).isEqualTo("default");
        assertThat(pidOf(map, "10.2.127.255")).isEqualTo("default");
        assertThat(pidOf(map, "10.2.128.0")).isEqualTo("half");
        assertThat(pidOf(map, "10.3.0.0")).isEqualTo("default");
        assertThat(pidOf(map, "2001:ffff::")).isEqualTo("wide");
        assertThat(pidOf(map, "2002::")).isEqualTo("default");
        assertThat(pidOf(map, "2003:7fff:ffff::")).isEqualTo("default");
        assertThat(pidOf(map, "2003:8000::")).isEqualTo("half");
        assertThat(pidOf(map, "2004::")).isEqualTo("default");
    }

    @Test
    void primitiveLookupsAgreeWithInetAddressLookup() throws UnknownHostException {
        assertThat(NESTED.lookupIpv4(0x0A010203)).isEqualTo(NESTED.lookup(InetAddress.getByName("10.1.2.3")));
        assertThat(NESTED.lookupIpv6(0x20010db800010002L, 3L))
                .isEqualTo(NESTED.lookup(InetAddress.getByName("2001:db8:1:2::3")));
    }

    @Test
    void defaultPidReceivesBothDefaultRoutes() {
        int defaultPid = NESTED.indexOf("default").orElseThrow();
        assertThat(NESTED.prefixes(defaultPid, AddressFamily.IPV4)).containsExactlyElementsOf(Prefixes.of("0.0.0.0/0"));
        assertThat(NESTED.prefixes(defaultPid, AddressFamily.IPV6)).containsExactlyElementsOf(Prefixes.of("::/0"));
    }

    @Test
    void defaultPidIsNamedByTheBuilderAndMayHoldConfiguredPrefixes() {
        NetworkMap map = Snapshot.builder()
                .pid("internet", Prefixes.of("192.0.2.0/24"))
                .pid("campus", Prefixes.of("10.0.0.0/8"))
                .defaultPid("internet")
                .build()
                .networkMap();
        assertThat(map.pidNames()).containsExactly("campus", "internet");
        assertThat(map.prefixes(1, AddressFamily.IPV4)).containsExactlyElementsOf(Prefixes.of("0.0.0.0/0", "192.0.2.0/24"));
        assertThat(pidOf(map, "8.8.8.8")).isEqualTo("internet");
        assertThat(pidOf(map, "2001:db8::1")).isEqualTo("internet");
    }

    @Test
    void configuredDefaultRouteIsNotDuplicated() {
        NetworkMap map = Snapshot.builder()
                .pid("anywhere4", Prefixes.of("0.0.0.0/0"))
                .pid("campus", Prefixes.of("10.0.0.0/8"))
                .build()
                .networkMap();
        assertThat(map.pidNames()).containsExactly("anywhere4", "campus", "default");
        assertThat(map.prefixes(2, AddressFamily.IPV4)).isEmpty();
        assertThat(map.prefixes(2, AddressFamily.IPV6)).containsExactlyElementsOf(Prefixes.of("::/0"));
        assertThat(pidOf(map, "8.8.8.8")).isEqualTo("anywhere4");

        NetworkMap both = Snapshot.builder().pid("anywhere", Prefixes.of("::/0", "0.0.0.0/0")).build().networkMap();
        assertThat(both.pidNames()).containsExactly("anywhere");
    }

    @Test
    void listsPrefixesPerFamilyInAddressOrderOnce() {
        NetworkMap map = Snapshot.builder()
                .pid("mixed", Prefixes.of("2001:db8:2::/48", "10.2.0.0/16", "2001:db8:1::/48"))
                .pid("mixed", Prefixes.of("10.1.0.0/16", "10.2.0.0/16"))
                .build()
                .networkMap();
        int mixed = map.indexOf("mixed").orElseThrow();
        assertThat(map.prefixes(mixed, AddressFamily.IPV4)).containsExactlyElementsOf(Prefixes.of("10.1.0.0/16", "10.2.0.0/16"));
        assertThat(map.prefixes(mixed, AddressFamily.IPV6))
                .containsExactlyElementsOf(Prefixes.of("2001:db8:1::/48", "2001:db8:2::/48"));
    }

    @Test
    void listsHostRoutesOfBothFamilies() {
        int host = NESTED.indexOf("host").orElseThrow();
        assertThat(NESTED.prefixes(host, AddressFamily.IPV4)).containsExactlyElementsOf(Prefixes.of("10.1.2.3/32"));
        assertThat(NESTED.prefixes(host, AddressFamily.IPV6)).containsExactlyElementsOf(Prefixes.of("2001:db8:1:2::3/128"));
    }

    @Test
    void rejectsPidIndexesOutOfRange() {
        assertThatThrownBy(() -> NESTED.prefixes(5, AddressFamily.IPV4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> NESTED.pidName(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void everyAddressHasAPidInAnEmptyMap() {
        NetworkMap empty = Snapshot.builder().build().networkMap();
        assertThat(empty.pidNames()).isEqualTo(List.of("default"));
        assertThat(empty.lookupIpv4(0x7f000001)).isZero();
        assertThat(empty.lookupIpv6(-1L, -1L)).isZero();
    }

    static String pidOf(NetworkMap map, String address) {
        try {
            return map.pidName(map.lookup(InetAddress.getByName(address)));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
