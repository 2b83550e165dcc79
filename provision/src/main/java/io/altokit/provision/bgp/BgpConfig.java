package io.altokit.provision.bgp;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.core.IpPrefix;
import io.altokit.model.AddressText;
import io.altokit.model.IpBits;
import io.altokit.model.PidNames;
import io.altokit.provision.ProvisioningException;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code bgp:} section of the network file: where the passive BGP listener accepts its peers'
 * sessions and how routes become PID assignments. See docs/bgp.md.
 */
public record BgpConfig(InetSocketAddress listen, long localAs, Inet4Address routerId, int holdTimeSeconds,
                        Duration gracePeriod, Duration debounce, List<Peer> peers, PidRules rules) {

    static final int DEFAULT_HOLD_TIME_SECONDS = 90;
    static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(120);
    static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(250);
    private static final long MAX_AS = 0xFFFF_FFFFL;

    /** A router allowed to open a session: its source address and the AS it must announce in OPEN. */
    public record Peer(InetAddress address, long remoteAs) {
    }

    public BgpConfig {
        peers = List.copyOf(peers);
    }

    /** The peer with this source address, if it is one. */
    public Optional<Peer> peer(InetAddress address) {
        return peers.stream().filter(peer -> peer.address().equals(address)).findFirst();
    }

    /**
     * Reads the section; {@code fallbackPid} is the network file's default PID, which routes no rule
     * matches join unless {@code bgp.default-pid} says otherwise. Errors name the file and the entry.
     */
    public static BgpConfig fromTree(JsonNode bgp, String source, String fallbackPid) {
        Reader reader = new Reader(source);
        reader.mapping(bgp, "bgp");
        InetSocketAddress listen = reader.socketAddress(reader.required(bgp, "bgp", "listen"), "bgp.listen");
        long localAs = reader.asNumber(reader.required(bgp, "bgp", "local-as"), "bgp.local-as");
        Inet4Address routerId = bgp.has("router-id")
                ? reader.ipv4(bgp.get("router-id"), "bgp.router-id")
                : defaultRouterId(listen, reader);
        int holdTime = bgp.has("hold-time") ? reader.integer(bgp.get("hold-time"), "bgp.hold-time", 0, 65535) : DEFAULT_HOLD_TIME_SECONDS;
        if (holdTime == 1 || holdTime == 2) {
            throw reader.error("bgp.hold-time", "must be 0 (no keepalives) or at least 3 seconds (RFC 4271 4.2)");
        }
        Duration grace = bgp.has("grace-period")
                ? Duration.ofSeconds(reader.integer(bgp.get("grace-period"), "bgp.grace-period", 0, 86_400))
                : DEFAULT_GRACE_PERIOD;
        Duration debounce = bgp.has("debounce-ms")
                ? Duration.ofMillis(reader.integer(bgp.get("debounce-ms"), "bgp.debounce-ms", 0, 10_000))
                : DEFAULT_DEBOUNCE;
        List<Peer> peers = reader.peers(reader.required(bgp, "bgp", "peers"));
        String defaultPid = bgp.has("default-pid") ? reader.pid(bgp.get("default-pid"), "bgp.default-pid") : fallbackPid;
        List<PidRule> rules = bgp.has("rules") ? reader.rules(bgp.get("rules"), "bgp.rules") : List.of();
        Set<String> known = new HashSet<>(List.of("listen", "local-as", "router-id", "hold-time", "grace-period",
                "debounce-ms", "peers", "rules", "default-pid"));
        for (Map.Entry<String, JsonNode> field : bgp.properties()) {
            if (!known.contains(field.getKey())) {
                throw reader.error("bgp." + field.getKey(), "unknown setting (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
        return new BgpConfig(listen, localAs, routerId, holdTime, grace, debounce, peers, new PidRules(rules, defaultPid));
    }

    /**
     * The {@code rules} and {@code default-pid} of another section that assigns routes to PIDs the
     * same way (an MRT dump's), with errors naming {@code section}.
     */
    static PidRules rules(JsonNode parent, String source, String section, String fallbackPid) {
        Reader reader = new Reader(source);
        List<PidRule> rules = parent.has("rules") ? reader.rules(parent.get("rules"), section + ".rules") : List.of();
        String defaultPid = parent.has("default-pid")
                ? reader.pid(parent.get("default-pid"), section + ".default-pid") : fallbackPid;
        return new PidRules(rules, defaultPid);
    }

    private static Inet4Address defaultRouterId(InetSocketAddress listen, Reader reader) {
        if (listen.getAddress() instanceof Inet4Address address && !address.isAnyLocalAddress()) {
            return address;
        }
        throw reader.error("bgp.router-id", "required when bgp.listen is not a specific IPv4 address");
    }

    /** Field readers with error messages in the network file's style ("file: bgp.peers[0].remote-as: ..."). */
    private record Reader(String source) {

        ProvisioningException error(String path, String problem) {
            return new ProvisioningException(source + ": " + path + ": " + problem);
        }

        void mapping(JsonNode node, String path) {
            if (!node.isObject()) {
                throw error(path, "expected a mapping");
            }
        }

        JsonNode required(JsonNode parent, String path, String field) {
            JsonNode value = parent.get(field);
            if (value == null || value.isNull()) {
                throw error(path + "." + field, "missing");
            }
            return value;
        }

        String text(JsonNode node, String path) {
            if (!node.isTextual() && !node.isNumber()) {
                throw error(path, "expected a string, got " + node);
            }
            return node.asText();
        }

        int integer(JsonNode node, String path, int min, int max) {
            if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
                throw error(path, "expected a whole number from " + min + " to " + max + ", got " + node);
            }
            return node.asInt();
        }

        long asNumber(JsonNode node, String path) {
            String text = text(node, path);
            try {
                long asn = Long.parseLong(text);
                if (asn >= 1 && asn <= MAX_AS) {
                    return asn;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error(path, "expected an AS number from 1 to " + MAX_AS + ", got " + node);
        }

        InetAddress address(JsonNode node, String path) {
            String text = text(node, path);
            try {
                return IpBits.toInetAddress(AddressText.parse(text));
            } catch (IllegalArgumentException e) {
                throw error(path, "not an IP address: " + e.getMessage());
            }
        }

        Inet4Address ipv4(JsonNode node, String path) {
            if (address(node, path) instanceof Inet4Address address && !address.isAnyLocalAddress()) {
                return address;
            }
            throw error(path, "expected a non-zero IPv4 address (the BGP identifier), got " + node);
        }

        InetSocketAddress socketAddress(JsonNode node, String path) {
            String text = text(node, path);
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw error(path, "expected ADDRESS:PORT, e.g. \"127.0.0.1:1179\" or \"[::1]:1179\", got \"" + text + "\"");
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                throw error(path, "port \"" + text.substring(colon + 1) + "\" is not a number from 0 to 65535");
            }
            try {
                return new InetSocketAddress(IpBits.toInetAddress(AddressText.parse(host)), port);
            } catch (IllegalArgumentException e) {
                throw error(path, "not an IP address: " + e.getMessage());
            }
        }

        String pid(JsonNode node, String path) {
            String pid = text(node, path);
            if (!PidNames.isValid(pid)) {
                throw error(path, "invalid PID name \"" + pid + "\": use " + PidNames.RULE);
            }
            return pid;
        }

        List<Peer> peers(JsonNode node) {
            if (!node.isArray() || node.isEmpty()) {
                throw error("bgp.peers", "expected a non-empty list of { address, remote-as }");
            }
            List<Peer> peers = new ArrayList<>();
            Set<InetAddress> seen = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                String path = "bgp.peers[" + i + "]";
                JsonNode peer = node.get(i);
                mapping(peer, path);
                InetAddress address = address(required(peer, path, "address"), path + ".address");
                if (!seen.add(address)) {
                    throw error(path + ".address", AddressText.of(address) + " is listed twice");
                }
                peers.add(new Peer(address, asNumber(required(peer, path, "remote-as"), path + ".remote-as")));
            }
            return peers;
        }

        List<PidRule> rules(JsonNode node, String path) {
            if (!node.isArray()) {
                throw error(path, "expected a list of rules");
            }
            List<PidRule> rules = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                rules.add(rule(node.get(i), path + "[" + i + "]"));
            }
            return rules;
        }

        private PidRule rule(JsonNode node, String path) {
            mapping(node, path);
            String pid = pid(required(node, path, "pid"), path + ".pid");
            List<String> conditions = new ArrayList<>();
            node.fieldNames().forEachRemaining(field -> {
                if (!field.equals("pid")) {
                    conditions.add(field);
                }
            });
            if (conditions.size() != 1) {
                throw error(path, "expected exactly one of community, large-community, origin-as, next-hop besides pid, got "
                        + conditions);
            }
            String condition = conditions.getFirst();
            String conditionPath = path + "." + condition;
            JsonNode value = node.get(condition);
            return switch (condition) {
                case "community" -> {
                    long[] parts = numbers(value, conditionPath, 2, 0xFFFF);
                    yield new PidRule.Community((int) parts[0], (int) parts[1], pid);
                }
                case "large-community" -> {
                    long[] parts = numbers(value, conditionPath, 3, MAX_AS);
                    yield new PidRule.LargeCommunity(parts[0], parts[1], parts[2], pid);
                }
                case "origin-as" -> new PidRule.OriginAs(asNumber(value, conditionPath), pid);
                case "next-hop" -> {
                    try {
                        yield new PidRule.NextHop(IpPrefix.parse(text(value, conditionPath)), pid);
                    } catch (IllegalArgumentException e) {
                        throw error(conditionPath, e.getMessage());
                    }
                }
                default -> throw error(conditionPath, "unknown condition (expected community, large-community, origin-as or next-hop)");
            };
        }

        /** "65000:101" or "65000:1:102": {@code count} colon-separated numbers, each at most {@code max}. */
        private long[] numbers(JsonNode node, String path, int count, long max) {
            String text = text(node, path);
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
                throw error(path, "expected " + count + " colon-separated numbers from 0 to " + max + ", got \"" + text + "\"");
            }
            return numbers;
        }
    }
}
