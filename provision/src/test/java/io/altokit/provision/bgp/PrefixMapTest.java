package io.altokit.provision.bgp;

import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.core.PrefixKey;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PrefixMapTest {

    @Test
    void keepsEveryLengthOfBothFamiliesApart() {
        String[] texts = {"0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/16", "10.0.0.0/32", "255.255.255.255/32", "::/0",
                "2001:db8::/32", "2001:db8::/48", "2001:db8::/63", "2001:db8::/64", "2001:db8::/127", "2001:db8::/128",
                "0a00::/8", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"};
        PrefixMap map = new PrefixMap();
        for (int i = 0; i < texts.length; i++) {
            map.put(Routes.prefix(texts[i]), i);
        }
        assertThat(map.size()).isEqualTo(texts.length);
        for (int i = 0; i < texts.length; i++) {
            assertThat(map.get(Routes.prefix(texts[i]))).as(texts[i]).isEqualTo(i);
        }
        Map<String, Integer> seen = new HashMap<>();
        map.forEach((family, high, low, length, value) -> seen.put(new PrefixKey(family, high, low, length).toString(), value));
        for (int i = 0; i < texts.length; i++) {
            assertThat(seen).containsEntry(IpPrefix.parse(texts[i]).toString(), i);
        }
        map.remove(Routes.prefix("10.0.0.0/16"));
        map.remove(Routes.prefix("2001:db8::/128"));
        assertThat(map.get(Routes.prefix("10.0.0.0/16"))).isEqualTo(PrefixMap.ABSENT);
        assertThat(map.get(Routes.prefix("2001:db8::/128"))).isEqualTo(PrefixMap.ABSENT);
        assertThat(map.get(Routes.prefix("10.0.0.0/8"))).isEqualTo(1);
    }

    @Test
    void agreesWithAHashMapOnRandomPrefixes() {
        SplittableRandom random = new SplittableRandom(4271);
        PrefixMap map = new PrefixMap();
        Map<PrefixKey, Integer> reference = new HashMap<>();
        for (int n = 0; n < 50_000; n++) {
            boolean v4 = random.nextBoolean();
            int length = random.nextInt(v4 ? 33 : 129);
            long high = length == 0 ? 0 : random.nextLong() & (-1L << Math.max(0, 64 - length));
            long low = length <= 64 ? 0 : random.nextLong() & (-1L << (128 - length));
            if (v4) {
                high &= 0xFFFF_FFFF_0000_0000L;
            }
            PrefixKey key = new PrefixKey(v4 ? AddressFamily.IPV4 : AddressFamily.IPV6, high, low, length);
            if (random.nextInt(4) == 0) {
                map.remove(key);
                reference.remove(key);
            } else {
                map.put(key, n);
                reference.put(key, n);
            }
        }
        assertThat(map.size()).isEqualTo(reference.size());
        reference.forEach((key, value) -> assertThat(map.get(key)).isEqualTo(value));
    }
}
