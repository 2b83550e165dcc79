package io.altokit.server;

/** Which TLS implementation serves HTTPS (docs/security.md: BoringSSL measured about 4x cheaper per handshake). */
public enum TlsEngine {
    /** BoringSSL through netty-tcnative where its native library loads (Linux x86-64); elsewhere the JDK's. */
    BORINGSSL,
    /** The JDK's own TLS. */
    JDK
}
