package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.provision.ProvisioningException;
import io.altokit.server.ServerTls;
import io.altokit.server.TlsConfig;
import io.altokit.server.TlsEngine;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The optional {@code tls:} section of the YAML file (docs/security.md, "TLS and mutual TLS"):
 * {@code certificate} and {@code private-key} (PEM) turn on HTTPS, {@code client-ca} requires client
 * certificates issued by that CA, {@code allow-plain-http: true} keeps answering plain HTTP on the same
 * port, {@code engine: jdk} serves TLS with the JDK's implementation instead of BoringSSL. Files are
 * relative to the network file's directory and are loaded here, so that a bad one stops the server
 * before it listens.
 */
final class TlsSettings {
    private static final Set<String> KEYS = Set.of("certificate", "private-key", "client-ca", "allow-plain-http", "engine");

    private TlsSettings() {
    }

    static Optional<TlsConfig> read(JsonNode root, Path configFile) {
        JsonNode section = root.path("tls");
        if (section.isMissingNode()) {
            return Optional.empty();
        }
        String source = configFile.toString();
        if (!section.isObject()) {
            throw new ProvisioningException(source + ": tls: expected a mapping with certificate and private-key");
        }
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            if (!KEYS.contains(entry.getKey())) {
                throw new ProvisioningException(source + ": tls." + entry.getKey() + ": unknown setting (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        Path directory = configFile.toAbsolutePath().getParent();
        Path certificate = directory.resolve(file(section, "certificate", source)
                .orElseThrow(() -> new ProvisioningException(source + ": tls.certificate: required (a PEM certificate chain)")));
        Path key = directory.resolve(file(section, "private-key", source)
                .orElseThrow(() -> new ProvisioningException(source + ": tls.private-key: required (a PKCS#8 PEM key)")));
        Optional<Path> clientCa = file(section, "client-ca", source).map(directory::resolve);
        JsonNode plain = section.path("allow-plain-http");
        if (!plain.isMissingNode() && !plain.isBoolean()) {
            throw new ProvisioningException(source + ": tls.allow-plain-http: expected true or false, got " + plain);
        }
        TlsConfig config = new TlsConfig(certificate, key, clientCa, plain.asBoolean(false), engine(section, source));
        try {
            ServerTls.check(config);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(source + ": " + e.getMessage(), e);
        }
        return Optional.of(config);
    }

    private static TlsEngine engine(JsonNode section, String source) {
        JsonNode value = section.path("engine");
        if (value.isMissingNode()) {
            return TlsEngine.BORINGSSL;
        }
        for (TlsEngine engine : TlsEngine.values()) {
            if (engine.name().toLowerCase(Locale.ROOT).equals(value.asText())) {
                return engine;
            }
        }
        throw new ProvisioningException(source + ": tls.engine: expected boringssl or jdk, got " + value);
    }

    private static Optional<String> file(JsonNode section, String key, String source) {
        JsonNode value = section.path(key);
        if (value.isMissingNode()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new ProvisioningException(source + ": tls." + key + ": expected a file name, got " + value);
        }
        return Optional.of(value.textValue());
    }
}
