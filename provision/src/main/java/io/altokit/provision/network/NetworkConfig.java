package io.altokit.provision.network;

import io.altokit.core.IpPrefix;
import io.altokit.provision.bgp.MrtConfig;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The network sections of the configuration file (docs/configuration.md), already read and checked
 * by {@code app}: the PIDs and their prefixes, costs, resource pools with their rating, and an MRT
 * dump. {@link NetworkFile} builds the snapshot from it; file names are resolved.
 *
 * @param source names the configuration file in the errors of the files it names (pools, MRT, prefix files)
 * @param pids each PID's listed prefixes, in file order
 * @param pidProperties the operator's properties of PIDs ({@code network-map.<pid>.properties}): type to value
 * @param prefixFiles CSV side files of {@code pid,prefix} lines, read while building
 */
public record NetworkConfig(String source, Optional<String> defaultPid, Map<String, List<IpPrefix>> pids,
                            Map<String, Map<String, String>> pidProperties, List<Path> prefixFiles, List<Cost> costs, Optional<PoolsConfig> pools,
                            Optional<MrtConfig> mrt) {

    /** One cell of the {@code costs} section: the cost of {@code metric} from PID {@code source} to {@code destination}. */
    public record Cost(String metric, String source, String destination, double value) {
    }

    public NetworkConfig {
        Map<String, List<IpPrefix>> copied = new LinkedHashMap<>();
        pids.forEach((pid, prefixes) -> copied.put(pid, List.copyOf(prefixes)));
        pids = Collections.unmodifiableMap(copied);
        Map<String, Map<String, String>> properties = new LinkedHashMap<>();
        pidProperties.forEach((pid, values) -> properties.put(pid, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        pidProperties = Collections.unmodifiableMap(properties);
        prefixFiles = List.copyOf(prefixFiles);
        costs = List.copyOf(costs);
    }

    /** The other files the network is built from, so that a reload watches them too. */
    public Set<Path> files() {
        Set<Path> files = new HashSet<>(prefixFiles);
        pools.ifPresent(p -> files.addAll(p.files()));
        mrt.ifPresent(m -> files.add(m.file()));
        return files;
    }
}
