package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.provision.ProvisioningException;
import io.altokit.server.privacy.CostDisclosure;
import io.altokit.server.privacy.PrivacyPolicy;
import io.altokit.server.protection.PrivacyPolicies;
import io.altokit.server.protection.budget.EndpointBudget;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optional {@code privacy:} section (docs/security.md, "Privacy and anti-inference"): the
 * default policy for every client, per-client overrides under {@code clients:} (each inherits what
 * it does not set from the default), and the distinct-endpoint budget.
 */
record PrivacySettings(PrivacyPolicies policies, Optional<EndpointBudget> budget) {
    private static final String SECTION = "privacy";
    private static final Set<String> POLICY_KEYS = Set.of("mode", "levels", "endpoint-cost", "aggregate-prefixes");
    private static final Set<String> SECTION_KEYS = Set.of("mode", "levels", "endpoint-cost", "aggregate-prefixes",
            "clients", "endpoint-budget");
    private static final Set<String> BUDGET_KEYS = Set.of("distinct-endpoints", "window", "max-callers");
    private static final int MAX_LEVELS = 1000;
    /** "90s", "30m", "1h", "1d"; ISO-8601 ("PT1H") is accepted too. */
    private static final Pattern SHORT_DURATION = Pattern.compile("([1-9][0-9]{0,8})([smhd])");

    static PrivacySettings read(JsonNode root, String source) {
        JsonNode section = root.path(SECTION);
        if (section.isMissingNode() || section.isNull()) {
            return new PrivacySettings(PrivacyPolicies.none(), Optional.empty());
        }
        Reader reader = new Reader(source);
        reader.mapping(section, SECTION, SECTION_KEYS);
        PrivacyPolicy defaultPolicy = reader.policy(section, SECTION, PrivacyPolicy.FULL);
        Map<String, PrivacyPolicy> byClient = new LinkedHashMap<>();
        JsonNode clients = section.path("clients");
        if (!clients.isMissingNode()) {
            reader.mapping(clients, SECTION + ".clients", null);
            for (Map.Entry<String, JsonNode> client : clients.properties()) {
                String path = SECTION + ".clients." + client.getKey();
                reader.mapping(client.getValue(), path, POLICY_KEYS);
                byClient.put(client.getKey(), reader.policy(client.getValue(), path, defaultPolicy));
            }
        }
        JsonNode budget = section.path("endpoint-budget");
        return new PrivacySettings(new PrivacyPolicies(defaultPolicy, byClient),
                budget.isMissingNode() ? Optional.empty() : Optional.of(new EndpointBudget(reader.budget(budget))));
    }

    /** Reads values with errors naming the file and the key. */
    private record Reader(String source) {

        PrivacyPolicy policy(JsonNode node, String path, PrivacyPolicy inherited) {
            CostDisclosure costs = costs(node, path, inherited.costs());
            return new PrivacyPolicy(costs,
                    bool(node, path, "endpoint-cost", inherited.endpointCost()),
                    bool(node, path, "aggregate-prefixes", inherited.aggregatePrefixes()));
        }

        private CostDisclosure costs(JsonNode node, String path, CostDisclosure inherited) {
            JsonNode mode = node.path("mode");
            JsonNode levels = node.path("levels");
            if (mode.isMissingNode()) {
                if (!levels.isMissingNode()) {
                    throw error(path + ".levels", "only goes with mode: quantised");
                }
                return inherited;
            }
            if (!mode.isTextual()) {
                throw error(path + ".mode", "expected numerical, ordinal-only or quantised, got " + mode);
            }
            return switch (mode.textValue()) {
                case "numerical", "ordinal-only" -> {
                    if (!levels.isMissingNode()) {
                        throw error(path + ".levels", "only goes with mode: quantised, not " + mode.textValue());
                    }
                    yield mode.textValue().equals("numerical") ? new CostDisclosure.Full() : new CostDisclosure.OrdinalOnly();
                }
                case "quantised", "quantized" -> {
                    if (levels.isMissingNode()) {
                        throw error(path + ".levels", "mode: quantised needs the number of levels (2.." + MAX_LEVELS + ")");
                    }
                    yield new CostDisclosure.Quantised(integer(levels, path + ".levels", 2, MAX_LEVELS));
                }
                default -> throw error(path + ".mode",
                        "unknown mode \"" + mode.textValue() + "\" (expected numerical, ordinal-only or quantised)");
            };
        }

        EndpointBudget.Settings budget(JsonNode node) {
            String path = SECTION + ".endpoint-budget";
            mapping(node, path, BUDGET_KEYS);
            if (!node.has("distinct-endpoints") || !node.has("window")) {
                throw error(path, "needs distinct-endpoints and window, e.g. { distinct-endpoints: 1000, window: 1h }");
            }
            int distinct = integer(node.get("distinct-endpoints"), path + ".distinct-endpoints", 1, Integer.MAX_VALUE);
            Duration window = duration(node.get("window"), path + ".window");
            int maxCallers = node.has("max-callers")
                    ? integer(node.get("max-callers"), path + ".max-callers", 1, Integer.MAX_VALUE)
                    : EndpointBudget.Settings.DEFAULT_MAX_CALLERS;
            return new EndpointBudget.Settings(distinct, window, maxCallers);
        }

        /** @param keys the keys allowed, or null for any (client names) */
        void mapping(JsonNode node, String path, Set<String> keys) {
            if (!node.isObject()) {
                throw error(path, "expected a mapping, got " + node);
            }
            if (keys == null) {
                return;
            }
            for (String key : (Iterable<String>) () -> node.fieldNames()) {
                if (!keys.contains(key)) {
                    throw error(path + "." + key, "unknown setting (known: "
                            + String.join(", ", keys.stream().sorted().toList()) + ")");
                }
            }
        }

        private boolean bool(JsonNode node, String path, String key, boolean inherited) {
            JsonNode value = node.path(key);
            if (value.isMissingNode()) {
                return inherited;
            }
            if (!value.isBoolean()) {
                throw error(path + "." + key, "expected true or false, got " + value);
            }
            return value.booleanValue();
        }

        private int integer(JsonNode value, String path, int min, int max) {
            if (!value.isInt() || value.intValue() < min || value.intValue() > max) {
                throw error(path, "expected an integer " + min + ".." + (max == Integer.MAX_VALUE ? "" : max)
                        + ", got " + value);
            }
            return value.intValue();
        }

        private Duration duration(JsonNode value, String path) {
            String text = value.isTextual() ? value.textValue() : "";
            Matcher shorthand = SHORT_DURATION.matcher(text);
            Duration duration;
            if (shorthand.matches()) {
                long amount = Long.parseLong(shorthand.group(1));
                duration = switch (shorthand.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } else {
                try {
                    duration = Duration.parse(text);
                } catch (DateTimeParseException e) {
                    throw error(path, "expected a duration such as 90s, 30m, 1h, 1d or PT1H, got " + value);
                }
            }
            if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
                throw error(path, "must be at least 1 second, got " + value);
            }
            return duration;
        }

        private ProvisioningException error(String path, String message) {
            return new ProvisioningException(source + ": " + path + ": " + message);
        }
    }
}
