package io.altokit.tracker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BencodeTest {

    @Test
    void encodesBep3ExamplesWithKeysSortedAsRawBytes() {
        assertThat(ascii(Bencode.encode("spam"))).isEqualTo("4:spam");
        assertThat(ascii(Bencode.encode(3L))).isEqualTo("i3e");
        assertThat(ascii(Bencode.encode(-3))).isEqualTo("i-3e");
        assertThat(ascii(Bencode.encode(List.of("spam", "eggs")))).isEqualTo("l4:spam4:eggse");
        Map<String, Object> unsorted = new LinkedHashMap<>();
        unsorted.put("spam", List.of("a", "b"));
        unsorted.put("cow", "moo");
        unsorted.put("\u00ff", 1);
        assertThat(ascii(Bencode.encode(unsorted))).isEqualTo("d3:cow3:moo4:spaml1:a1:be1:\u00ffi1ee");
    }

    @Test
    void binaryStringsAndKeysRoundTripByteForByte() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        String binaryKey = new String(binary, 0, 20, StandardCharsets.ISO_8859_1);
        Map<?, ?> decoded = (Map<?, ?>) Bencode.decode(Bencode.encode(Map.of(binaryKey, binary, "n", Long.MIN_VALUE)));
        assertThat((byte[]) decoded.get(binaryKey)).isEqualTo(binary);
        assertThat(decoded.get("n")).isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "i", "i12", "ie", "i-0e", "i03e", "i1.5e", "5:abc", "-1:a", "l", "d1:ai1e", "d1:bi1e1:ai2ee",
            "d1:ai1e1:ai2ee", "i1ei2e", "x", "99999999999999999999:a", "i99999999999999999999e"})
    void refusesMalformedInputWithTheOffset(String input) {
        assertThatIllegalArgumentException().isThrownBy(() -> Bencode.decode(input.getBytes(StandardCharsets.ISO_8859_1)))
                .withMessageStartingWith("bencode at byte ");
    }

    @Test
    void refusesDeepNesting() {
        String deep = "l".repeat(100) + "e".repeat(100);
        assertThatIllegalArgumentException().isThrownBy(() -> Bencode.decode(deep.getBytes(StandardCharsets.US_ASCII)))
                .withMessageContaining("nested deeper");
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
