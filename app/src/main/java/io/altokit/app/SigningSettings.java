package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.model.signing.PemKeys;
import io.altokit.model.signing.ResponseSigner;
import io.altokit.provision.ProvisioningException;
import io.altokit.server.protection.ResponseSigning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The optional {@code signing:} section (docs/security.md, "Signed guidance"):
 * <pre>
 * signing:
 *   ed25519-private-key: signing.pem   # PKCS#8 PEM, relative to the network file
 *   key-id: alto-2026-01               # optional; default: the RFC 7638 thumbprint of the public key
 *   resign-after-seconds: 60           # optional; how long a shared map's signature is reused
 * </pre>
 */
final class SigningSettings {
    private static final Logger LOG = LoggerFactory.getLogger(SigningSettings.class);
    private static final String KEY_FILE = "ed25519-private-key";
    private static final Set<String> KEYS = Set.of(KEY_FILE, "key-id", "resign-after-seconds");
    static final Duration DEFAULT_RESIGN_AFTER = Duration.ofSeconds(60);

    private SigningSettings() {
    }

    static Optional<ResponseSigning> read(JsonNode root, Path configFile) {
        JsonNode section = root.path("signing");
        if (section.isMissingNode()) {
            return Optional.empty();
        }
        String source = configFile + ": signing";
        if (!section.isObject()) {
            throw new ProvisioningException(source + ": expected a mapping with " + KEY_FILE);
        }
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            if (!KEYS.contains(entry.getKey())) {
                throw new ProvisioningException(source + "." + entry.getKey() + ": unknown setting (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        JsonNode file = section.path(KEY_FILE);
        if (!file.isTextual() || file.textValue().isBlank()) {
            throw new ProvisioningException(source + "." + KEY_FILE + ": expected the path of a PKCS#8 PEM file"
                    + " (create one with: alto keygen signing.pem)");
        }
        Path keyFile = configFile.toAbsolutePath().getParent().resolve(file.textValue());
        PrivateKey key;
        try {
            key = PemKeys.readPrivateKey(keyFile);
        } catch (NoSuchFileException e) {
            throw new ProvisioningException(source + "." + KEY_FILE + ": " + keyFile + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new ProvisioningException(source + "." + KEY_FILE + ": " + e.getMessage());
        }
        JsonNode keyId = section.path("key-id");
        ResponseSigner.Builder signer;
        if (keyId.isMissingNode()) {
            signer = ResponseSigner.builder(key);
        } else {
            if (!keyId.isTextual() || keyId.textValue().isEmpty()) {
                throw new ProvisioningException(source + ".key-id: expected a non-empty string, got " + keyId);
            }
            try {
                signer = ResponseSigner.builder(key, keyId.textValue());
            } catch (IllegalArgumentException e) {
                throw new ProvisioningException(source + ".key-id: " + e.getMessage());
            }
        }
        JsonNode resign = section.path("resign-after-seconds");
        Duration resignAfter = DEFAULT_RESIGN_AFTER;
        if (!resign.isMissingNode()) {
            if (!resign.isInt() || resign.intValue() < 1) {
                throw new ProvisioningException(source + ".resign-after-seconds: expected a whole number of seconds >= 1, got " + resign);
            }
            resignAfter = Duration.ofSeconds(resign.intValue());
        }
        ResponseSigning signing = new ResponseSigning(signer.build(), resignAfter);
        LOG.atInfo().addKeyValue("keyid", signing.keyId())
                .log("signing every 200 with the Ed25519 key in {} (keyid {})", keyFile, signing.keyId());
        return Optional.of(signing);
    }
}
