package io.altokit.provision.network;

import io.altokit.core.PrefixKey;
import io.altokit.core.Snapshot;
import io.altokit.core.SnapshotException;
import io.altokit.provision.ProvisioningException;
import io.altokit.provision.bgp.MrtImport;

import java.util.HashSet;
import java.util.Set;

/**
 * Builds a snapshot from the network sections of the configuration file ({@code network-map},
 * {@code prefix-files}, {@code costs}, {@code default-pid}, {@code resource-pools}, {@code rating},
 * {@code mrt}), which {@code app} has read into a {@link NetworkConfig}; this class reads the data
 * files those sections name (prefix lists, pool matrices, an MRT dump).
 */
public final class NetworkFile {

    private NetworkFile() {
    }

    public static Snapshot build(NetworkConfig config) {
        try {
            return builder(config).build();
        } catch (SnapshotException e) {
            throw new ProvisioningException(config.source() + ": " + e.getMessage(), e);
        }
    }

    /** The builder of {@link #build(NetworkConfig)} before {@code build()}, for feeds that add prefixes (BGP). */
    public static Snapshot.Builder builder(NetworkConfig config) {
        Snapshot.Builder builder = Snapshot.builder();
        config.defaultPid().ifPresent(builder::defaultPid);
        Set<PrefixKey> listed = new HashSet<>();
        config.pids().forEach((pid, prefixes) -> {
            builder.pid(pid, prefixes);
            prefixes.forEach(prefix -> listed.add(PrefixKey.of(prefix)));
        });
        Set<String> pids = new HashSet<>(config.pids().keySet());
        config.prefixFiles().forEach(file -> PrefixFile.addTo(builder, file, config.source(), listed, pids));
        config.mrt().ifPresent(mrt -> MrtImport.addTo(builder, mrt, config.source(), listed));
        for (NetworkConfig.Cost cost : config.costs()) {
            builder.cost(cost.metric(), cost.source(), cost.destination(), cost.value());
        }
        config.pools().ifPresent(pools -> ResourcePools.addTo(builder, pools, config.source(), pids));
        return builder;
    }
}
