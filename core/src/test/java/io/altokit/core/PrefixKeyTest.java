package io.altokit.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefixKeyTest {

    @Test
    void readsNlriOctetsAndClearsTheIrrelevantTrailingBits() {
        byte[] nlri = {0x0A, 0x01, (byte) 0xFF};

        PrefixKey prefix = PrefixKey.read(AddressFamily.IPV4, 20, nlri, 0);

        assertThat(prefix).isEqualTo(PrefixKey.parse("10.1.240.0/20"));
        assertThat(prefix.toString()).isEqualTo("10.1.240.0/20");
        assertThat(PrefixKey.read(AddressFamily.IPV6, 72, new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, (byte) 0x80}, 0))
                .hasToString("2001:db8:0:0:8000::/72");
    }

    @Test
    void rejectsHostBitsAndLengthsTheFamilyCannotHave() {
        long tenOneTwoThree = 0x0A010203L << 32;
        assertThatThrownBy(() -> new PrefixKey(AddressFamily.IPV4, tenOneTwoThree, 0, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("host bits are set beyond /16");
        assertThatThrownBy(() -> new PrefixKey(AddressFamily.IPV4, 0, 0, 33))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("prefix length 33 is outside 0..32");
        assertThatThrownBy(() -> new PrefixKey(AddressFamily.IPV6, 0, 1, 64))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("host bits are set beyond /64");
    }

    @Test
    void equalKeysAreEqualAcrossFamiliesLengthsAndTheIpPrefixRoundTrip() {
        PrefixKey v4 = PrefixKey.parse("10.1.0.0/16");

        assertThat(PrefixKey.of(v4.toIpPrefix())).isEqualTo(v4).hasSameHashCodeAs(v4);
        assertThat(v4).isNotEqualTo(PrefixKey.parse("10.1.0.0/24"))
                .isNotEqualTo(new PrefixKey(AddressFamily.IPV6, v4.high(), v4.low(), 16));
        assertThat(PrefixKey.parse("10.1.0.0/24").hashCode()).isNotEqualTo(PrefixKey.parse("10.2.0.0/24").hashCode());
        assertThat(v4.compareTo(PrefixKey.parse("10.1.0.0/24"))).isNegative();
        assertThat(PrefixKey.parse("::/0").compareTo(v4)).isPositive();
    }
}
