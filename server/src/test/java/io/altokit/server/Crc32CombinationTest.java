package io.altokit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class Crc32CombinationTest {

    @Test
    void theCombinedCrcIsTheCrcOfTheConcatenation() {
        SplittableRandom random = new SplittableRandom(32);
        for (int trial = 0; trial < 200; trial++) {
            byte[] bytes = new byte[random.nextInt(0, trial < 100 ? 64 : 200_000)];
            random.nextBytes(bytes);
            int split = random.nextInt(bytes.length + 1);
            int combined = Crc32Combination.combine(crc(bytes, 0, split), crc(bytes, split, bytes.length - split),
                    bytes.length - split);
            assertThat(combined).as("%d bytes split at %d", bytes.length, split).isEqualTo(crc(bytes, 0, bytes.length));
        }
    }

    @Test
    void anEmptyPartChangesNothing() {
        byte[] bytes = {1, 2, 3};
        assertThat(Crc32Combination.combine(crc(bytes, 0, 3), 0, 0)).isEqualTo(crc(bytes, 0, 3));
        assertThat(Crc32Combination.combine(0, crc(bytes, 0, 3), 3)).isEqualTo(crc(bytes, 0, 3));
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
