package io.altokit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altokit.model.IpBits;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bucketed range layout stays minimal: what the lookup speed and memory figures rely on. */
class AddressRangesTest {

    private static final AddressRanges RANGES = AddressRanges.of(List.of(
            assignment("0.0.0.0/0", 0),
            assignment("10.0.0.0/8", 1),
            assignment("10.1.128.0/17", 1),
            assignment("10.2.0.0/16", 2),
            assignment("10.2.0.0/24", 0),
            assignment("255.255.255.0/24", 3)));

    @Test
    void eachBucketStartsWithTheRangeInForceThereAndMergesEqualNeighbours() {
        assertThat(bucket(0x0000)).containsExactly("0.0.0.0 -> 0");
        assertThat(bucket(0x0A00)).containsExactly("10.0.0.0 -> 1");
        assertThat(bucket(0x0A01)).containsExactly("10.1.0.0 -> 1"); // 10.1.128.0/17 adds nothing
        assertThat(bucket(0x0A02)).containsExactly("10.2.0.0 -> 0", "10.2.1.0 -> 2");
        assertThat(bucket(0x0A03)).containsExactly("10.3.0.0 -> 1");
        assertThat(bucket(0xFFFF)).containsExactly("255.255.0.0 -> 0", "255.255.255.0 -> 3");
    }

    @Test
    void holdsOneSlotPerBucketPlusOnePerRangeStartingInside() {
        assertThat(RANGES.pid).hasSize((1 << 16) + 2);
    }

    @Test
    void needsTheDefaultRouteFirst() {
        assertThatThrownBy(() -> AddressRanges.of(List.of(assignment("10.0.0.0/8", 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> bucket(int bucket) {
        return IntStream.range(RANGES.firstSlot[bucket], RANGES.firstSlot[bucket + 1])
                .mapToObj(slot -> IpBits.toInetAddress(4, RANGES.startHigh[slot], 0).getHostAddress()
                        + " -> " + RANGES.pid[slot])
                .toList();
    }

    private static Assignment assignment(String prefix, int pid) {
        return new Assignment(PrefixKey.of(IpPrefix.parse(prefix)), pid);
    }
}
