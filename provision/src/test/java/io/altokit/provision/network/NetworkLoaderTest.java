package io.altokit.provision.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altokit.core.CostMatrix;
import io.altokit.core.Criterion;
import io.altokit.core.IpPrefix;
import io.altokit.core.Penalty;
import io.altokit.core.Rating;
import io.altokit.core.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: whatever sequence of file changes comes (a pool cell, a pool file written over with the
 * same bytes, a PID's prefixes, a PID more or less, the rating, a broken pool file, nothing), a
 * reload gives exactly what building the network from scratch gives, and it reads and rebuilds only
 * what changed: a cell keeps the other pools' matrices, prefixes keep every matrix's costs. The
 * network file is a small line format read by this test's {@link #sections} (the YAML reader is app's).
 */
class NetworkLoaderTest {

    private static final int PIDS = 120;
    private static final int STEPS = 40;

    @TempDir
    Path dir;

    /** The files as the test last wrote them. */
    private final Map<String, List<IpPrefix>> prefixes = new LinkedHashMap<>();
    /** Each PID's properties as its line gives them: {@code type=value}. */
    private final Map<String, String> properties = new LinkedHashMap<>();
    private double[][] rtt;
    private double[][] hops;
    private double rttWeight = 2;

    @ParameterizedTest
    @ValueSource(longs = {7285, 8895, 9569})
    void everyReloadEqualsABuildFromScratch(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        writeNetwork(random);
        NetworkLoader loader = new NetworkLoader(networkFile(), NetworkLoaderTest::sections);
        Snapshot last = loader.load(sections(networkFile()));
        assertSameContent(last, scratch());

        for (int step = 0; step < STEPS; step++) {
            int kind = random.nextInt(8);
            switch (kind) {
                case 0 -> rtt[random.nextInt(PIDS)][random.nextInt(PIDS)] = random.nextInt(1, 4000) / 10.0;
                case 1 -> hops[random.nextInt(PIDS)][random.nextInt(PIDS)] = random.nextInt(1, 30);
                case 2 -> movePrefix(random);
                case 3 -> togglePid();
                case 4 -> rttWeight = random.nextInt(1, 4);
                case 5 -> {
                    writeMatrix("rtt.csv", rtt, "-1"); // a negative round-trip time
                    assertThatThrownBy(loader::reload).as("step %d", step).hasMessageContaining("out of range");
                    assertThatThrownBy(this::scratch).hasMessageContaining("out of range");
                }
                default -> { } // 6: written again as it was; 7: not written
            }
            if (kind != 7) {
                writeFiles();
            }
            Snapshot reloaded = loader.reload();
            assertSameContent(reloaded, scratch());
            if (kind == 1) {
                assertThat(reloaded.networkMap()).as("step %d: one cell keeps the network map", step).isSameAs(last.networkMap());
                assertThat(reloaded.costMatrix("delay-rt")).as("step %d: and the other pool", step)
                        .isEqualTo(last.costMatrix("delay-rt"));
            }
            if (kind == 2) {
                for (String metric : reloaded.metrics()) {
                    assertThat(reloaded.costMatrix(metric).orElseThrow().sharesCostsWith(last.costMatrix(metric).orElseThrow()))
                            .as("step %d: prefixes moved, %s kept", step, metric).isTrue();
                }
            }
            if (kind >= 5) {
                assertThat(reloaded).as("step %d: nothing changed (a broken file mended)", step).isSameAs(last);
            }
            last = reloaded;
        }
    }

    @Test
    void aPoolFileWrittenOverWithTheSameBytesIsNotReadAsAChange() throws IOException {
        writeNetwork(new SplittableRandom(1));
        NetworkLoader loader = new NetworkLoader(networkFile(), NetworkLoaderTest::sections);
        Snapshot first = loader.load(sections(networkFile()));
        CostMatrix rttBefore = first.costMatrix("delay-rt").orElseThrow();

        writeFiles();

        assertThat(loader.reload()).isSameAs(first);
        rtt[3][4] += 1;
        writeFiles();
        Snapshot changed = loader.reload();
        assertThat(changed.costMatrix("delay-rt").orElseThrow().vtag()).isNotEqualTo(rttBefore.vtag());
        assertThat(changed.costMatrix("hopcount")).isEqualTo(first.costMatrix("hopcount"));
        assertThat(changed.networkMap()).isSameAs(first.networkMap());
    }

    @Test
    void aChangedCalendarFileIsReadAndRatedAgain() throws IOException {
        writeNetwork(new SplittableRandom(2));
        writeMatrix("hops-0.csv", hops, null);
        writeMatrix("hops-1.csv", hops, null);
        NetworkLoader loader = new NetworkLoader(networkFile(), NetworkLoaderTest::calendared);
        Snapshot first = loader.load(calendared(networkFile()));
        assertThat(first.calendar("hopcount").orElseThrow().size()).isEqualTo(2);
        assertThat(first.calendar(Rating.METRIC)).as("hopcount is rated").isPresent();

        double[][] evening = new double[PIDS][];
        for (int i = 0; i < PIDS; i++) {
            evening[i] = hops[i].clone();
        }
        evening[5][6] += 7;
        writeMatrix("hops-1.csv", evening, null);
        Snapshot second = loader.reload();

        assertThat(second.costMatrix("hopcount").orElseThrow().vtag()).isEqualTo(first.costMatrix("hopcount").orElseThrow().vtag());
        assertThat(second.costTag("hopcount")).isNotEqualTo(first.costTag("hopcount"));
        assertThat(second.costTag(Rating.METRIC)).isNotEqualTo(first.costTag(Rating.METRIC));
        int from = second.networkMap().indexOf(name(5)).orElseThrow();
        int to = second.networkMap().indexOf(name(6)).orElseThrow();
        assertThat(second.calendar("hopcount").orElseThrow().intervals().get(1).cost(from, to)).isEqualTo(evening[5][6]);
        Snapshot scratch = NetworkFile.build(calendared(networkFile()));
        for (String metric : scratch.metrics()) {
            assertThat(second.costTag(metric)).as(metric).isEqualTo(scratch.costTag(metric));
        }
    }

    /** The test's network file with a calendar of two intervals of hop counts, hops-0.csv and hops-1.csv. */
    private static NetworkConfig calendared(Path file, InputStream content) {
        NetworkConfig plain = sections(file, content);
        PoolsConfig pools = plain.pools().orElseThrow();
        PoolsConfig.Calendar calendar = new PoolsConfig.Calendar(12 * 3600, OptionalInt.empty(),
                Map.of(Pool.HOPCOUNT, List.of(file.resolveSibling("hops-0.csv"), file.resolveSibling("hops-1.csv"))));
        return new NetworkConfig(plain.source(), plain.defaultPid(), plain.pids(), plain.pidProperties(), plain.prefixFiles(), plain.costs(),
                Optional.of(new PoolsConfig(pools.sources(), pools.rating(), Optional.of(calendar))), plain.mrt());
    }

    private static NetworkConfig calendared(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return calendared(file, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aChangeOfPropertiesAloneKeepsEveryCostMatrix() throws IOException {
        writeNetwork(new SplittableRandom(2));
        properties.put(name(1), "priv:area-name=Krakow");
        writeFiles();
        NetworkLoader loader = new NetworkLoader(networkFile(), NetworkLoaderTest::sections);
        Snapshot first = loader.load(sections(networkFile()));
        assertThat(first.pidProperties().of(name(1))).containsEntry("priv:area-name", "Krakow");

        properties.put(name(1), "priv:area-name=Kraków");
        writeFiles();
        Snapshot changed = loader.reload();
        assertThat(changed.pidProperties().of(name(1))).containsEntry("priv:area-name", "Kraków");
        assertSameContent(changed, scratch());
        assertThat(changed.networkMap().vtag()).isEqualTo(first.networkMap().vtag());
        for (String metric : changed.metrics()) {
            assertThat(changed.costMatrix(metric).orElseThrow().sharesCostsWith(first.costMatrix(metric).orElseThrow())).as(metric).isTrue();
        }
    }

    private Snapshot scratch() {
        return NetworkFile.build(sections(networkFile()));
    }

    private Path networkFile() {
        return dir.resolve("network.txt");
    }

    private static void assertSameContent(Snapshot actual, Snapshot expected) {
        assertThat(actual.networkMap().vtag()).isEqualTo(expected.networkMap().vtag());
        assertThat(actual.metrics()).isEqualTo(expected.metrics());
        for (String metric : expected.metrics()) {
            assertThat(actual.costMatrix(metric).orElseThrow().vtag()).as(metric)
                    .isEqualTo(expected.costMatrix(metric).orElseThrow().vtag());
        }
    }

    private void writeNetwork(SplittableRandom random) throws IOException {
        rtt = new double[PIDS][PIDS];
        hops = new double[PIDS][PIDS];
        for (int i = 0; i < PIDS; i++) {
            prefixes.put(name(i), new ArrayList<>(List.of(IpPrefix.parse("10." + i / 200 + "." + i % 200 + ".0/24"))));
            for (int j = 0; j < PIDS; j++) {
                rtt[i][j] = random.nextInt(1, 4000) / 10.0;
                hops[i][j] = random.nextInt(1, 30);
            }
        }
        writeFiles();
    }

    private void movePrefix(SplittableRandom random) {
        List<String> names = new ArrayList<>(prefixes.keySet());
        List<IpPrefix> from = prefixes.get(names.get(random.nextInt(names.size())));
        if (from.size() > 1) {
            prefixes.get(names.get(random.nextInt(names.size()))).add(from.removeLast());
        } else {
            from.add(IpPrefix.parse("172.16." + random.nextInt(256) + ".0/24"));
            if (prefixes.values().stream().filter(list -> list.contains(from.getLast())).count() > 1) {
                from.removeLast(); // listed already: the file would be invalid
            }
        }
    }

    /** A PID that is in no pool: added, or removed if it is there. */
    private void togglePid() {
        if (prefixes.remove("extra") == null) {
            prefixes.put("extra", new ArrayList<>(List.of(IpPrefix.parse("192.168.0.0/24"))));
        }
    }

    /** Writes every file, each aside and renamed over the old one as deployment tools do. */
    private void writeFiles() throws IOException {
        StringBuilder network = new StringBuilder("weight " + rttWeight + "\n");
        prefixes.forEach((pid, list) -> network.append(pid).append(' ')
                .append(String.join(" ", list.stream().map(IpPrefix::toString).toList()))
                .append(properties.containsKey(pid) ? " " + properties.get(pid) : "").append('\n'));
        replace("network.txt", network.toString());
        writeMatrix("rtt.csv", rtt, null);
        writeMatrix("hopcount.csv", hops, null);
    }

    private void writeMatrix(String name, double[][] values, String firstCell) throws IOException {
        StringBuilder csv = new StringBuilder("from");
        for (int j = 0; j < PIDS; j++) {
            csv.append(',').append(name(j));
        }
        csv.append('\n');
        for (int i = 0; i < PIDS; i++) {
            csv.append(name(i));
            for (int j = 0; j < PIDS; j++) {
                csv.append(',').append(i == 0 && j == 0 && firstCell != null ? firstCell : plain(values[i][j]));
            }
            csv.append('\n');
        }
        replace(name, csv.toString());
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private void replace(String name, String content) throws IOException {
        Path aside = Files.writeString(dir.resolve(name + ".new"), content);
        Files.move(aside, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String name(int pid) {
        return String.format("pid%03d", pid);
    }

    /**
     * The test's network file: a line {@code weight W} (the rtt pool's weight; hopcount weighs 1,
     * distance 0), then one line per PID, its name, prefixes and properties ({@code type=value}). Pools: rtt.csv and hopcount.csv
     * beside it, and distances between the coordinates of the first three PIDs.
     */
    private static NetworkConfig sections(Path file, InputStream content) {
        List<String> lines;
        try {
            lines = new String(content.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double weight = Double.parseDouble(lines.getFirst().split(" ")[1]);
        Map<String, List<IpPrefix>> pids = new LinkedHashMap<>();
        Map<String, Map<String, String>> properties = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] words = line.split(" ");
            List<IpPrefix> list = new ArrayList<>();
            for (int i = 1; i < words.length; i++) {
                int equals = words[i].indexOf('=');
                if (equals < 0) {
                    list.add(IpPrefix.parse(words[i]));
                } else {
                    properties.computeIfAbsent(words[0], pid -> new LinkedHashMap<>())
                            .put(words[i].substring(0, equals), words[i].substring(equals + 1));
                }
            }
            pids.put(words[0], list);
        }
        Map<Pool, PoolsConfig.Source> sources = new EnumMap<>(Pool.class);
        sources.put(Pool.RTT, new PoolsConfig.FromFile(file.resolveSibling("rtt.csv")));
        sources.put(Pool.HOPCOUNT, new PoolsConfig.FromFile(file.resolveSibling("hopcount.csv")));
        sources.put(Pool.DISTANCE, new PoolsConfig.FromCoordinates(Map.of(name(0), new GeoPoint(52.2, 21.0),
                name(1), new GeoPoint(50.1, 19.9), name(2), new GeoPoint(54.4, 18.6))));
        Rating rating = new Rating(List.of(Criterion.linear(Pool.RTT.metric(), weight), Criterion.linear(Pool.HOPCOUNT.metric(), 1),
                new Criterion(Pool.DISTANCE.metric(), 0, Penalty.LINEAR)));
        return new NetworkConfig(file.toString(), Optional.empty(), pids, properties, List.of(), List.of(),
                Optional.of(new PoolsConfig(sources, rating)), Optional.empty());
    }

    private static NetworkConfig sections(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return sections(file, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
