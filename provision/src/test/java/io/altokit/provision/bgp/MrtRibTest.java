package io.altokit.provision.bgp;

import io.altokit.core.IpPrefix;
import io.altokit.core.PrefixKey;
import io.altokit.provision.mrt.Peer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class MrtRibTest {
    private static final PrefixKey TEN = PrefixKey.of(IpPrefix.parse("10.0.0.0/8"));
    private static final PrefixKey ELEVEN = PrefixKey.of(IpPrefix.parse("11.0.0.0/8"));

    private static Peer peer(int last) throws Exception {
        return new Peer(0, InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) last}), 64500 + last);
    }

    private static Map<PrefixKey, Integer> held(MrtRib rib) {
        Map<PrefixKey, Integer> held = new LinkedHashMap<>();
        rib.forEach(held::put);
        return held;
    }

    @Test
    void aPrefixGoesToTheEarliestRouteStillHeld() throws Exception {
        MrtRib rib = new MrtRib();
        rib.announce(TEN, peer(1), OptionalLong.empty(), 1);
        rib.announce(TEN, peer(2), OptionalLong.empty(), 2);
        rib.announce(ELEVEN, peer(2), OptionalLong.empty(), 2);
        rib.announce(TEN, peer(1), OptionalLong.empty(), 3);
        assertThat(held(rib)).as("peer 1 replaced its route in place").containsExactly(Map.entry(TEN, 3), Map.entry(ELEVEN, 2));
        rib.withdraw(TEN, peer(1));
        rib.withdraw(ELEVEN, peer(1));
        assertThat(held(rib)).as("peer 2 still holds 10/8").containsExactly(Map.entry(TEN, 2), Map.entry(ELEVEN, 2));
        rib.withdraw(TEN, peer(2));
        assertThat(held(rib)).containsExactly(Map.entry(ELEVEN, 2));
        assertThat(rib.size()).isEqualTo(1);
    }

    @Test
    void eachAddPathPathIsARouteOfItsOwn() throws Exception {
        MrtRib rib = new MrtRib();
        rib.announce(TEN, peer(1), OptionalLong.of(1), 1);
        rib.announce(TEN, peer(1), OptionalLong.of(2), 2);
        assertThat(held(rib)).as("the first path, as the first RIB entry").containsExactly(Map.entry(TEN, 1));
    }
}
