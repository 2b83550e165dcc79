package io.altokit.app;

import io.altokit.app.config.ConfigNode;
import io.altokit.app.config.NearestKey;
import io.altokit.core.IpPrefix;
import io.altokit.model.AddressText;
import io.altokit.model.IpBits;
import io.altokit.model.PidNames;
import io.altokit.provision.bgp.BgpConfig;
import io.altokit.provision.bgp.PidRule;
import io.altokit.provision.bgp.PidRules;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code bgp:} section (docs/bgp.md) read into a {@link BgpConfig}, and the route-to-PID rules it
 * shares with {@code mrt:}.
 */
final class BgpSettings {
    private static final Set<String> KEYS = Set.of("listen", "local-as", "router-id", "hold-time", "grace-period",
            "debounce", "peers", "rules", "default-pid");
    private static final Set<String> PEER_KEYS = Set.of("address", "remote-as");
    private static final Set<String> CONDITIONS = Set.of("community", "large-community", "origin-as", "next-hop");
    private static final Set<String> PER_VALUE_KEYS = Set.of("per", "pid-prefix", "asn");
    private static final Set<String> PER_KINDS = Set.of("neighbor-as", "origin-as", "next-hop", "community");
    /** The longest value a per-value rule appends to its prefix: an IPv6 next hop in text. */
    private static final int LONGEST_VALUE = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff".length();
    private static final long MAX_AS = 0xFFFF_FFFFL;

    private BgpSettings() {
    }

    /** Reads the section; routes no rule matches join {@code fallbackPid} unless {@code bgp.default-pid} says otherwise. */
    static BgpConfig read(ConfigNode bgp, String fallbackPid) {
        bgp.mapping(KEYS);
        InetSocketAddress listen = ListenAddress.read(bgp.required("listen"));
        long localAs = asNumber(bgp.required("local-as"));
        Inet4Address routerId = bgp.get("router-id").map(BgpSettings::ipv4).orElseGet(() -> {
            if (listen.getAddress() instanceof Inet4Address address && !address.isAnyLocalAddress()) {
                return address;
            }
            throw bgp.error("router-id", "required when bgp.listen is not a specific IPv4 address");
        });
        int holdTime = bgp.integer("hold-time", 0, 65535).orElse(BgpConfig.DEFAULT_HOLD_TIME_SECONDS);
        if (holdTime == 1 || holdTime == 2) {
            throw bgp.error("hold-time", "must be 0 (no keepalives) or at least 3 seconds (RFC 4271 4.2)");
        }
        Duration grace = bgp.duration("grace-period", Duration.ZERO, Duration.ofDays(1)).orElse(BgpConfig.DEFAULT_GRACE_PERIOD);
        Duration debounce = bgp.duration("debounce", Duration.ZERO, Duration.ofSeconds(10)).orElse(BgpConfig.DEFAULT_DEBOUNCE);
        List<BgpConfig.Peer> peers = peers(bgp.required("peers"));
        return new BgpConfig(listen, localAs, routerId, holdTime, grace, debounce, peers, rules(bgp, fallbackPid));
    }

    /** The {@code rules} and {@code default-pid} of {@code section} ({@code bgp} or {@code mrt}). */
    static PidRules rules(ConfigNode section, String fallbackPid) {
        List<PidRule> rules = new ArrayList<>();
        section.get("rules").ifPresent(list -> list.list().forEach(rule -> rules.add(rule(rule))));
        return new PidRules(rules, section.get("default-pid").map(BgpSettings::pid).orElse(fallbackPid));
    }

    static InetAddress address(ConfigNode node) {
        try {
            return IpBits.toInetAddress(AddressText.parse(node.text()));
        } catch (IllegalArgumentException e) {
            throw node.error("not an IP address: " + e.getMessage());
        }
    }

    static String pid(ConfigNode node) {
        String pid = node.text();
        if (!PidNames.isValid(pid)) {
            throw node.error("invalid PID name \"" + pid + "\": use " + PidNames.RULE);
        }
        return pid;
    }

    private static List<BgpConfig.Peer> peers(ConfigNode node) {
        List<ConfigNode> list = node.list();
        if (list.isEmpty()) {
            throw node.error("expected a non-empty list of { address, remote-as }");
        }
        List<BgpConfig.Peer> peers = new ArrayList<>();
        Set<InetAddress> seen = new HashSet<>();
        for (ConfigNode peer : list) {
            peer.mapping(PEER_KEYS);
            InetAddress address = address(peer.required("address"));
            if (!seen.add(address)) {
                throw peer.error("address", AddressText.of(address) + " is listed twice");
            }
            peers.add(new BgpConfig.Peer(address, asNumber(peer.required("remote-as"))));
        }
        return peers;
    }

    private static PidRule rule(ConfigNode node) {
        if (node.has("per")) {
            return perValue(node.mapping(PER_VALUE_KEYS));
        }
        List<String> conditions = node.entries().keySet().stream().filter(key -> !key.equals("pid")).toList();
        for (String key : conditions) {
            if (!CONDITIONS.contains(key)) {
                Set<String> known = new HashSet<>(CONDITIONS);
                known.addAll(Set.of("pid", "per"));
                throw node.unknownKey(key, known);
            }
        }
        String pid = pid(node.required("pid"));
        if (conditions.size() != 1) {
            throw node.error("expected exactly one of community, large-community, origin-as, next-hop besides pid, got "
                    + conditions);
        }
        ConfigNode value = node.required(conditions.getFirst());
        return switch (conditions.getFirst()) {
            case "community" -> {
                long[] parts = numbers(value, 2, 0xFFFF);
                yield new PidRule.Community((int) parts[0], (int) parts[1], pid);
            }
            case "large-community" -> {
                long[] parts = numbers(value, 3, MAX_AS);
                yield new PidRule.LargeCommunity(parts[0], parts[1], parts[2], pid);
            }
            case "origin-as" -> new PidRule.OriginAs(asNumber(value), pid);
            default -> {
                try {
                    yield new PidRule.NextHop(IpPrefix.parse(value.text()), pid);
                } catch (IllegalArgumentException e) {
                    throw value.error(e.getMessage());
                }
            }
        };
    }

    /**
     * {@code { per: neighbor-as | origin-as | next-hop | community, pid-prefix: as }}: a PID per value,
     * named by the prefix and the value ({@code as64500}); {@code community} takes the {@code asn} whose
     * community values count.
     */
    private static PidRule perValue(ConfigNode node) {
        ConfigNode per = node.required("per");
        String kind = per.text();
        if (!PER_KINDS.contains(kind)) {
            throw per.error("expected one of " + String.join(", ", PER_KINDS.stream().sorted().toList()) + ", got \""
                    + kind + "\"" + NearestKey.suggestion(kind, PER_KINDS));
        }
        ConfigNode prefixNode = node.required("pid-prefix");
        String prefix = prefixNode.text();
        if (!PidNames.isValid(prefix + "0".repeat(LONGEST_VALUE))) {
            throw prefixNode.error("\"" + prefix + "\" followed by a value must make a valid PID name: use " + PidNames.RULE
                    + ", at most " + (64 - LONGEST_VALUE) + " characters before the value");
        }
        if (node.has("asn") != kind.equals("community")) {
            throw node.error("asn", kind.equals("community") ? "missing: per community needs the AS of the communities"
                    : "only per community takes an asn");
        }
        return switch (kind) {
            case "neighbor-as" -> new PidRule.PerNeighborAs(prefix);
            case "origin-as" -> new PidRule.PerOriginAs(prefix);
            case "next-hop" -> new PidRule.PerNextHop(prefix);
            default -> new PidRule.PerCommunity((int) node.required("asn").integer(0, 0xFFFF), prefix);
        };
    }

    /** An AS number, written as a number or a string. */
    private static long asNumber(ConfigNode node) {
        String text = node.scalar();
        try {
            long asn = Long.parseLong(text);
            if (asn >= 1 && asn <= MAX_AS) {
                return asn;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw node.error("expected an AS number from 1 to " + MAX_AS + ", got " + node.describe());
    }

    private static Inet4Address ipv4(ConfigNode node) {
        if (address(node) instanceof Inet4Address address && !address.isAnyLocalAddress()) {
            return address;
        }
        throw node.error("expected a non-zero IPv4 address (the BGP identifier), got " + node.describe());
    }

    /** "65000:101" or "65000:1:102": {@code count} colon-separated numbers, each at most {@code max}. */
    private static long[] numbers(ConfigNode node, int count, long max) {
        String text = node.scalar();
        String[] parts = text.split(":", -1);
        long[] numbers = new long[parts.length];
        boolean valid = parts.length == count;
        for (int i = 0; valid && i < parts.length; i++) {
            try {
                numbers[i] = Long.parseLong(parts[i]);
                valid = numbers[i] >= 0 && numbers[i] <= max && !parts[i].startsWith("+");
            } catch (NumberFormatException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw node.error("expected " + count + " colon-separated numbers from 0 to " + max + ", got \"" + text + "\"");
        }
        return numbers;
    }
}
