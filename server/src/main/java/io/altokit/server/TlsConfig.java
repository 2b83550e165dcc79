package io.altokit.server;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTPS for the listener (docs/security.md, "TLS and mutual TLS").
 *
 * @param certificate    PEM certificate chain, the server's own certificate first
 * @param privateKey     the certificate's key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY})
 * @param clientCa       when present, clients must present a certificate issued by this CA (mutual TLS)
 * @param allowPlainHttp also answer plain HTTP on the same port (off: plain requests are refused)
 * @param engine         the TLS implementation
 */
public record TlsConfig(Path certificate, Path privateKey, Optional<Path> clientCa, boolean allowPlainHttp,
                        TlsEngine engine) {

    public TlsConfig {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(clientCa, "clientCa");
        Objects.requireNonNull(engine, "engine");
    }

    /** HTTPS only, without client certificates. */
    public static TlsConfig of(Path certificate, Path privateKey) {
        return new TlsConfig(certificate, privateKey, Optional.empty(), false, TlsEngine.BORINGSSL);
    }

    public TlsConfig withClientCa(Path ca) {
        return new TlsConfig(certificate, privateKey, Optional.of(ca), allowPlainHttp, engine);
    }

    public TlsConfig withPlainHttpAllowed(boolean allowed) {
        return new TlsConfig(certificate, privateKey, clientCa, allowed, engine);
    }

    public TlsConfig withEngine(TlsEngine implementation) {
        return new TlsConfig(certificate, privateKey, clientCa, allowPlainHttp, implementation);
    }

    public boolean mutual() {
        return clientCa.isPresent();
    }
}
