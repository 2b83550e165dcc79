package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Network maps with aggregated prefixes: fewer prefixes, the same PID for every address. */
class PrefixAggregationTest {

    @Test
    void siblingsOfOnePidMergeUpToTheirCommonParent() {
        NetworkMap map = Snapshot.builder()
                .pid("a", Prefixes.of("10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/26", "10.0.0.192/26", "2001:db8::/33",
                        "2001:db8:8000::/33"))
                .pid("b", Prefixes.of("10.0.1.0/25"))
                .build().networkMap().withAggregatedPrefixes();

        assertThat(prefixes(map, "a")).containsExactly("10.0.0.0/24", "2001:db8::/32");
        // 10.0.1.128/25 is not b's, so b's half has no sibling to merge with.
        assertThat(prefixes(map, "b")).containsExactly("10.0.1.0/25");
    }

    @Test
    void aPrefixInsideOneOfTheSamePidIsDroppedUnlessAnotherPidLiesBetween() {
        NetworkMap map = Snapshot.builder()
                .pid("a", Prefixes.of("10.0.0.0/8", "10.1.0.0/16", "10.2.3.0/24"))
                .pid("b", Prefixes.of("10.2.0.0/16"))
                .build().networkMap().withAggregatedPrefixes();

        assertThat(prefixes(map, "a")).containsExactly("10.0.0.0/8", "10.2.3.0/24");
        assertThat(pidOf(map, "10.1.2.3")).isEqualTo("a");
        assertThat(pidOf(map, "10.2.3.4")).isEqualTo("a");
        assertThat(pidOf(map, "10.2.4.4")).isEqualTo("b");
    }

    @Test
    void aPrefixHiddenByTheMergedHalvesOfAnotherPidDisappears() {
        NetworkMap map = Snapshot.builder()
                .pid("a", Prefixes.of("10.0.0.0/9", "10.128.0.0/9"))
                .pid("hidden", Prefixes.of("10.0.0.0/8"))
                .build().networkMap().withAggregatedPrefixes();

        assertThat(prefixes(map, "a")).containsExactly("10.0.0.0/8");
        assertThat(prefixes(map, "hidden")).isEmpty();
        assertThat(map.pidNames()).contains("hidden");
    }

    @Test
    void theVtagIsTheHashOfTheAggregatedContent() {
        Snapshot snapshot = Snapshot.builder().pid("a", Prefixes.of("10.0.0.0/25", "10.0.0.128/25")).build();
        Snapshot aggregated = snapshot.withAggregatedPrefixes();
        Snapshot alreadyMinimal = Snapshot.builder().pid("a", Prefixes.of("10.0.0.0/24")).build();

        assertThat(aggregated.networkMap().vtag()).isNotEqualTo(snapshot.networkMap().vtag())
                .isEqualTo(alreadyMinimal.networkMap().vtag());
        assertThat(alreadyMinimal.withAggregatedPrefixes().networkMap().vtag())
                .isEqualTo(alreadyMinimal.networkMap().vtag());
    }

    @ParameterizedTest
    @EnumSource(AddressFamily.class)
    void randomNestedMapsKeepEveryLookupAndShrink(AddressFamily family) {
        Random random = new Random(20261125L + family.ordinal());
        Snapshot.Builder builder = Snapshot.builder();
        List<IpPrefix> all = new ArrayList<>();
        // Few PIDs and many split prefixes, so siblings of one PID and nesting both occur often.
        for (int i = 0; i < 400; i++) {
            int length = 8 + random.nextInt(family.bits() == 32 ? 17 : 57);
            byte[] bytes = new byte[family.bits() / 8];
            random.nextBytes(bytes);
            bytes[0] = 10;
            IpPrefix block = new IpPrefix(masked(bytes, length), length);
            List<IpPrefix> halves = halves(block);
            String pid = "p" + random.nextInt(3);
            for (IpPrefix prefix : random.nextBoolean() ? halves : List.of(block)) {
                if (!all.contains(prefix)) {
                    all.add(prefix);
                    builder.pid(random.nextInt(4) == 0 ? "p" + random.nextInt(3) : pid, List.of(prefix));
                }
            }
        }
        NetworkMap raw = builder.build().networkMap();
        NetworkMap aggregated = raw.withAggregatedPrefixes();

        assertThat(count(aggregated, family)).isLessThan(count(raw, family));
        for (IpPrefix prefix : all) {
            for (InetAddress probe : List.of(prefix.address(), last(prefix), random(random, prefix))) {
                assertThat(aggregated.lookup(probe)).as("PID of %s", probe.getHostAddress()).isEqualTo(raw.lookup(probe));
            }
        }
    }

    private static List<String> prefixes(NetworkMap map, String pid) {
        int index = map.indexOf(pid).orElseThrow();
        List<String> texts = new ArrayList<>();
        for (AddressFamily family : AddressFamily.values()) {
            map.prefixes(index, family).forEach(prefix -> texts.add(prefix.toString()));
        }
        return texts;
    }

    private static String pidOf(NetworkMap map, String address) {
        return map.pidName(map.lookup(IpPrefix.parse(address).address()));
    }

    private static int count(NetworkMap map, AddressFamily family) {
        return IntStream.range(0, map.size()).map(pid -> map.prefixes(pid, family).size()).sum();
    }

    private static List<IpPrefix> halves(IpPrefix block) {
        byte[] upper = block.address().getAddress();
        int bit = block.length();
        upper[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        return List.of(new IpPrefix(block.address(), bit + 1), new IpPrefix(address(upper), bit + 1));
    }

    private static InetAddress last(IpPrefix prefix) {
        byte[] bytes = prefix.address().getAddress();
        for (int bit = prefix.length(); bit < bytes.length * 8; bit++) {
            bytes[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return address(bytes);
    }

    private static InetAddress random(Random random, IpPrefix prefix) {
        byte[] bytes = new byte[prefix.address().getAddress().length];
        random.nextBytes(bytes);
        byte[] network = prefix.address().getAddress();
        for (int bit = 0; bit < prefix.length(); bit++) {
            int mask = 0x80 >>> (bit % 8);
            bytes[bit / 8] = (byte) ((bytes[bit / 8] & ~mask) | (network[bit / 8] & mask));
        }
        return address(bytes);
    }

    private static InetAddress masked(byte[] bytes, int length) {
        for (int bit = length; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return address(bytes);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
