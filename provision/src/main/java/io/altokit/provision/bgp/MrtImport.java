package io.altokit.provision.bgp;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.core.Snapshot;
import io.altokit.model.AddressText;
import io.altokit.model.IpBits;
import io.altokit.provision.ProvisioningException;
import io.altokit.provision.bgp.message.Prefix;
import io.altokit.provision.mrt.MrtReader;
import io.altokit.provision.mrt.MrtStats;
import io.altokit.provision.mrt.RibEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code mrt:} section of the network file: prefixes from an MRT RIB dump (RFC 6396
 * TABLE_DUMP_V2, as {@code bgpdump} and BIRD write them), assigned to PIDs by the same rules as a
 * live BGP feed, for operators who provision offline. Malformed records are skipped and counted.
 */
public final class MrtImport {
    private static final Logger LOG = LoggerFactory.getLogger(MrtImport.class);
    private static final Set<String> KEYS = Set.of("file", "peer", "rules", "default-pid");

    private MrtImport() {
    }

    /** The dump a section names, resolved against the network file's directory. */
    public static Optional<Path> file(JsonNode root, Path directory) {
        JsonNode file = root.path("mrt").path("file");
        return file.isTextual() ? Optional.of(directory.resolve(file.textValue())) : Optional.empty();
    }

    /**
     * Adds each dumped prefix to the PID the rules give its first entry (or, with {@code peer}, that
     * peer's entry); prefixes in {@code taken}, the ones the file lists itself, are left alone.
     *
     * @return how many prefixes were added
     */
    public static int addTo(Snapshot.Builder builder, JsonNode root, String source, Path directory, String fallbackPid,
                            Set<RouteKey> taken) {
        JsonNode section = root.get("mrt");
        if (!section.isObject()) {
            throw new ProvisioningException(source + ": mrt: expected a mapping with at least a file");
        }
        if (root.has("bgp")) {
            throw new ProvisioningException(source + ": mrt: a network takes its routes from bgp or from mrt, not both");
        }
        section.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new ProvisioningException(source + ": mrt." + key + ": unknown setting (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        });
        Path file = file(root, directory).orElseThrow(() ->
                new ProvisioningException(source + ": mrt.file: expected the name of an MRT RIB dump"));
        Optional<InetAddress> peer = section.has("peer") ? Optional.of(peer(section.get("peer"), source)) : Optional.empty();
        PidRules rules = BgpConfig.rules(section, source, "mrt", fallbackPid);
        rules.pids().forEach(pid -> builder.pid(pid, List.of()));
        long started = System.nanoTime();
        Set<RouteKey> seen = new HashSet<>(taken);
        int added = 0;
        MrtStats stats;
        try (MrtReader reader = MrtReader.open(file)) {
            for (Optional<RibEntry> next = reader.next(); next.isPresent(); next = reader.next()) {
                RibEntry entry = next.get();
                if (peer.isPresent() && !peer.get().equals(entry.peer().address())) {
                    continue;
                }
                Prefix prefix = entry.prefix();
                if (seen.add(new RouteKey(prefix.family(), prefix.high(), prefix.low(), prefix.length()))) {
                    builder.prefix(rules.pidFor(new UpdateRoute(entry.attributes())), prefix.family(), prefix.high(),
                            prefix.low(), prefix.length());
                    added++;
                }
            }
            stats = reader.stats();
        } catch (NoSuchFileException e) {
            throw new ProvisioningException(source + ": mrt.file: " + file + ": no such file");
        } catch (IOException e) {
            throw new ProvisioningException(source + ": mrt.file: " + file + ": cannot read: " + e.getMessage(), e);
        }
        LOG.atInfo().addKeyValue("file", file.toString()).addKeyValue("entries", stats.entries())
                .addKeyValue("prefixes", added).addKeyValue("skipped", stats.totalSkipped())
                .addKeyValue("skipped_by_reason", stats.skipped().toString())
                .addKeyValue("millis", (System.nanoTime() - started) / 1_000_000)
                .log("read the MRT RIB dump");
        return added;
    }

    private static InetAddress peer(JsonNode node, String source) {
        try {
            return IpBits.toInetAddress(AddressText.parse(node.asText()));
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(source + ": mrt.peer: not an IP address: " + e.getMessage());
        }
    }
}
