package io.altokit.app;

import io.altokit.core.AddressFamily;
import io.altokit.core.NetworkMap;
import io.altokit.core.Snapshot;
import io.altokit.provision.ProvisioningException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Operator-sized inputs (issue #16): 250k prefixes in the YAML itself or in a CSV side file. */
class LargeNetworkFileTest {
    private static final int PIDS = 250;
    private static final int PREFIXES = 250_000;

    @TempDir
    Path dir;

    /** The n-th /24 of 0.0.0.0/8 upwards: distinct for n below 2^24. */
    private static String prefix(int n) {
        return (n >> 16 & 0xFF) + "." + (n >> 8 & 0xFF) + "." + (n & 0xFF) + ".0/24";
    }

    /** 250k prefixes is 4 MB of YAML, over SnakeYAML's default 3 MB document limit. */
    @Test
    void aNetworkFileWithAQuarterMillionPrefixesLoads() throws IOException {
        Path file = dir.resolve("large.yaml");
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("network-map:\n");
            for (int pid = 0; pid < PIDS; pid++) {
                out.write("  pid-" + pid + ":\n    ipv4:\n");
                for (int i = 0; i < PREFIXES / PIDS; i++) {
                    out.write("      - " + prefix(pid * (PREFIXES / PIDS) + i) + "\n");
                }
            }
        }
        assertThat(Files.size(file)).as("larger than the 3 MB default limit").isGreaterThan(3 * 1024 * 1024);
        assertAllLoaded(NetworkFiles.load(file));
    }

    /** The same prefixes from a CSV side file (under target/, as the build's own output). */
    @Test
    void aQuarterMillionPrefixesComeFromACsvSideFile() throws IOException {
        Path target = Files.createDirectories(Path.of("target", "large-network"));
        Path csv = target.resolve("prefixes.csv");
        try (Writer out = Files.newBufferedWriter(csv)) {
            out.write("pid,prefix\n");
            for (int n = 0; n < PREFIXES; n++) {
                out.write("pid-" + n / (PREFIXES / PIDS) + "," + prefix(n) + "\n");
            }
        }
        Path file = Files.writeString(target.resolve("network.yaml"), """
                network-map:
                  listed: { ipv6: ["2001:db8::/32"] }
                prefix-files: prefixes.csv
                """);
        Snapshot snapshot = NetworkFiles.load(file);
        assertAllLoaded(snapshot);
        NetworkMap map = snapshot.networkMap();
        assertThat(map.pidName(map.lookup(InetAddress.getByName("2001:db8::1")))).isEqualTo("listed");
        assertThat(map.pidName(map.lookup(InetAddress.getByName("0.3.232.9")))).as("prefix 1000").isEqualTo("pid-1");
    }

    @Test
    void sideFileMistakesNameFileAndLine() throws IOException {
        Files.writeString(dir.resolve("p.csv"), """
                pid,prefix
                a,10.0.0.0/8
                # a comment
                b 10.1.0.0/16
                c,10.0.0.0/33
                d,10.0.0.0/8
                """);
        Path file = Files.writeString(dir.resolve("net.yaml"), "prefix-files: [p.csv]\n");
        Path csv = dir.resolve("p.csv");
        assertThatThrownBy(() -> NetworkFiles.load(file)).isInstanceOf(ProvisioningException.class)
                .hasMessageStartingWith(csv + ":4: expected pid,prefix, got \"b 10.1.0.0/16\"; " + csv + ":5: ")
                .hasMessageEndingWith(csv + ":6: 10.0.0.0/8 is listed before, in this file or another, or in network-map");
        Path missing = Files.writeString(dir.resolve("missing.yaml"), "prefix-files: nope.csv\n");
        assertThatThrownBy(() -> NetworkFiles.load(missing))
                .hasMessage(missing + ": prefix-files: " + dir.resolve("nope.csv") + ": no such file");
    }

    private static void assertAllLoaded(Snapshot snapshot) {
        NetworkMap map = snapshot.networkMap();
        int loaded = IntStream.range(0, map.size()).filter(pid -> map.pidName(pid).startsWith("pid-"))
                .map(pid -> map.prefixes(pid, AddressFamily.IPV4).size()).sum();
        assertThat(loaded).isEqualTo(PREFIXES);
        assertThat(IntStream.range(0, map.size()).filter(pid -> map.pidName(pid).startsWith("pid-")).count()).isEqualTo(PIDS);
    }
}
