package io.altokit.provision.network;

import io.altokit.core.CostMatrix;
import io.altokit.core.Criterion;
import io.altokit.core.Rating;
import io.altokit.core.Snapshot;
import io.altokit.core.time.Ticker;
import io.altokit.provision.ProvisioningException;
import io.altokit.provision.bgp.MrtConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the snapshot of a network file, and builds it again when the file or a data file it names
 * changed, reading again only the files that changed ({@link FileStamp}: size and time, else content
 * hash) and rebuilding only what depends on them:
 * <ul>
 *   <li>only pool files (or the rating) changed: the changed pools' metrics and, if a rated one is
 *       among them, {@code routingcost} are rebuilt over the network map of the last build
 *       ({@link Snapshot#costsBuilder()}); the other pools are not read, the prefixes not ordered again;
 *   <li>only the PIDs' prefixes or properties changed (the network file, a prefix file, the MRT dump),
 *       over the same PIDs: the network map is built again and every cost matrix of the last build is kept;
 *   <li>anything else, and any network with cost calendars (or whose last build had them): built
 *       whole, the pool files that did not change taken from the last build.
 * </ul>
 * It keeps no copy of a pool's values: where a build needs an unchanged pool file's values (built
 * whole), they are taken back from the cost matrix of its metric in the last build, which holds
 * exactly those values over the pool's areas; otherwise only its areas are checked again.
 * Each way gives exactly what building from scratch gives (NetworkLoaderTest checks it over
 * randomized changes). A load that fails leaves the last build in place, to compare the next load
 * with. One load at a time: the start, then the reloads on one thread.
 */
public final class NetworkLoader {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkLoader.class);

    /** Reads the network sections of the configuration file from its bytes, checked (app's reader). */
    @FunctionalInterface
    public interface SectionsReader {
        /** @throws RuntimeException naming the file and every mistake, if the sections are not valid */
        NetworkConfig read(Path file, InputStream content);
    }

    /** A pool file as last read: the stamp of its bytes, the pool it was read as, and its areas. */
    private record PoolFile(FileStamp stamp, Pool pool, List<String> areas) {}

    /**
     * What a build was made of: the sections and the stamp of the file they were read from, the
     * stamps of the other files the network map came from, each pool file as read, the PIDs the
     * pools' areas are checked against (those the file and its prefix files name), and the result.
     */
    private record Build(FileStamp configStamp, NetworkConfig config, Map<Path, FileStamp> mapFiles,
                         Map<Path, PoolFile> poolFiles, Set<String> pids, Snapshot snapshot) {

        /** Whether {@code next} has the same network map inputs: PIDs, their prefixes and properties, prefix and MRT files. */
        boolean sameMapInputs(NetworkConfig next, Map<Path, FileStamp> nextMapFiles) {
            return config.pids().equals(next.pids()) && config.pidProperties().equals(next.pidProperties())
                    && config.defaultPid().equals(next.defaultPid())
                    && config.prefixFiles().equals(next.prefixFiles()) && config.mrt().equals(next.mrt())
                    && sameContent(mapFiles, nextMapFiles);
        }

        /** The pools of {@code next} whose values may differ from this build's: read anew, given another way, or new. */
        Set<Pool> changedPools(NetworkConfig next, Set<Path> reread) {
            Map<Pool, PoolsConfig.Source> before = sources(config);
            Map<Pool, PoolsConfig.Source> after = sources(next);
            Set<Pool> changed = EnumSet.noneOf(Pool.class);
            after.forEach((pool, source) -> {
                if (!source.equals(before.get(pool)) || source instanceof PoolsConfig.FromFile file && reread.contains(file.file())) {
                    changed.add(pool);
                }
            });
            before.keySet().stream().filter(pool -> !after.containsKey(pool)).forEach(changed::add);
            return changed;
        }

        /** Whether {@code next} has the same cost inputs: the costs section, the pools (none read anew) and the rating. */
        boolean sameCostInputs(NetworkConfig next, Set<Pool> changedPools) {
            return changedPools.isEmpty() && config.costs().equals(next.costs()) && config.pools().equals(next.pools());
        }

        private static Map<Pool, PoolsConfig.Source> sources(NetworkConfig config) {
            return config.pools().map(PoolsConfig::sources).orElse(Map.of());
        }

        private static boolean sameContent(Map<Path, FileStamp> a, Map<Path, FileStamp> b) {
            return a.keySet().equals(b.keySet()) && a.entrySet().stream().allMatch(file -> file.getValue().sameContent(b.get(file.getKey())));
        }
    }

    private final Path file;
    private final SectionsReader sections;
    private final Ticker ticker = Ticker.system();
    private Optional<Build> last = Optional.empty();

    /**
     * @param file the configuration file, whose network sections {@code sections} reads
     */
    public NetworkLoader(Path file, SectionsReader sections) {
        this.file = Objects.requireNonNull(file, "file");
        this.sections = Objects.requireNonNull(sections, "sections");
    }

    /**
     * Builds the network of {@code config}, the sections already read from the file (at the start,
     * with the rest of the configuration); the file is stamped as it is now.
     *
     * @throws ProvisioningException for a mistake in a data file or in the network they make
     */
    public synchronized Snapshot load(NetworkConfig config) {
        return build(stamp(file, Optional.empty()), config);
    }

    /**
     * Reads the file again if it changed, and the data files it names that changed, and builds
     * their network: the last build itself if nothing changed.
     *
     * @throws RuntimeException naming the file and the mistake; the last build stays the one the next load compares with
     */
    public synchronized Snapshot reload() {
        FileStamp.Stat stat = stat(file);
        if (last.isPresent() && last.get().configStamp().matches(stat)) {
            return build(last.get().configStamp(), last.get().config());
        }
        byte[] content = read(file);
        FileStamp stamp = stat.with(sha256(content));
        if (last.isPresent() && last.get().configStamp().sameContent(stamp)) {
            return build(stamp, last.get().config());
        }
        return build(stamp, sections.read(file, new ByteArrayInputStream(content)));
    }

    private Snapshot build(FileStamp configStamp, NetworkConfig config) {
        long started = ticker.read();
        Map<Path, FileStamp> mapFiles = new HashMap<>();
        Stream.concat(config.prefixFiles().stream(), config.mrt().map(MrtConfig::file).stream())
                .forEach(path -> mapFiles.put(path, stamp(path, last.map(build -> build.mapFiles().get(path)))));
        Map<Path, PoolFile> poolFiles = new HashMap<>();
        Set<Path> reread = new HashSet<>();
        ResourcePools.MatrixFiles matrixFiles = (pool, path, problems) -> poolFile(pool, path, problems, reread)
                .map(read -> {
                    poolFiles.put(path, new PoolFile(read.stamp(), pool, read.matrix().areas()));
                    return read.matrix();
                });
        // Calendars are read whole each time: their interval files are few and small, and a build
        // over the last one's costs would keep a calendar its pool's new values no longer match.
        Optional<Build> sameMap = last.filter(build -> !calendared(build.config()) && !calendared(config)
                && build.sameMapInputs(config, mapFiles));
        Build next;
        long read;
        String rebuilt;
        if (sameMap.isPresent()) {
            Build before = sameMap.get();
            Map<Pool, AreaMatrix> pools = NetworkFile.pools(config, before.pids(), matrixFiles);
            read = ticker.read();
            Set<Pool> changed = before.changedPools(config, reread);
            boolean unchanged = before.sameCostInputs(config, changed);
            Snapshot snapshot = unchanged ? before.snapshot() : withCosts(before, config, pools, changed);
            rebuilt = unchanged ? "nothing" : "costs of " + String.join(", ", changedMetrics(before.snapshot(), snapshot));
            next = new Build(configStamp, config, mapFiles, poolFiles, before.pids(), snapshot);
        } else {
            Set<String> pids = new HashSet<>();
            Snapshot.Builder builder = NetworkFile.mapBuilder(config, pids);
            Map<Pool, AreaMatrix> pools = NetworkFile.pools(config, pids, matrixFiles);
            read = ticker.read();
            Optional<Snapshot> sameCosts = last.filter(build -> !calendared(build.config()) && !calendared(config)
                            && build.sameCostInputs(config, build.changedPools(config, reread)))
                    .map(Build::snapshot);
            Optional<Snapshot> snapshot = sameCosts.flatMap(costs -> withMapOf(NetworkFile.built(config, builder), costs));
            rebuilt = snapshot.isPresent() ? "network map" : "whole";
            next = new Build(configStamp, config, mapFiles, poolFiles, Set.copyOf(pids), snapshot.orElseGet(() -> {
                NetworkFile.addCosts(builder, config, pools);
                return NetworkFile.built(config, builder);
            }));
        }
        // The first load is part of the start, which says nothing before it either runs or stops with
        // one line naming the mistake (and logs its phases once it runs); reloads are told as they happen.
        LoggingEventBuilder line = last.isEmpty() ? LOG.atDebug() : LOG.atInfo();
        last = Optional.of(next);
        long done = ticker.read();
        line.addKeyValue("file", file).addKeyValue("rebuilt", rebuilt)
                .addKeyValue("pids", next.snapshot().networkMap().size())
                .addKeyValue("read_millis", TimeUnit.NANOSECONDS.toMillis(read - started))
                .addKeyValue("build_millis", TimeUnit.NANOSECONDS.toMillis(done - read))
                .log("network loaded, rebuilt {}: files read in {} ms, built in {} ms", rebuilt,
                        TimeUnit.NANOSECONDS.toMillis(read - started), TimeUnit.NANOSECONDS.toMillis(done - read));
        return next.snapshot();
    }

    private static boolean calendared(NetworkConfig config) {
        return config.pools().flatMap(PoolsConfig::calendar).isPresent();
    }

    private static List<String> changedMetrics(Snapshot before, Snapshot after) {
        return Stream.concat(before.metrics().stream(), after.metrics().stream()).distinct()
                .filter(metric -> !before.costTag(metric).equals(after.costTag(metric)))
                .toList();
    }

    /**
     * {@code map}'s network map with every cost matrix of {@code costs}, shared, if the two have the
     * same PIDs: what building the network whole gives when only prefixes changed.
     */
    private static Optional<Snapshot> withMapOf(Snapshot map, Snapshot costs) {
        return map.networkMap().pidNames().equals(costs.networkMap().pidNames())
                ? Optional.of(map.withCostsOf(costs, costs.metrics())) : Optional.empty();
    }

    /**
     * The last build's network map with the costs of {@code config}: where only pools changed (the
     * same pools, the same costs section), the changed pools given and {@code routingcost} rated
     * again if a rated one is among them; else built whole.
     */
    private static Snapshot withCosts(Build before, NetworkConfig config, Map<Pool, AreaMatrix> pools, Set<Pool> changed) {
        boolean samePools = config.pools().isPresent() && before.config().pools().isPresent()
                && config.pools().get().sources().keySet().equals(before.config().pools().get().sources().keySet());
        if (!samePools || !config.costs().equals(before.config().costs())) {
            Snapshot.Builder builder = NetworkFile.mapBuilder(config, new HashSet<>());
            NetworkFile.addCosts(builder, config, pools);
            return NetworkFile.built(config, builder);
        }
        Snapshot.Builder builder = before.snapshot().costsBuilder();
        changed.forEach(pool -> builder.costs(pool.metric(), pools.get(pool).areas(), pools.get(pool).values()));
        Rating rating = config.pools().get().rating();
        Set<String> rated = rating.weighted().stream().map(Criterion::metric).collect(Collectors.toSet());
        if (changed.stream().anyMatch(pool -> rated.contains(pool.metric())) || !rating.equals(before.config().pools().get().rating())) {
            builder.rating(rating);
        }
        return NetworkFile.built(config, builder);
    }

    /** A pool file's matrix, and the stamp of the bytes it holds. */
    private record Read(FileStamp stamp, AreaMatrix matrix) {}

    /**
     * The matrix of a pool file: if its bytes are those the last build read it from (as the same
     * pool), taken back from that build's cost matrix; else read, and its path added to {@code reread}.
     */
    private Optional<Read> poolFile(Pool pool, Path path, Problems problems, Set<Path> reread) {
        Optional<Build> build = last;
        Optional<PoolFile> before = build.map(b -> b.poolFiles().get(path)).filter(read -> read.pool() == pool);
        FileStamp.Stat stat;
        try {
            stat = FileStamp.Stat.of(path);
        } catch (UncheckedIOException e) {
            problems.add(path + (FileStamp.isMissing(e) ? ": no such file" : ": cannot read: " + e.getCause()));
            return Optional.empty();
        }
        if (before.isPresent() && before.get().stamp().matches(stat)) {
            return Optional.of(new Read(before.get().stamp(), kept(path, before.get(), build.get().snapshot())));
        }
        try (FileStamp.Hashing in = new FileStamp.Hashing(Files.newInputStream(path))) {
            // The reader closes what it is given; the hash needs every byte, read to the end here.
            InputStream unclosed = new FilterInputStream(in) {
                @Override
                public void close() {
                }
            };
            Optional<AreaMatrix> matrix = MatrixFile.read(path, () -> unclosed, pool.fileQuantity(), problems);
            in.transferTo(OutputStream.nullOutputStream());
            FileStamp stamp = stat.with(in.sha256());
            if (before.isEmpty() || !before.get().stamp().sameContent(stamp)) {
                reread.add(path);
            }
            return matrix.map(read -> new Read(stamp, read));
        } catch (IOException e) {
            problems.add(path + ": cannot read: " + e);
            return Optional.empty();
        }
    }

    /**
     * A pool file as read before: its areas, and its values taken back, when needed, from the cost
     * matrix of its metric in {@code snapshot}.
     */
    private static AreaMatrix kept(Path path, PoolFile file, Snapshot snapshot) {
        return AreaMatrix.later(path.toString(), file.areas(), () -> {
            CostMatrix matrix = snapshot.costMatrix(file.pool().metric()).orElseThrow();
            int[] index = file.areas().stream().mapToInt(area -> snapshot.networkMap().indexOf(area).orElseThrow()).toArray();
            double[][] values = new double[index.length][index.length];
            for (int i = 0; i < index.length; i++) {
                for (int j = 0; j < index.length; j++) {
                    values[i][j] = matrix.cost(index[i], index[j]);
                }
            }
            return values;
        });
    }

    private static FileStamp stamp(Path path, Optional<FileStamp> previous) {
        try {
            return FileStamp.of(path, previous);
        } catch (UncheckedIOException e) {
            throw new ProvisioningException(path + (FileStamp.isMissing(e) ? ": no such file" : ": cannot read: " + e.getCause()));
        }
    }

    private static FileStamp.Stat stat(Path path) {
        try {
            return FileStamp.Stat.of(path);
        } catch (UncheckedIOException e) {
            throw new ProvisioningException(path + (FileStamp.isMissing(e) ? ": no such file" : ": cannot read: " + e.getCause()));
        }
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ProvisioningException(path + ": cannot read: " + e);
        }
    }

    private static String sha256(byte[] content) {
        try (FileStamp.Hashing in = new FileStamp.Hashing(new ByteArrayInputStream(content))) {
            in.transferTo(OutputStream.nullOutputStream());
            return in.sha256();
        } catch (IOException e) {
            throw new UncheckedIOException("reading bytes in memory cannot fail", e);
        }
    }
}
