package io.altokit.app;

import io.altokit.app.config.Durations;
import io.altokit.client.AltoClient;
import io.altokit.model.signing.PemKeys;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code --verify-key FILE}: accept only answers signed with this key (docs/security.md, "Signed guidance"). */
final class VerifyKeyOptions {

    @Option(names = "--verify-key", paramLabel = "FILE", scope = ScopeType.INHERIT, converter = PublicKeyFile.class,
            description = "Accept only answers signed (RFC 9421, Ed25519) with the key in this PEM file "
                    + "(openssl pkey -pubout, or the .pub.pem of alto keygen); repeat to trust several keys.")
    private List<PublicKey> keys = new ArrayList<>();

    @Option(names = "--signature-max-age", paramLabel = "DURATION", scope = ScopeType.INHERIT, converter = PositiveDuration.class,
            description = "With --verify-key: reject signatures older than this (e.g. 10m or PT10M; "
                    + "default 5m). Raise it when an HTTP cache sits in front of the server.")
    private Duration maxAge;

    AltoClient.Builder apply(AltoClient.Builder client) {
        keys.forEach(client::verifySignatures);
        if (maxAge != null) {
            client.signatureMaxAge(maxAge);
        }
        return client;
    }

    static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration = new Durations.Converter().convert(value);
            if (duration.isZero()) {
                throw new TypeConversionException("must be positive, got " + value);
            }
            return duration;
        }
    }

    /** Reads the key while the command line is parsed, so a bad file is a usage error naming it. */
    static final class PublicKeyFile implements ITypeConverter<PublicKey> {
        @Override
        public PublicKey convert(String value) {
            try {
                return PemKeys.readPublicKey(Path.of(value));
            } catch (NoSuchFileException e) {
                throw new TypeConversionException(value + " does not exist");
            } catch (IOException | IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
