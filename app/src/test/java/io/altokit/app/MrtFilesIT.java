package io.altokit.app;

import io.altokit.core.AddressFamily;
import io.altokit.core.NetworkMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real collector files (provision/src/test/resources/mrt, see its README) load with the prefix counts the
 * real {@code bgpdump} finds in them (the very same prefixes), and files that cannot be used stop {@code alto serve} with exit code 2
 * and one line naming the file and what it holds.
 */
class MrtFilesIT {
    private static final Path FIXTURES = Path.of("..", "provision", "src", "test", "resources", "mrt");
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    @BeforeAll
    static void bgpdumpInstalled() throws Exception {
        SystemTools.requirePackage("bgpdump", "bgpdump (RIPE NCC's MRT dump reader)", "bgpdump");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ris-bview.20020722.2337.cut.gz", "ris-updates.20020722.2238.gz",
            "ris-updates.20160811.1600.cut.bz2", "updates.et-header.2015.cut.gz", "openbgpd-rib-table.mrt"})
    void loadsAsManyPrefixesAsBgpdumpFinds(String fixture, @TempDir Path dir) throws Exception {
        Path file = FIXTURES.toAbsolutePath().resolve(fixture);
        Path config = Files.writeString(dir.resolve("net.yaml"), "mrt: { file: '" + file + "' }\n");
        Set<String> expected = bgpdumpPrefixes(file, null);
        assertThat(expected).as("bgpdump finds routes in " + fixture).isNotEmpty();
        assertThat(prefixes(NetworkFiles.load(config).networkMap(), expected)).hasSameSizeAs(expected)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aPeerFilterKeepsThatPeersRoutesAsBgpdumpSeesThem(@TempDir Path dir) throws Exception {
        Path file = FIXTURES.toAbsolutePath().resolve("ris-updates.20160811.1600.cut.bz2");
        Path config = Files.writeString(dir.resolve("net.yaml"), "mrt: { file: '" + file + "', peer: 37.49.236.145 }\n");
        Set<String> expected = bgpdumpPrefixes(file, "37.49.236.145");
        assertThat(expected).isNotEmpty().hasSizeLessThan(bgpdumpPrefixes(file, null).size());
        assertThat(prefixes(NetworkFiles.load(config).networkMap(), expected)).hasSameSizeAs(expected)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void unusableFilesStopTheStartWithOneLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("text.gz"), "this is not an MRT file, whatever its name says\n");
        assertRefused(dir, "text.gz", "", "mrt.file: " + dir.resolve("text.gz") + ": not an MRT file");

        byte[] updates = Files.readAllBytes(FIXTURES.resolve("ris-updates.20020722.2238.gz"));
        Files.write(dir.resolve("cut.gz"), Arrays.copyOf(updates, updates.length / 2));
        assertRefused(dir, "cut.gz", "", "mrt.file: " + dir.resolve("cut.gz") + ": truncated or damaged after ");

        Files.write(dir.resolve("states.mrt"), stateChangesOnly(updates));
        assertRefused(dir, "states.mrt", "", "mrt.file: " + dir.resolve("states.mrt")
                + ": 0 of 93 records usable: BGP4MP STATE_CHANGE only");

        Files.write(dir.resolve("updates.gz"), updates);
        assertRefused(dir, "updates.gz", ", peer: 192.0.2.99",
                "mrt.peer: 192.0.2.99 has no routes in " + dir.resolve("updates.gz") + "; it has routes from 193.203.0.");
    }

    /** {@code alto serve} with {@code mrt: { file: MRT MORE }} exits 2 with "alto serve: CONFIG: MESSAGE..." and no trace. */
    private void assertRefused(Path dir, String mrt, String more, String message) throws Exception {
        Path config = Files.writeString(dir.resolve("net-" + mrt + ".yaml"), "mrt: { file: " + mrt + more + " }\n");
        Process serve = AltoJar.processBuilder("serve", "--config", config.toString(), "--port", "0")
                .redirectErrorStream(true).start();
        started.add(serve);
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(serve.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(serve.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("alto serve: " + config + ": " + message)
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(output.lines().filter(line -> line.contains(mrt))).as(output).hasSize(1);
    }

    /** The prefixes some peer (or {@code peer}) still announces at the end of the file, by {@code bgpdump -m}. */
    private static Set<String> bgpdumpPrefixes(Path file, String peer) throws Exception {
        Process bgpdump = new ProcessBuilder("bgpdump", "-m", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<List<String>> held = new HashSet<>();
        try (var lines = bgpdump.inputReader(StandardCharsets.UTF_8).lines()) {
            lines.map(line -> line.split("\\|")).filter(f -> f.length >= 6 && (peer == null || peer.equals(f[3])))
                    .forEach(f -> {
                        switch (f[2]) {
                            case "A", "B" -> held.add(List.of(f[3], f[5]));
                            case "W" -> held.remove(List.of(f[3], f[5]));
                            default -> { }           // STATE: ignored, as by the import
                        }
                    });
        }
        assertThat(bgpdump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bgpdump.exitValue()).isZero();
        return held.stream().map(route -> route.get(1)).collect(Collectors.toSet());
    }

    /** The map's prefixes, without the catch-all routes the default PID gets when {@code fromFile} lacks them. */
    private static List<String> prefixes(NetworkMap map, Set<String> fromFile) {
        List<String> prefixes = new ArrayList<>();
        for (int pid = 0; pid < map.size(); pid++) {
            for (AddressFamily family : AddressFamily.values()) {
                map.prefixes(pid, family).forEach(prefix -> prefixes.add(prefix.toString()));
            }
        }
        prefixes.removeIf(prefix -> prefix.endsWith("/0") && !fromFile.contains(prefix));
        return prefixes;
    }

    /** The BGP4MP STATE_CHANGE records of a gzipped MRT file, uncompressed: a real file with no routes. */
    private static byte[] stateChangesOnly(byte[] gzipped) throws IOException {
        ByteBuffer in;
        try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            in = ByteBuffer.wrap(gzip.readAllBytes());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (in.remaining() >= 12) {
            int start = in.position();
            int type = in.getShort(start + 4) & 0xFFFF;
            int subtype = in.getShort(start + 6) & 0xFFFF;
            int length = in.getInt(start + 8);
            if (type == 16 && subtype == 0) {
                out.write(in.array(), start, 12 + length);
            }
            in.position(start + 12 + length);
        }
        return out.toByteArray();
    }
}
