package io.altokit.app;

import io.altokit.app.config.ConfigNode;
import io.altokit.server.protection.Guard;
import io.altokit.server.protection.ratelimit.Rate;
import io.altokit.server.protection.ratelimit.RateLimit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code rate-limit:} section (docs/security.md, "Rate limiting"): a token bucket per caller,
 * with optional rates for named clients.
 */
final class RateLimitSettings {
    private static final Set<String> KEYS = Set.of("requests-per-second", "burst", "max-tracked-callers", "clients");
    private static final Set<String> RATE_KEYS = Set.of("requests-per-second", "burst");
    private static final long MAX_TRACKED_CALLERS = 100_000;

    private RateLimitSettings() {
    }

    static Optional<Guard> read(ConfigNode root) {
        return root.section("rate-limit", KEYS).map(section -> new RateLimit(rate(section),
                clientRates(section), section.positive("max-tracked-callers").orElse(MAX_TRACKED_CALLERS)));
    }

    /** {@code clients: { app1: { requests-per-second: 1000 } }}: rates by client name. */
    private static Map<String, Rate> clientRates(ConfigNode section) {
        Map<String, Rate> rates = new LinkedHashMap<>();
        section.get("clients").ifPresent(clients -> {
            if (!clients.isMapping()) {
                throw clients.error("expected a mapping from client name to rate");
            }
            clients.entries().forEach((name, client) -> rates.put(name, rate(client.mapping(RATE_KEYS))));
        });
        return rates;
    }

    private static Rate rate(ConfigNode section) {
        long perSecond = section.positive("requests-per-second").orElseThrow(() ->
                section.error("requests-per-second", "missing"));
        try {
            return new Rate(perSecond, section.positive("burst").orElse(perSecond));
        } catch (IllegalArgumentException e) {
            throw section.error(e.getMessage());
        }
    }
}
