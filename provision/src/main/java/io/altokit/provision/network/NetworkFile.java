package io.altokit.provision.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;
import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.core.PrefixKey;
import io.altokit.core.Snapshot;
import io.altokit.core.SnapshotException;
import io.altokit.provision.ProvisioningException;
import io.altokit.provision.bgp.MrtImport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a snapshot from the YAML network file described in docs/configuration.md: the
 * {@code network-map}, {@code costs}, {@code default-pid}, {@code resource-pools} and {@code rating}
 * sections. Other top-level sections belong to other parts of AltoKit and are left alone.
 */
public final class NetworkFile {
    /** The embedded example network served by {@code alto serve} without a configuration file. */
    public static final String EXAMPLE_RESOURCE = "/io/altokit/provision/poland-isp.yaml";

    /** Lifts SnakeYAML's 3 MB default so that files listing 250k prefixes load (as app's YamlFile does). */
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder().loaderOptions(largeDocuments()).build());

    private NetworkFile() {
    }

    private static LoaderOptions largeDocuments() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(1 << 30);
        return options;
    }

    /** Reads a YAML file into a tree; the message of any failure names the file. */
    public static JsonNode readTree(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readTree(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new ProvisioningException(file + ": no such file");
        } catch (IOException e) {
            throw new ProvisioningException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static JsonNode readTree(InputStream in, String source) {
        try {
            JsonNode root = YAML.readTree(in);
            if (root == null || !root.isObject()) {
                throw new ProvisioningException(source + ": the top level must be a mapping with a network-map section");
            }
            return root;
        } catch (IOException e) {
            throw new ProvisioningException(source + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    public static Snapshot load(Path file) {
        return fromTree(readTree(file), file);
    }

    public static Snapshot exampleNetwork() {
        try (InputStream in = NetworkFile.class.getResourceAsStream(EXAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the example network " + EXAMPLE_RESOURCE);
            }
            // It names no pool files, so no directory is needed to find them.
            return fromTree(readTree(in, "embedded example network"), "embedded example network", Path.of(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the snapshot from an already parsed {@code file}; pool files are relative to its directory. */
    public static Snapshot fromTree(JsonNode root, Path file) {
        return build(builder(root, file), file.toString());
    }

    /**
     * Builds the snapshot from a parsed network file.
     *
     * @param source prefixes every error message
     * @param directory where the file's pool file names are relative to
     */
    public static Snapshot fromTree(JsonNode root, String source, Path directory) {
        return build(builder(root, source, directory), source);
    }

    /** The builder of {@link #fromTree(JsonNode, Path)} before {@code build()}, for feeds that add prefixes (BGP). */
    public static Snapshot.Builder builder(JsonNode root, Path file) {
        Path directory = file.getParent();
        return builder(root, file.toString(), directory == null ? Path.of("") : directory);
    }

    private static Snapshot.Builder builder(JsonNode root, String source, Path directory) {
        Snapshot.Builder builder = Snapshot.builder();
        JsonNode defaultPid = root.path("default-pid");
        if (!defaultPid.isMissingNode()) {
            builder.defaultPid(text(defaultPid, source, "default-pid"));
        }
        JsonNode networkMap = root.path("network-map");
        // With routes from BGP or an MRT dump, the routes bring the prefixes, so the file may list none.
        boolean prefixesFromRoutes = root.has("bgp") || root.has("mrt");
        if (!networkMap.isObject() && !(prefixesFromRoutes && networkMap.isMissingNode())
                || networkMap.isEmpty() && !prefixesFromRoutes) {
            throw new ProvisioningException(source + ": network-map must be a mapping of PID names to prefix lists");
        }
        Set<PrefixKey> listed = new HashSet<>();
        for (Map.Entry<String, JsonNode> pid : networkMap.properties()) {
            List<IpPrefix> prefixes = prefixes(pid.getValue(), source, "network-map." + pid.getKey());
            builder.pid(pid.getKey(), prefixes);
            prefixes.forEach(prefix -> listed.add(PrefixKey.of(prefix)));
        }
        if (root.has("mrt")) {
            MrtImport.addTo(builder, root, source, directory, defaultPid(root), listed);
        }
        JsonNode costs = root.path("costs");
        if (!costs.isMissingNode()) {
            readCosts(costs, builder, source);
        }
        ResourcePools.addTo(builder, root, source, directory, pids(networkMap));
        return builder;
    }

    private static Snapshot build(Snapshot.Builder builder, String source) {
        try {
            return builder.build();
        } catch (SnapshotException e) {
            throw new ProvisioningException(source + ": " + e.getMessage(), e);
        }
    }

    /** The other files a network file reads (pool matrices, an MRT dump), so a reload can watch them too. */
    public static Set<Path> dependencies(JsonNode root, Path file) {
        Path directory = file.getParent() == null ? Path.of("") : file.getParent();
        Set<Path> files = new HashSet<>(ResourcePools.files(root, directory));
        MrtImport.file(root, directory).ifPresent(files::add);
        return files;
    }

    /** The default PID the file names, or the snapshot's own default when it names none. */
    public static String defaultPid(JsonNode root) {
        return root.path("default-pid").isTextual() ? root.get("default-pid").textValue() : Snapshot.DEFAULT_PID;
    }

    private static Set<String> pids(JsonNode networkMap) {
        Set<String> pids = new HashSet<>();
        networkMap.fieldNames().forEachRemaining(pids::add);
        return pids;
    }

    private static List<IpPrefix> prefixes(JsonNode groups, String source, String path) {
        mapping(groups, source, path);
        List<IpPrefix> prefixes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> group : groups.properties()) {
            String groupPath = path + "." + group.getKey();
            AddressFamily family = switch (group.getKey()) {
                case "ipv4" -> AddressFamily.IPV4;
                case "ipv6" -> AddressFamily.IPV6;
                default -> throw new ProvisioningException(
                        source + ": " + groupPath + ": unknown address type (expected ipv4 or ipv6)");
            };
            if (!group.getValue().isArray()) {
                throw new ProvisioningException(source + ": " + groupPath + ": expected a list of prefixes");
            }
            for (JsonNode element : group.getValue()) {
                prefixes.add(prefix(text(element, source, groupPath), family, source, groupPath));
            }
        }
        return prefixes;
    }

    private static IpPrefix prefix(String text, AddressFamily family, String source, String path) {
        IpPrefix prefix;
        try {
            prefix = IpPrefix.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(source + ": " + path + ": " + e.getMessage(), e);
        }
        if (prefix.family() != family) {
            throw new ProvisioningException(source + ": " + path + ": " + text + " is not an " + family.name().toLowerCase() + " prefix");
        }
        return prefix;
    }

    private static void readCosts(JsonNode costs, Snapshot.Builder builder, String source) {
        mapping(costs, source, "costs");
        for (Map.Entry<String, JsonNode> metric : costs.properties()) {
            String metricPath = "costs." + metric.getKey();
            mapping(metric.getValue(), source, metricPath);
            for (Map.Entry<String, JsonNode> row : metric.getValue().properties()) {
                String rowPath = metricPath + "." + row.getKey();
                mapping(row.getValue(), source, rowPath);
                for (Map.Entry<String, JsonNode> cell : row.getValue().properties()) {
                    String cellPath = rowPath + "." + cell.getKey();
                    if (!cell.getValue().isNumber()) {
                        throw new ProvisioningException(source + ": " + cellPath + ": expected a number, got " + cell.getValue());
                    }
                    try {
                        builder.cost(metric.getKey(), row.getKey(), cell.getKey(), cell.getValue().doubleValue());
                    } catch (SnapshotException e) {
                        throw new ProvisioningException(source + ": " + cellPath + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    private static void mapping(JsonNode node, String source, String path) {
        if (!node.isObject()) {
            throw new ProvisioningException(source + ": " + path + ": expected a mapping");
        }
    }

    private static String text(JsonNode node, String source, String path) {
        if (!node.isTextual()) {
            throw new ProvisioningException(source + ": " + path + ": expected a string, got " + node);
        }
        return node.textValue();
    }
}
