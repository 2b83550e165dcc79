package io.altokit.server;

import io.altokit.model.tls.PemCertificates;
import io.altokit.model.tls.TlsIdentity;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

import javax.net.ssl.SSLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;

/**
 * The server's TLS context from {@link TlsConfig}: TLS 1.3 and 1.2 only, with the cipher suites HTTP/2
 * allows (forward-secret AEAD), ALPN offering h2 and http/1.1, and required client certificates
 * when a client CA is configured. The JDK's TLS is used: no native library to ship.
 */
public final class ServerTls {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ServerTls() {
    }

    /**
     * Loads the certificate, key and client CA; a file that is missing or not what it should be is an
     * {@link IllegalArgumentException} naming the file and what is wrong with it.
     */
    public static SslContext context(TlsConfig config) {
        readable(config.certificate(), "certificate");
        readable(config.privateKey(), "private-key");
        config.clientCa().ifPresent(ca -> readable(ca, "client-ca"));
        TlsIdentity identity = loaded("tls.certificate and tls.private-key",
                () -> TlsIdentity.read(config.certificate(), config.privateKey()));
        SslContextBuilder builder = SslContextBuilder.forServer(identity.key(), identity.chain())
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
        config.clientCa().ifPresent(ca -> {
            List<X509Certificate> authorities = loaded("tls.client-ca", () -> PemCertificates.read(ca));
            builder.trustManager(authorities).clientAuth(ClientAuth.REQUIRE);
        });
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("tls: cannot serve " + config.certificate() + " with " + config.privateKey()
                    + " (" + e.getMessage() + ")", e);
        }
    }

    /** Runs a PEM load, prefixing its error (which names the file) with the configuration keys. */
    private static <T> T loaded(String keys, Supplier<T> load) {
        try {
            return load.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(keys + ": " + e.getMessage(), e);
        }
    }

    private static void readable(Path file, String key) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("tls." + key + ": " + file + ": no such readable file");
        }
    }
}
