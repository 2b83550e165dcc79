package io.altokit.app;

import io.altokit.app.config.ConfigNode;
import io.altokit.model.signing.PemKeys;
import io.altokit.model.signing.ResponseSigner;
import io.altokit.server.protection.ResponseSigning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The optional {@code signing:} section (docs/security.md, "Signed guidance"):
 * <pre>
 * signing:
 *   ed25519-private-key: signing.pem   # PKCS#8 PEM, relative to the network file
 *   key-id: alto-2026-01               # optional; default: the RFC 7638 thumbprint of the public key
 *   resign-after: 60s                  # optional; how long a shared map's signature is reused
 * </pre>
 */
final class SigningSettings {
    private static final Logger LOG = LoggerFactory.getLogger(SigningSettings.class);
    private static final String KEY_FILE = "ed25519-private-key";
    private static final Set<String> KEYS = Set.of(KEY_FILE, "key-id", "resign-after");
    static final Duration DEFAULT_RESIGN_AFTER = Duration.ofSeconds(60);

    private SigningSettings() {
    }

    static Optional<ResponseSigning> read(ConfigNode root) {
        Optional<ConfigNode> found = root.get("signing");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConfigNode section = found.get();
        if (!section.isMapping()) {
            throw section.error("expected a mapping with " + KEY_FILE);
        }
        section.mapping(KEYS);
        ConfigNode file = section.get(KEY_FILE).orElseThrow(() -> section.error(KEY_FILE,
                "expected the path of a PKCS#8 PEM file (create one with: alto keygen signing.pem)"));
        Path keyFile = section.directory().resolve(file.textExpecting("the path of a PKCS#8 PEM file"));
        PrivateKey key;
        try {
            key = PemKeys.readPrivateKey(keyFile);
        } catch (NoSuchFileException e) {
            throw file.error(keyFile + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw file.error(e.getMessage());
        }
        ResponseSigner.Builder signer = section.get("key-id").map(keyId -> {
            try {
                return ResponseSigner.builder(key, keyId.text());
            } catch (IllegalArgumentException e) {
                throw keyId.error(e.getMessage());
            }
        }).orElseGet(() -> ResponseSigner.builder(key));
        Duration resignAfter = section.duration("resign-after", Duration.ofSeconds(1), Duration.ofDays(1))
                .orElse(DEFAULT_RESIGN_AFTER);
        ResponseSigning signing = new ResponseSigning(signer.build(), resignAfter);
        LOG.atInfo().addKeyValue("keyid", signing.keyId())
                .log("signing every 200 with the Ed25519 key in {} (keyid {})", keyFile, signing.keyId());
        return Optional.of(signing);
    }
}
