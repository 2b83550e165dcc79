package io.altokit.app;

import io.altokit.client.AltoClient;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/** TLS options of the client commands, named as curl names them. */
final class TlsOptions {

    @Option(names = "--cacert", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Trust only the CA certificate(s) in this PEM file for an https server (default: the JVM's trusted CAs).")
    private Path caCertificates;

    @Option(names = "--cert", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Client certificate (PEM, leaf first) for servers that require mutual TLS; needs --key.")
    private Path certificate;

    @Option(names = "--key", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The client certificate's private key (unencrypted PKCS#8 PEM); needs --cert.")
    private Path key;

    /** Applies the options; a missing partner option or an unreadable file is an IllegalArgumentException. */
    AltoClient.Builder applyTo(AltoClient.Builder builder) {
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together: give both or neither");
        }
        if (caCertificates != null) {
            builder.trustedCertificates(caCertificates);
        }
        if (certificate != null) {
            builder.clientCertificate(certificate, key);
        }
        return builder;
    }
}
