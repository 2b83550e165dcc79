package io.altokit.app;

import com.nimbusds.jose.jwk.JWKSet;
import io.altokit.app.config.ConfigNode;
import io.altokit.server.protection.Guard;
import io.altokit.server.protection.auth.Authentication;
import io.altokit.server.protection.auth.Authenticator;
import io.altokit.server.protection.auth.BasicAuthenticator;
import io.altokit.server.protection.auth.BearerAuthenticator;
import io.altokit.server.protection.auth.CertificateAuthenticator;
import io.altokit.server.protection.auth.PublicKeys;
import io.altokit.server.protection.auth.UsersFile;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code auth:} section (docs/security.md, "Authentication"): which of HTTP Basic, bearer JWTs
 * and client certificates name callers, and whether callers without credentials may pass.
 */
final class AuthSettings {
    private static final Set<String> KEYS = Set.of("basic", "bearer", "mtls", "anonymous", "max-failures-per-minute");
    private static final Set<String> BASIC_KEYS = Set.of("users-file", "remember");
    private static final Set<String> BEARER_KEYS = Set.of("jwks-file", "public-key", "issuer", "audience",
            "name-claim", "clock-skew", "remember");
    private static final Set<String> MTLS_KEYS = Set.of("name-from");
    private static final Duration DEFAULT_REMEMBER = Duration.ofSeconds(60);
    private static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    private AuthSettings() {
    }

    static Optional<Guard> read(ConfigNode root) {
        Optional<ConfigNode> found = root.section("auth", KEYS);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConfigNode auth = found.get();
        // Certificates first: a TLS client that proved itself needs no header checked.
        List<Authenticator> methods = new ArrayList<>();
        auth.section("mtls", MTLS_KEYS).ifPresent(mtls -> {
            if (root.get("tls").flatMap(tls -> tls.get("client-ca")).isEmpty()) {
                throw mtls.error("client certificates need tls.client-ca, the CA the TLS listener verifies them against");
            }
            methods.add(certificate(mtls));
        });
        auth.section("bearer", BEARER_KEYS).ifPresent(bearer -> methods.add(bearer(bearer)));
        auth.section("basic", BASIC_KEYS).ifPresent(basic -> methods.add(basic(basic)));
        if (methods.isEmpty()) {
            throw auth.error("configure at least one of basic, bearer, mtls");
        }
        return Optional.of(new Authentication(methods, auth.bool("anonymous", false),
                auth.positive("max-failures-per-minute").orElse(20L)));
    }

    private static Authenticator basic(ConfigNode basic) {
        Path users = basic.file("users-file").orElseThrow(() -> basic.error("users-file", "missing"));
        Duration remembered = basic.duration("remember", Duration.ofSeconds(1), Duration.ofDays(1)).orElse(DEFAULT_REMEMBER);
        try {
            return new BasicAuthenticator(UsersFile.read(users), remembered);
        } catch (IOException e) {
            throw basic.error("users-file", "cannot read " + users + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw basic.error("users-file", e.getMessage());
        }
    }

    private static Authenticator bearer(ConfigNode bearer) {
        Optional<Path> jwks = bearer.file("jwks-file");
        Optional<Path> pem = bearer.file("public-key");
        if (jwks.isPresent() == pem.isPresent()) {
            throw bearer.error("give exactly one of jwks-file (a JWK set) and public-key (a PEM public key)");
        }
        String key = jwks.isPresent() ? "jwks-file" : "public-key";
        Path keyFile = jwks.or(() -> pem).orElseThrow();
        try {
            JWKSet keys = jwks.isPresent() ? JWKSet.load(keyFile.toFile()) : new JWKSet(PublicKeys.fromPem(keyFile));
            return new BearerAuthenticator(new BearerAuthenticator.Settings(keys, bearer.text("issuer"),
                    bearer.text("audience"), bearer.text("name-claim").orElse("sub"),
                    bearer.duration("clock-skew", Duration.ZERO, Duration.ofHours(1)).orElse(DEFAULT_CLOCK_SKEW),
                    bearer.duration("remember", Duration.ofSeconds(1), Duration.ofDays(1)).orElse(DEFAULT_REMEMBER)));
        } catch (IOException e) {
            throw bearer.error(key, "cannot read " + keyFile + ": " + e.getMessage());
        } catch (ParseException | IllegalArgumentException e) {
            throw bearer.error(key, keyFile + ": " + e.getMessage());
        }
    }

    private static Authenticator certificate(ConfigNode mtls) {
        String from = mtls.text("name-from").orElse("cn");
        return new CertificateAuthenticator(CertificateAuthenticator.NameFrom.byLabel(from).orElseThrow(() ->
                mtls.error("name-from", "\"" + from + "\" is not one of "
                        + Arrays.stream(CertificateAuthenticator.NameFrom.values())
                        .map(CertificateAuthenticator.NameFrom::label).toList())));
    }
}
