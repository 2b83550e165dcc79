package io.altokit.provision.store;

import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.core.Snapshot;
import io.altokit.model.CostContext;
import io.altokit.model.CostSource;
import io.altokit.provision.ProvisioningException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotStoreTest {

    @TempDir
    Path dir;

    /**
     * Nested prefixes, odd lengths, host routes, a PID without prefixes, a renamed default PID, undefined
     * costs, cost contexts with and without parameters.
     */
    static Snapshot sample() {
        return Snapshot.builder()
                .pid("area-01", prefixes("10.1.0.0/16", "10.1.128.0/17", "2001:db8:1::/48", "192.0.2.1/32"))
                .pid("area-02", prefixes("10.2.0.0/15", "10.8.0.0/13", "2001:db8:2::/127", "2001:db8:3::1/128"))
                .pid("empty", List.of())
                .defaultPid("external")
                .cost("routingcost", "area-01", "area-02", 10)
                .cost("routingcost", "area-02", "area-01", 12.5)
                .cost("routingcost", "area-01", "external", 0)
                .cost("hopcount", "area-01", "area-01", 0)
                .cost("priv:money", "empty", "area-02", 1e-9)
                .costContext("hopcount", CostContext.of(CostSource.SLA, Map.of("link", "https://isp.example/sla")))
                .costContext("routingcost", new CostContext(CostSource.ESTIMATION))
                .build();
    }

    private static List<IpPrefix> prefixes(String... texts) {
        return Arrays.stream(texts).map(IpPrefix::parse).toList();
    }

    /** A random map with nested prefixes of every length and a sparse cost matrix. */
    static Snapshot random(long seed, int pids, int ipv4, int ipv6) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<IpPrefix>> byPid = new ArrayList<>();
        for (int pid = 0; pid < pids; pid++) {
            byPid.add(new ArrayList<>());
        }
        Set<IpPrefix> seen = new HashSet<>();
        while (seen.size() < ipv4 + ipv6) {
            boolean v6 = seen.size() >= ipv4;
            byte[] bytes = new byte[v6 ? 16 : 4];
            random.nextBytes(bytes);
            int length = random.nextInt(1, bytes.length * 8 + 1);
            for (int bit = length; bit < bytes.length * 8; bit++) {
                bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            IpPrefix prefix = new IpPrefix(address(bytes), length);
            if (seen.add(prefix)) {
                byPid.get(random.nextInt(pids)).add(prefix);
            }
        }
        Snapshot.Builder builder = Snapshot.builder();
        for (int pid = 0; pid < pids; pid++) {
            builder.pid("pid" + pid, byPid.get(pid));
            for (int dst = 0; dst < pids; dst++) {
                if (random.nextInt(4) != 0) {
                    builder.cost("routingcost", "pid" + pid, "pid" + dst, random.nextInt(1000) / 8.0);
                }
            }
        }
        return builder.build();
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void assertSameContent(Snapshot actual, Snapshot expected) {
        NetworkMap map = actual.networkMap();
        assertThat(map.pidNames()).isEqualTo(expected.networkMap().pidNames());
        for (int pid = 0; pid < map.size(); pid++) {
            for (AddressFamily family : AddressFamily.values()) {
                assertThat(map.prefixes(pid, family)).isEqualTo(expected.networkMap().prefixes(pid, family));
            }
        }
        assertThat(actual.metrics()).isEqualTo(expected.metrics());
        for (String metric : actual.metrics()) {
            var costs = actual.costMatrix(metric).orElseThrow();
            var expectedCosts = expected.costMatrix(metric).orElseThrow();
            for (int src = 0; src < map.size(); src++) {
                for (int dst = 0; dst < map.size(); dst++) {
                    assertThat(Double.doubleToLongBits(costs.cost(src, dst))).as("%s %d->%d", metric, src, dst)
                            .isEqualTo(Double.doubleToLongBits(expectedCosts.cost(src, dst)));
                }
            }
            assertThat(costs.vtag()).isEqualTo(expectedCosts.vtag());
        }
        assertThat(map.vtag()).isEqualTo(expected.networkMap().vtag());
        assertThat(actual.costContexts()).isEqualTo(expected.costContexts());
    }

    private SnapshotStore saved(Snapshot snapshot) {
        SnapshotStore store = new SnapshotStore(dir.resolve("state.bin"));
        store.save(snapshot);
        return store;
    }

    @Test
    void aRoundTripKeepsEveryPidPrefixCostAndTheVtags() {
        Snapshot original = sample();
        Snapshot loaded = saved(original).load().orElseThrow();
        assertSameContent(loaded, original);
        assertThat(loaded.networkMap().pidNames()).containsExactly("area-01", "area-02", "empty", "external");
        assertThat(loaded.costMatrix("routingcost").orElseThrow().isDefined(1, 0)).isTrue();
        assertThat(loaded.costMatrix("routingcost").orElseThrow().isDefined(0, 0)).isFalse();
    }

    @Test
    void aLargerRandomMapRoundTripsCompactly() throws Exception {
        Snapshot original = random(7, 200, 20_000, 5_000);
        SnapshotStore store = saved(original);
        assertSameContent(store.load().orElseThrow(), original);
        long costBytes = 200L * 200 * Double.BYTES;
        assertThat((Files.size(store.file()) - costBytes) / 25_000.0).as("bytes per prefix").isLessThan(17);
    }

    @Test
    void savingAgainReplacesTheFileAndLeavesNothingElse() throws Exception {
        SnapshotStore store = saved(random(1, 5, 50, 10));
        Snapshot second = sample();
        store.save(second);
        assertThat(store.load().orElseThrow().networkMap().vtag()).isEqualTo(second.networkMap().vtag());
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(store.file());
        }
    }

    @Test
    void aStateFileInAMissingDirectoryIsRefusedNamingTheDirectory() throws Exception {
        Path missing = dir.resolve("no-such-dir");
        assertThatThrownBy(() -> new SnapshotStore(missing.resolve("state.bin")).requireDirectory())
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("state file " + missing.resolve("state.bin") + ": the directory " + missing + " does not exist");

        Path gone = Files.createDirectory(dir.resolve("gone"));
        SnapshotStore store = new SnapshotStore(gone.resolve("state.bin")).requireDirectory();
        Files.delete(gone);
        assertThatThrownBy(() -> store.save(sample())).as("a directory removed while serving")
                .hasMessage(gone.resolve("state.bin") + ": cannot write the state file: the directory " + gone + " does not exist");
    }

    @Test
    void noFileYetIsEmpty() {
        assertThat(new SnapshotStore(dir.resolve("absent.bin")).load()).isEmpty();
    }

    @Test
    void everyFlippedByteIsDetected() throws Exception {
        SnapshotStore store = saved(sample());
        byte[] good = Files.readAllBytes(store.file());
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            Files.write(store.file(), bad);
            assertThatThrownBy(store::load).as("byte %d", i)
                    .isInstanceOf(ProvisioningException.class)
                    .hasMessageStartingWith(store.file() + ": ");
        }
    }

    @Test
    void everyTruncationIsDetected() throws Exception {
        SnapshotStore store = saved(sample());
        byte[] good = Files.readAllBytes(store.file());
        for (int length = 0; length < good.length; length++) {
            Files.write(store.file(), Arrays.copyOf(good, length));
            assertThatThrownBy(store::load).as("%d bytes", length)
                    .isInstanceOf(ProvisioningException.class)
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void aForeignFileOrAnotherFormatVersionIsNamedAsSuch() throws Exception {
        SnapshotStore store = saved(sample());
        byte[] good = Files.readAllBytes(store.file());

        byte[] foreign = good.clone();
        foreign[0] = 'X';
        Files.write(store.file(), foreign);
        assertThatThrownBy(store::load).hasMessageContaining("not an AltoKit state file");

        byte[] newer = good.clone();
        ByteBuffer.wrap(newer).putShort(8, (short) (SnapshotCodec.VERSION + 1));
        Files.write(store.file(), newer);
        assertThatThrownBy(store::load).hasMessageContaining("format version 3, this AltoKit reads versions 1 to 2");
    }

    @Test
    void aVersionOneFileIsReadWithoutCostContexts() throws Exception {
        Snapshot withoutContexts = random(3, 4, 20, 5);
        SnapshotStore store = saved(withoutContexts);
        byte[] two = Files.readAllBytes(store.file());
        // Version 1 is version 2 without the trailing cost context count (0 here, one byte).
        byte[] one = Arrays.copyOf(two, two.length - 1);
        CRC32C crc = new CRC32C();
        crc.update(one, SnapshotCodec.HEADER_BYTES, one.length - SnapshotCodec.HEADER_BYTES);
        ByteBuffer.wrap(one).putShort(8, (short) 1).putInt(10, (int) crc.getValue())
                .putLong(14, one.length - SnapshotCodec.HEADER_BYTES);
        Files.write(store.file(), one);

        Snapshot loaded = store.load().orElseThrow();
        assertSameContent(loaded, withoutContexts);
        assertThat(loaded.costContexts()).isEmpty();
    }

    @Test
    void aRoundTripKeepsTheCostContexts() {
        Snapshot loaded = saved(sample()).load().orElseThrow();
        assertThat(loaded.costContext("hopcount")).contains(
                new CostContext(CostSource.SLA, java.util.Optional.of("{\"link\":\"https://isp.example/sla\"}")));
        assertThat(loaded.costContext("routingcost")).contains(new CostContext(CostSource.ESTIMATION));
        assertThat(loaded.costContext("priv:money")).isEmpty();
    }

    @Test
    void contentThatPassesTheChecksumMustStillBeConsistent() throws Exception {
        SnapshotStore store = saved(sample());
        byte[] good = Files.readAllBytes(store.file());
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        CRC32C crc = new CRC32C();
        crc.update(longer, SnapshotCodec.HEADER_BYTES, longer.length - SnapshotCodec.HEADER_BYTES);
        ByteBuffer.wrap(longer).putInt(10, (int) crc.getValue()).putLong(14, longer.length - SnapshotCodec.HEADER_BYTES);
        Files.write(store.file(), longer);
        assertThatThrownBy(store::load).hasMessageContaining("corrupt state file: 1 bytes left after the content");
    }

    @Test
    void anUnreadableFileIsReported() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("state.bin"));
        assertThatThrownBy(new SnapshotStore(directory)::load)
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("cannot read the state file");
    }

    @Test
    void aFailedSaveIsReported() {
        SnapshotStore store = new SnapshotStore(dir.resolve("missing-directory").resolve("state.bin"));
        assertThatThrownBy(() -> store.save(sample()))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("cannot write the state file");
    }
}
