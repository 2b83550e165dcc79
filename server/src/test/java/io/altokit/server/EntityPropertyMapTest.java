package io.altokit.server;

import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.core.PidProperties;
import io.altokit.core.Snapshot;
import io.altokit.model.PropertyMapResponse;
import io.altokit.model.VersionTag;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9240's inheritance of properties along prefixes (section 6.3), as the property maps give it. */
class EntityPropertyMapTest {
    private static final String PID = "default-network-map.pid";

    private static EntityPropertyMap properties(Snapshot snapshot) {
        return new EntityPropertyMap(new VersionTag("default-network-map", snapshot.networkMap().vtag()),
                snapshot.networkMap(), snapshot.pidProperties());
    }

    /** Section 6.3's example: P defined for 192.0.2.0/26, /28, /30 and 192.0.2.0, each a PID here; and a /29 without P. */
    private static final EntityPropertyMap SECTION_6_3 = properties(Snapshot.builder()
            .pid("v1", List.of(IpPrefix.parse("192.0.2.0/26")))
            .pid("v2", List.of(IpPrefix.parse("192.0.2.0/28")))
            .pid("v3", List.of(IpPrefix.parse("192.0.2.0/30")))
            .pid("v4", List.of(IpPrefix.parse("192.0.2.0/32")))
            .pid("hole", List.of(IpPrefix.parse("192.0.2.8/29")))
            .pidProperties(PidProperties.from(Map.of("v1", Map.of("P", "v1"), "v2", Map.of("P", "v2"), "v3", Map.of("P", "v3"),
                    "v4", Map.of("P", "v4"))))
            .build());

    @ParameterizedTest(name = "{0}: {1}")
    @DisplayName("section 6.3's table of inherited values")
    @CsvSource(delimiter = '|', nullValues = "undefined", value = {
            "ipv4:192.0.2.0|v4", "ipv4:192.0.2.1|v3", "ipv4:192.0.2.16|v1", "ipv4:192.0.2.32|v1", "ipv4:192.0.2.64|undefined",
            "ipv4:192.0.2.0/32|v4", "ipv4:192.0.2.0/31|v3", "ipv4:192.0.2.0/29|v2", "ipv4:192.0.2.0/27|v1",
            "ipv4:192.0.2.0/25|undefined"})
    void inheritedValues(String entity, String expected) {
        PropertyMapResponse answer = SECTION_6_3.filtered(List.of(entity), List.of(".P"));
        assertThat(Optional.ofNullable(answer.properties().get(entity)).flatMap(values -> values.getOrDefault(".P", Optional.empty())))
                .isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void aPrefixInsideWithoutTheValueSaysNullSoThatItDoesNotInherit() {
        PropertyMapResponse answer = SECTION_6_3.filtered(List.of("ipv4:192.0.2.0/28"), List.of(".P"));
        Map<String, Map<String, Optional<String>>> expected = new LinkedHashMap<>();
        expected.put("ipv4:192.0.2.0/28", Map.of(".P", Optional.of("v2")));
        expected.put("ipv4:192.0.2.0/30", Map.of(".P", Optional.of("v3")));
        expected.put("ipv4:192.0.2.0", Map.of(".P", Optional.of("v4")));
        expected.put("ipv4:192.0.2.8/29", Map.of(".P", Optional.empty()));
        assertThat(answer.properties()).isEqualTo(expected);
    }

    /**
     * Random nested prefixes in random PIDs with random properties: for random addresses, the value a
     * client derives from the answer by section 6.3's rule (the longest entity containing the address
     * that names the property; null is no value) is the value of the PID that longest-prefix matching
     * gives the address, in the full map and in the answer to a filtered request for a random prefix.
     */
    @Test
    void inheritedValuesAgreeWithLongestPrefixMatching() throws Exception {
        SplittableRandom random = new SplittableRandom(9240);
        for (int round = 0; round < 40; round++) {
            Snapshot snapshot = randomNetwork(random);
            NetworkMap map = snapshot.networkMap();
            EntityPropertyMap properties = properties(snapshot);
            List<String> asked = properties.mappings().get("ipv4");
            PropertyMapResponse full = properties.full();
            for (int probe = 0; probe < 200; probe++) {
                InetAddress address = randomAddress(random, IpPrefix.parse("10.0.0.0/11"));
                assertThat(derived(full, address, asked)).as(address + " in the full map, round " + round)
                        .isEqualTo(expected(snapshot, map.lookup(address), asked));
            }
            for (int probe = 0; probe < 20; probe++) {
                IpPrefix prefix = randomPrefix(random, 10 + random.nextInt(14));
                PropertyMapResponse filtered = properties.filtered(List.of("ipv4:" + prefix), asked);
                for (int inside = 0; inside < 20; inside++) {
                    InetAddress address = randomAddress(random, prefix);
                    assertThat(derived(filtered, address, asked)).as(address + " asked as " + prefix + ", round " + round)
                            .isEqualTo(expected(snapshot, map.lookup(address), asked));
                }
            }
        }
    }

    /**
     * Up to 40 prefixes of lengths 11 to 20 in 10.0.0.0/11, in PIDs p0..p5, each PID (the default one
     * too) with some of two properties, whose few values often repeat from one PID to another.
     */
    private static Snapshot randomNetwork(SplittableRandom random) {
        Snapshot.Builder builder = Snapshot.builder();
        Set<IpPrefix> used = new HashSet<>();
        Set<String> pids = new HashSet<>(Set.of(Snapshot.DEFAULT_PID));
        for (int i = 0; i < 40; i++) {
            IpPrefix prefix = randomPrefix(random, 11 + random.nextInt(10));
            String pid = "p" + random.nextInt(6);
            if (used.add(prefix)) {
                builder.pid(pid, List.of(prefix));
                pids.add(pid);
            }
        }
        Map<String, Map<String, String>> byPid = new HashMap<>();
        for (String pid : pids) {
            Map<String, String> values = new HashMap<>();
            for (String type : List.of("a", "b")) {
                if (random.nextBoolean()) {
                    values.put(type, "x" + random.nextInt(3));
                }
            }
            byPid.put(pid, values);
        }
        return builder.pidProperties(PidProperties.from(byPid)).build();
    }

    private static IpPrefix randomPrefix(SplittableRandom random, int length) {
        int bits = (10 << 24) | random.nextInt(1 << 21);
        int network = length == 0 ? 0 : bits & (-1 << (32 - length));
        return IpPrefix.parse(dotted(network) + "/" + length);
    }

    private static InetAddress randomAddress(SplittableRandom random, IpPrefix prefix) throws Exception {
        int base = ByteBuffer.wrap(prefix.address().getAddress()).getInt();
        int host = prefix.length() == 32 ? 0 : random.nextInt() & (int) ((1L << (32 - prefix.length())) - 1);
        return InetAddress.getByName(dotted(base | host));
    }

    private static String dotted(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "." + (address & 255);
    }

    /** What a client derives by section 6.3's rule from the answer's ipv4 entities. */
    private static Map<String, String> derived(PropertyMapResponse answer, InetAddress address, List<String> asked) {
        Map<String, String> values = new HashMap<>();
        for (String property : asked) {
            int longest = -1;
            Optional<String> value = Optional.empty();
            for (Map.Entry<String, Map<String, Optional<String>>> entity : answer.properties().entrySet()) {
                if (!entity.getKey().startsWith("ipv4:") || !entity.getValue().containsKey(property)) {
                    continue;
                }
                IpPrefix prefix = IpPrefix.parse(entity.getKey().substring(5));
                if (prefix.contains(address) && prefix.length() > longest) {
                    longest = prefix.length();
                    value = entity.getValue().get(property);
                }
            }
            value.ifPresent(found -> values.put(property, found));
        }
        return values;
    }

    /** The values of PID {@code pid}: its name, and its own properties. */
    private static Map<String, String> expected(Snapshot snapshot, int pid, List<String> asked) {
        String name = snapshot.networkMap().pidName(pid);
        Map<String, String> values = new HashMap<>();
        for (String property : asked) {
            String value = property.equals(PID) ? name : snapshot.pidProperties().of(name).get(property.substring(1));
            if (value != null) {
                values.put(property, value);
            }
        }
        return values;
    }
}
