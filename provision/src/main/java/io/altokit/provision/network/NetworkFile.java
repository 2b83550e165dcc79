package io.altokit.provision.network;

import io.altokit.core.PidProperties;
import io.altokit.core.PrefixKey;
import io.altokit.core.Snapshot;
import io.altokit.core.SnapshotException;
import io.altokit.provision.ProvisioningException;
import io.altokit.provision.bgp.MrtImport;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Builds a snapshot from the network sections of the configuration file ({@code network-map} with its PIDs' properties,
 * {@code prefix-files}, {@code costs}, {@code default-pid}, {@code resource-pools}, {@code rating},
 * {@code mrt}, {@code cost-context}), which {@code app} has read into a {@link NetworkConfig}; this class reads the data
 * files those sections name (prefix lists, pool matrices, an MRT dump).
 */
public final class NetworkFile {

    private NetworkFile() {
    }

    public static Snapshot build(NetworkConfig config) {
        return build(config, ResourcePools.MatrixFiles.fromDisk());
    }

    /** The builder of {@link #build(NetworkConfig)} before {@code build()}: reads every file the sections name. */
    public static Snapshot.Builder builder(NetworkConfig config) {
        return builder(config, ResourcePools.MatrixFiles.fromDisk());
    }

    /** As {@link #build(NetworkConfig)}, the pools' matrix files read through {@code matrixFiles}. */
    static Snapshot build(NetworkConfig config, ResourcePools.MatrixFiles matrixFiles) {
        return built(config, builder(config, matrixFiles));
    }

    static Snapshot.Builder builder(NetworkConfig config, ResourcePools.MatrixFiles matrixFiles) {
        Set<String> pids = new HashSet<>();
        Snapshot.Builder builder = mapBuilder(config, pids);
        addCosts(builder, config, pools(config, pids, matrixFiles));
        return builder;
    }

    /** {@code builder.build()}, its problems named after the configuration file. */
    static Snapshot built(NetworkConfig config, Snapshot.Builder builder) {
        try {
            return builder.build();
        } catch (SnapshotException e) {
            throw new ProvisioningException(config.source() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A builder given the network map's part of the sections: the PIDs, their prefixes (listed, in
     * prefix files, from an MRT dump) and properties, and the default PID, but no costs.
     *
     * @param pids the PIDs named in the file and its prefix files are added to it, for the costs to be checked against
     */
    static Snapshot.Builder mapBuilder(NetworkConfig config, Set<String> pids) {
        Snapshot.Builder builder = Snapshot.builder().pidProperties(PidProperties.from(config.pidProperties()));
        config.defaultPid().ifPresent(builder::defaultPid);
        // Prefix files and an MRT dump check theirs against the prefixes listed before; without them
        // the set is not needed (306,000 keys at 1,700 PIDs).
        boolean checked = !config.prefixFiles().isEmpty() || config.mrt().isPresent();
        Set<PrefixKey> listed = new HashSet<>();
        config.pids().forEach((pid, prefixes) -> {
            builder.pid(pid, prefixes);
            if (checked) {
                prefixes.forEach(prefix -> listed.add(PrefixKey.of(prefix)));
            }
        });
        pids.addAll(config.pids().keySet());
        config.prefixFiles().forEach(file -> PrefixFile.addTo(builder, file, config.source(), listed, pids));
        config.mrt().ifPresent(mrt -> MrtImport.addTo(builder, mrt, config.source(), listed));
        return builder;
    }

    /** Each pool's matrix (none without pools), checked against {@code pids}. */
    static Map<Pool, AreaMatrix> pools(NetworkConfig config, Set<String> pids, ResourcePools.MatrixFiles matrixFiles) {
        return config.pools().map(pools -> ResourcePools.read(pools, config.source(), pids, matrixFiles)).orElse(Map.of());
    }

    /**
     * Adds the {@code costs} section, the pools' matrices rated by the sections' rating, the pools'
     * calendars, whose interval files it reads, and the metrics' cost contexts.
     */
    static void addCosts(Snapshot.Builder builder, NetworkConfig config, Map<Pool, AreaMatrix> pools) {
        for (NetworkConfig.Cost cost : config.costs()) {
            builder.cost(cost.metric(), cost.source(), cost.destination(), cost.value());
        }
        config.pools().ifPresent(sections -> {
            ResourcePools.addTo(builder, pools, sections.rating());
            sections.calendar().ifPresent(calendar -> ResourcePools.addCalendar(builder, calendar, config.source(), pools));
        });
        config.costContexts().forEach(builder::costContext);
    }
}
