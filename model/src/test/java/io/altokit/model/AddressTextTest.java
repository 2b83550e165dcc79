package io.altokit.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The single-pass parser against addresses whose bytes are known, written in every legal form. */
class AddressTextTest {
    private static final int SAMPLES = 20_000;

    @Test
    void parsesEveryTextualFormOfRandomIpv6Addresses() {
        SplittableRandom random = new SplittableRandom(7285);
        for (int n = 0; n < SAMPLES; n++) {
            int[] groups = new int[8];
            for (int g = 0; g < 8; g++) {
                // Many zero groups, so that "::" lands at every position and length.
                groups[g] = random.nextInt(3) == 0 ? random.nextInt(0x10000) : 0;
            }
            byte[] expected = new byte[16];
            for (int g = 0; g < 8; g++) {
                expected[2 * g] = (byte) (groups[g] >>> 8);
                expected[2 * g + 1] = (byte) groups[g];
            }
            for (String text : spellings(groups, random)) {
                assertThat(AddressText.parse(text)).as(text).isEqualTo(expected);
            }
        }
    }

    @Test
    void parsesRandomIpv4Addresses() {
        SplittableRandom random = new SplittableRandom(4291);
        for (int n = 0; n < SAMPLES; n++) {
            int bits = random.nextInt();
            String text = (bits >>> 24) + "." + (bits >>> 16 & 0xFF) + "." + (bits >>> 8 & 0xFF) + "." + (bits & 0xFF);
            byte[] ascii = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(AddressText.ipv4Bits(ascii, 0, ascii.length)).as(text).isEqualTo(bits);
            assertThat(AddressText.format(AddressText.parse(text))).isEqualTo(text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:2:3:4:5:6:7:", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "1:::2", "12345::",
            "g::1", "::1.2.3", "::1.2.3.4.5", "1.2.3.4::", "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "::01.2.3.4",
            "1::2:", "-1::", "1:2:3:4:5:6:7:8::", "1:2:3:4:5:6:7::8", ":", "::%1", " ::1", "::1 "})
    void rejectsMalformedIpv6(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> AddressText.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1.2.3.-4", "1..3.4", "1.2.3.4.", ".1.2.3",
            "a.b.c.d", "1.2.3.4 ", "", "1.2.3.1234"})
    void rejectsMalformedIpv4(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> AddressText.parse(text));
    }

    /** Full form, leading zeros, upper case, every "::" placement over a zero run, a trailing dotted quad. */
    private static List<String> spellings(int[] groups, SplittableRandom random) {
        List<String> texts = new ArrayList<>();
        String[] hex = new String[8];
        for (int g = 0; g < 8; g++) {
            hex[g] = random.nextBoolean() ? Integer.toHexString(groups[g]) : HexFormat.of().toHexDigits((short) groups[g]);
        }
        texts.add(String.join(":", hex));
        texts.add(String.join(":", hex).toUpperCase(Locale.ROOT));
        for (int from = 0; from < 8; from++) {
            for (int to = from + 1; to <= 8 && groups[to - 1] == 0; to++) {
                texts.add(String.join(":", List.of(hex).subList(0, from)) + "::" + String.join(":", List.of(hex).subList(to, 8)));
            }
        }
        String quad = (groups[6] >>> 8) + "." + (groups[6] & 0xFF) + "." + (groups[7] >>> 8) + "." + (groups[7] & 0xFF);
        texts.add(String.join(":", List.of(hex).subList(0, 6)) + ":" + quad);
        for (int from = 0; from < 6; from++) {
            for (int to = from + 1; to <= 6 && groups[to - 1] == 0; to++) {
                String head = String.join(":", List.of(hex).subList(0, from));
                String middle = String.join(":", List.of(hex).subList(to, 6));
                texts.add(head + "::" + middle + (middle.isEmpty() ? "" : ":") + quad);
            }
        }
        return texts;
    }
}
