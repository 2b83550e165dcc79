package io.altokit.app;

import io.altokit.app.config.ConfigException;
import io.altokit.app.config.ConfigNode;
import io.altokit.server.ServerTls;
import io.altokit.server.TlsConfig;
import io.altokit.server.TlsEngine;

import java.nio.file.Path;
import java.util.Locale;
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

    static Optional<TlsConfig> read(ConfigNode root) {
        Optional<ConfigNode> found = root.get("tls");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConfigNode section = found.get();
        if (!section.isMapping()) {
            throw section.error("expected a mapping with certificate and private-key");
        }
        section.mapping(KEYS);
        Path certificate = file(section, "certificate").orElseThrow(() ->
                section.error("certificate", "required (a PEM certificate chain)"));
        Path key = file(section, "private-key").orElseThrow(() ->
                section.error("private-key", "required (a PKCS#8 PEM key)"));
        TlsConfig config = new TlsConfig(certificate, key, file(section, "client-ca"),
                section.bool("allow-plain-http", false), engine(section));
        try {
            ServerTls.check(config);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(section.file(), "", e.getMessage());
        }
        return Optional.of(config);
    }

    private static TlsEngine engine(ConfigNode section) {
        return section.get("engine").map(value -> {
            for (TlsEngine engine : TlsEngine.values()) {
                if (engine.name().toLowerCase(Locale.ROOT).equals(value.textExpecting("boringssl or jdk"))) {
                    return engine;
                }
            }
            throw value.error("expected boringssl or jdk, got " + value.describe());
        }).orElse(TlsEngine.BORINGSSL);
    }

    private static Optional<Path> file(ConfigNode section, String key) {
        return section.get(key).map(value -> {
            return section.directory().resolve(value.textExpecting("a file name"));
        });
    }
}
