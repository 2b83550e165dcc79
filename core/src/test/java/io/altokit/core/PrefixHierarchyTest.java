package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrefixHierarchyTest {

    private static final NetworkMap NESTED = Snapshot.builder()
            .pid("region", Prefixes.of("10.0.0.0/8", "2001:db8::/32"))
            .pid("city", Prefixes.of("10.1.0.0/16", "10.3.0.0/16", "2001:db8:1::/48"))
            .pid("block", Prefixes.of("10.1.2.0/24"))
            .pid("host", Prefixes.of("10.1.2.3/32"))
            .build()
            .networkMap();

    @Test
    void aPrefixInheritsFromTheLongestMapPrefixCoveringIt() {
        PrefixHierarchy ipv4 = new PrefixHierarchy(NESTED, AddressFamily.IPV4);
        assertThat(pid(ipv4, "10.1.2.3/32")).isEqualTo("host");
        assertThat(pid(ipv4, "10.1.2.4/32")).isEqualTo("block");
        assertThat(pid(ipv4, "10.1.2.0/24")).as("a map prefix covers itself").isEqualTo("block");
        assertThat(pid(ipv4, "10.1.2.0/23")).as("not the /24 inside it").isEqualTo("city");
        assertThat(pid(ipv4, "10.0.0.0/8")).isEqualTo("region");
        assertThat(pid(ipv4, "0.0.0.0/1")).isEqualTo("default");
        assertThat(pid(ipv4, "0.0.0.0/0")).isEqualTo("default");
    }

    @Test
    void theMapPrefixesInsideAPrefixComeWithTheEntryContainingEach() {
        PrefixHierarchy ipv4 = new PrefixHierarchy(NESTED, AddressFamily.IPV4);
        List<PrefixHierarchy.Entry> inside = ipv4.inside(IpPrefix.parse("10.0.0.0/8"));
        assertThat(inside).extracting(entry -> entry.prefix().toString())
                .containsExactly("10.1.0.0/16", "10.1.2.0/24", "10.1.2.3/32", "10.3.0.0/16");
        assertThat(inside).extracting(PrefixHierarchy.Entry::parent).containsExactly(-1, 0, 1, -1);
        assertThat(inside).extracting(entry -> NESTED.pidName(entry.pid())).containsExactly("city", "block", "host", "city");
        assertThat(ipv4.inside(IpPrefix.parse("10.1.2.3/32"))).isEmpty();
        assertThat(ipv4.inside(IpPrefix.parse("10.1.2.0/25"))).extracting(entry -> entry.prefix().toString())
                .as("a prefix not in the map").containsExactly("10.1.2.3/32");
        assertThat(ipv4.inside(IpPrefix.parse("10.2.0.0/16"))).isEmpty();
    }

    @Test
    void eachFamilyIsItsOwnHierarchy() {
        PrefixHierarchy ipv6 = new PrefixHierarchy(NESTED, AddressFamily.IPV6);
        assertThat(pid(ipv6, "2001:db8:1::5/128")).isEqualTo("city");
        assertThat(ipv6.inside(IpPrefix.parse("::/0"))).extracting(entry -> entry.prefix().toString())
                .containsExactly("2001:db8::/32", "2001:db8:1::/48");
        assertThatThrownBy(() -> ipv6.coveringPid(IpPrefix.parse("10.0.0.0/8"))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Against a brute force over random nested prefixes: the covering PID, and each entry's parent. */
    @Test
    void agreesWithBruteForceOverRandomMaps() {
        SplittableRandom random = new SplittableRandom(9240);
        for (int round = 0; round < 50; round++) {
            Snapshot.Builder builder = Snapshot.builder();
            Set<IpPrefix> used = new HashSet<>();
            List<IpPrefix> prefixes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                IpPrefix prefix = randomPrefix(random);
                if (used.add(prefix)) {
                    prefixes.add(prefix);
                    builder.pid("p" + random.nextInt(6), List.of(prefix));
                }
            }
            NetworkMap map = builder.build().networkMap();
            PrefixHierarchy hierarchy = new PrefixHierarchy(map, AddressFamily.IPV4);
            prefixes.add(IpPrefix.parse("0.0.0.0/0"));
            for (int probe = 0; probe < 40; probe++) {
                IpPrefix asked = randomPrefix(random);
                IpPrefix longest = prefixes.stream().filter(p -> p.length() <= asked.length() && p.contains(asked.address()))
                        .max((a, b) -> Integer.compare(a.length(), b.length())).orElseThrow();
                assertThat(hierarchy.coveringPid(asked)).as(asked.toString()).isEqualTo(pidOf(map, longest));
                List<PrefixHierarchy.Entry> inside = hierarchy.inside(asked);
                assertThat(inside).extracting(PrefixHierarchy.Entry::prefix).containsExactlyElementsOf(prefixes.stream()
                        .filter(p -> p.length() > asked.length() && asked.contains(p.address())).sorted().toList());
                for (PrefixHierarchy.Entry entry : inside) {
                    IpPrefix expectedParent = inside.stream().map(PrefixHierarchy.Entry::prefix)
                            .filter(p -> p.length() < entry.prefix().length() && p.contains(entry.prefix().address()))
                            .max((a, b) -> Integer.compare(a.length(), b.length())).orElse(null);
                    assertThat(entry.parent() < 0 ? null : inside.get(entry.parent()).prefix()).as(entry.toString()).isEqualTo(expectedParent);
                    assertThat(entry.pid()).isEqualTo(pidOf(map, entry.prefix()));
                }
            }
        }
    }

    /** Prefixes in 10.0.0.0/12 of lengths 12 to 20, so that they nest often. */
    private static IpPrefix randomPrefix(SplittableRandom random) {
        int length = 12 + random.nextInt(9);
        int address = (10 << 24) | (random.nextInt(1 << 20) & (-1 << (32 - length)) & 0xFFFFF);
        return IpPrefix.parse(((address >>> 24) & 255) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
                + (address & 255) + "/" + length);
    }

    /** The PID that owns {@code prefix} in {@code map}. */
    private static int pidOf(NetworkMap map, IpPrefix prefix) {
        for (int pid = 0; pid < map.size(); pid++) {
            if (map.prefixes(pid, prefix.family()).contains(prefix)) {
                return pid;
            }
        }
        throw new AssertionError(prefix + " is in no PID");
    }

    private static String pid(PrefixHierarchy hierarchy, String prefix) {
        return NESTED.pidName(hierarchy.coveringPid(IpPrefix.parse(prefix)));
    }
}
