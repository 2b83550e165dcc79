package io.altokit.provision.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The quick reading of plain decimals gives, bit for bit, what BigDecimal gives, or leaves the text to it. */
class PlainDecimalTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "+0", "0.000", "5.", ".5", "+3", "12.5", "0.1", "1.1", "-0.25", "999999999999999",
            "0.00000000000001", "900719925474.993", "123456789012.345", "450359962737.497"})
    void readsAsBigDecimalDoes(String text) {
        assertSameAsBigDecimal(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "-", "+", "1e5", "1.2.3", "NaN", "Infinity", "0x10", "5d", "1 2", "1234567890123456", "--1"})
    void leavesAnythingElseToTheGeneralReading(String text) {
        assertThat(parse(text)).isNull();
    }

    @Test
    void randomDecimalsReadAsBigDecimalDoes() {
        SplittableRandom random = new SplittableRandom(9439);
        for (int i = 0; i < 200_000; i++) {
            int digits = random.nextInt(1, 16);
            StringBuilder text = new StringBuilder(random.nextInt(10) == 0 ? "-" : "");
            int point = random.nextInt(digits + 1);
            for (int d = 0; d < digits; d++) {
                if (d == point && d > 0) {
                    text.append('.');
                }
                text.append((char) ('0' + random.nextInt(10)));
            }
            assertSameAsBigDecimal(text.toString());
        }
    }

    private static void assertSameAsBigDecimal(String text) {
        BigDecimal decimal = new BigDecimal(text);
        PlainDecimal plain = parse(text);
        assertThat(plain).as(text).isNotNull();
        assertThat(Double.doubleToRawLongBits(plain.value())).as("%s", text).isEqualTo(Double.doubleToRawLongBits(decimal.doubleValue()));
        for (int places = 0; places <= 3; places++) {
            double shifted = plain.shifted(places);
            if (!Double.isNaN(shifted)) {
                assertThat(Double.doubleToRawLongBits(shifted)).as("%s moved %d places", text, places)
                        .isEqualTo(Double.doubleToRawLongBits(decimal.movePointRight(places).doubleValue()));
            }
        }
    }

    /** The text as a cell between two others of a line. */
    private static PlainDecimal parse(String text) {
        return PlainDecimal.parse("1," + text + ",2", 2, 2 + text.length());
    }
}
