package io.altokit.provision.bgp;

import io.altokit.core.PrefixKey;
import io.altokit.core.Snapshot;
import io.altokit.model.AddressText;
import io.altokit.provision.ProvisioningException;
import io.altokit.provision.mrt.MrtReader;
import io.altokit.provision.mrt.MrtRoute;
import io.altokit.provision.mrt.MrtStats;
import io.altokit.provision.mrt.MrtStats.Skip;
import io.altokit.provision.mrt.RibEntry;
import io.altokit.provision.mrt.Withdrawal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code mrt:} section of the network file: prefixes from an MRT file (RFC 6396: a TABLE_DUMP_V2 or
 * TABLE_DUMP RIB dump, or BGP4MP updates applied in order), assigned to PIDs by the same rules as a live
 * BGP feed, for operators who provision offline. Malformed records are skipped, counted and logged in one
 * WARN; a file that is no MRT, is truncated, or yields no route stops the load with one line saying why.
 */
public final class MrtImport {
    private static final Logger LOG = LoggerFactory.getLogger(MrtImport.class);

    private MrtImport() {
    }

    /**
     * Adds each prefix some peer (or, with {@code peer}, that peer) holds at the end of the file to the
     * PID the rules give the earliest such peer's route; prefixes in {@code taken}, the ones the network
     * file lists itself, are left alone.
     *
     * @return how many prefixes were added
     */
    public static int addTo(Snapshot.Builder builder, MrtConfig config, String source, Set<PrefixKey> taken) {
        Path file = config.file();
        Optional<InetAddress> peer = config.peer();
        PidRules rules = config.rules();
        rules.pids().forEach(pid -> builder.pid(pid, List.of()));
        long started = System.nanoTime();
        String where = source + ": mrt.file: " + file;
        Routes routes = read(file, where, peer, rules, taken);
        List<String> pids = routes.pids();
        MrtStats stats = routes.stats();
        unusable(stats).ifPresent(reason -> {
            throw new ProvisioningException(where + ": " + reason);
        });
        if (peer.isPresent() && !routes.peers().contains(peer.get())) {
            throw new ProvisioningException(source + ": mrt.peer: " + AddressText.of(peer.get()) + " has no routes in "
                    + file + (routes.peers().isEmpty() ? "" : "; it has routes from " + listed(routes.peers())));
        }
        MrtRib rib = routes.rib();
        rib.forEach((key, pid) -> builder.prefix(pids.get(pid), key.family(), key.high(), key.low(), key.length()));
        (stats.totalSkipped() > 0 ? LOG.atWarn() : LOG.atInfo())
                .addKeyValue("file", file.toString()).addKeyValue("routes", stats.entries())
                .addKeyValue("prefixes", rib.size()).addKeyValue("records", stats.records())
                .addKeyValue("skipped", stats.totalSkipped()).addKeyValue("skipped_by_reason", stats.skipped().toString())
                .addKeyValue("millis", (System.nanoTime() - started) / 1_000_000)
                .log(stats.totalSkipped() > 0 ? "read the MRT file, skipping what could not be used" : "read the MRT file");
        return rib.size();
    }

    /**
     * What reading a file gave: the routes held at its end (with indexes into {@code pids}, the PIDs the
     * rules gave them), every peer that had a route, and the reader's counts.
     */
    private record Routes(MrtRib rib, List<String> pids, Set<InetAddress> peers, MrtStats stats) {
    }

    /** Applies the file's routes (only {@code peer}'s, if given; none to {@code taken} prefixes) in order. */
    private static Routes read(Path file, String where, Optional<InetAddress> peer, PidRules rules, Set<PrefixKey> taken) {
        // Per-value rules name PIDs as routes arrive, so the index grows while reading.
        List<String> pids = new ArrayList<>();
        Map<String, Integer> pidIndex = new HashMap<>();
        Function<String, Integer> index = pid -> pidIndex.computeIfAbsent(pid, name -> {
            pids.add(name);
            return pids.size() - 1;
        });
        MrtRib rib = new MrtRib();
        Set<InetAddress> peers = new LinkedHashSet<>();
        try (MrtReader reader = MrtReader.open(file)) {
            for (Optional<MrtRoute> next = reader.next(); next.isPresent(); next = reader.next()) {
                MrtRoute route = next.get();
                peers.add(route.peer().address());
                PrefixKey key = route.prefix();
                if (peer.isPresent() && !peer.get().equals(route.peer().address()) || taken.contains(key)) {
                    continue;
                }
                switch (route) {
                    case RibEntry entry -> rib.announce(key, entry.peer(), entry.pathId(), index.apply(rules.pidFor(new UpdateRoute(entry.attributes()))));
                    case Withdrawal withdrawal -> rib.withdraw(key, withdrawal.peer());
                }
            }
            return new Routes(rib, pids, peers, reader.stats());
        } catch (IllegalStateException e) {
            throw new ProvisioningException(where + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new ProvisioningException(where + ": no such file");
        } catch (IOException e) {
            throw new ProvisioningException(where + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Why nothing from the file can be trusted, if so: it is no MRT, ends early, or holds no route at all. */
    private static Optional<String> unusable(MrtStats stats) {
        if (stats.skipped(Skip.NOT_MRT) > 0) {
            return Optional.of("not an MRT file (it does not start with the header of an MRT record; "
                    + "TABLE_DUMP, TABLE_DUMP_V2 and BGP4MP files load, plain, gzip or bzip2)");
        }
        if (stats.skipped(Skip.TRUNCATED) > 0) {
            return Optional.of(String.format(Locale.ROOT, "truncated or damaged after %,d complete records (%s)",
                    stats.records(), holds(stats)));
        }
        if (stats.records() == 0) {
            return Optional.of("the file is empty");
        }
        if (stats.entries() == 0) {
            return Optional.of(String.format(Locale.ROOT, "0 of %,d records usable: %s", stats.records(), holds(stats)));
        }
        return Optional.empty();
    }

    /** "BGP4MP STATE_CHANGE only", or each kind with its count, then what was skipped. */
    private static String holds(MrtStats stats) {
        Map<String, Long> kinds = stats.kinds();
        String text = kinds.isEmpty() ? "no record"
                : kinds.size() == 1 ? kinds.keySet().iterator().next() + " only"
                : kinds.entrySet().stream().map(k -> String.format(Locale.ROOT, "%s (%,d)", k.getKey(), k.getValue()))
                        .collect(Collectors.joining(", "));
        String skipped = stats.skipped().entrySet().stream().filter(s -> s.getKey() != Skip.TRUNCATED)
                .map(s -> String.format(Locale.ROOT, "%,d %s", s.getValue(), s.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ')))
                .collect(Collectors.joining(", "));
        return skipped.isEmpty() ? text : text + "; skipped: " + skipped;
    }

    private static String listed(Set<InetAddress> peers) {
        int shown = 10;
        String first = peers.stream().limit(shown).map(AddressText::of).collect(Collectors.joining(", "));
        return peers.size() > shown ? first + " and " + (peers.size() - shown) + " more" : first;
    }
}
