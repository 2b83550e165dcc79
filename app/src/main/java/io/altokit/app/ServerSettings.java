package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.provision.ProvisioningException;
import io.altokit.server.ServerConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Binds the optional {@code server:} section of the YAML file onto {@link ServerConfig} defaults. */
final class ServerSettings {
    private static final Set<String> KEYS = Set.of("bind", "port", "io-threads", "max-request-bytes",
            "max-endpoints-per-request", "network-map-id", "access-log", "state-file", "max-concurrent-requests",
            "worker-threads", "adaptive-concurrency", "request-timeout");

    private ServerSettings() {
    }

    static ServerConfig read(JsonNode root, String source) {
        ServerConfig defaults = ServerConfig.defaults();
        JsonNode section = root.path("server");
        if (section.isMissingNode()) {
            return defaults;
        }
        if (!section.isObject()) {
            throw new ProvisioningException(source + ": server: expected a mapping");
        }
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            if (!KEYS.contains(entry.getKey())) {
                throw new ProvisioningException(source + ": server." + entry.getKey() + ": unknown setting (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        try {
            return new ServerConfig(
                    text(section, "bind", defaults.bindAddress(), source),
                    integer(section, "port", defaults.port(), source),
                    integer(section, "io-threads", defaults.ioThreads(), source),
                    integer(section, "max-request-bytes", defaults.maxRequestBytes(), source),
                    integer(section, "max-endpoints-per-request", defaults.maxEndpointsPerRequest(), source),
                    text(section, "network-map-id", defaults.networkMapId(), source),
                    bool(section, "access-log", defaults.accessLog(), source),
                    integer(section, "max-concurrent-requests", defaults.maxConcurrentRequests(), source),
                    integer(section, "worker-threads", defaults.workerThreads(), source),
                    bool(section, "adaptive-concurrency", defaults.adaptiveConcurrency(), source))
                    .withRequestTimeout(seconds(section, "request-timeout", defaults.requestTimeout(), source));
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(source + ": server: " + e.getMessage(), e);
        }
    }

    /** {@code server.state-file}, relative to the network file's directory. */
    static Optional<Path> stateFile(JsonNode root, Path configFile) {
        String file = text(root.path("server"), "state-file", null, configFile.toString());
        Path directory = configFile.toAbsolutePath().getParent();
        return Optional.ofNullable(file).map(directory::resolve);
    }

    private static String text(JsonNode section, String key, String fallback, String source) {
        JsonNode value = section.path(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new ProvisioningException(source + ": server." + key + ": expected a string, got " + value);
        }
        return value.textValue();
    }

    private static int integer(JsonNode section, String key, int fallback, String source) {
        JsonNode value = section.path(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isInt()) {
            throw new ProvisioningException(source + ": server." + key + ": expected an integer, got " + value);
        }
        return value.intValue();
    }

    /** A duration given in seconds, fractions allowed ({@code 0.5} = 500 ms). */
    private static Duration seconds(JsonNode section, String key, Duration fallback, String source) {
        JsonNode value = section.path(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isNumber() || value.doubleValue() < 0.001 || value.doubleValue() > 3600) {
            throw new ProvisioningException(source + ": server." + key + ": expected seconds from 0.001 to 3600, got " + value);
        }
        return Duration.ofMillis(Math.round(value.doubleValue() * 1000));
    }

    private static boolean bool(JsonNode section, String key, boolean fallback, String source) {
        JsonNode value = section.path(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new ProvisioningException(source + ": server." + key + ": expected true or false, got " + value);
        }
        return value.booleanValue();
    }
}
