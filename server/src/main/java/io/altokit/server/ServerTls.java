package io.altokit.server;

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
        SslContextBuilder builder;
        try {
            builder = SslContextBuilder.forServer(config.certificate().toFile(), config.privateKey().toFile());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tls: " + config.certificate() + " / " + config.privateKey()
                    + ": not a PEM certificate chain and unencrypted PKCS#8 key (" + rootMessage(e) + ")", e);
        }
        builder.sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
        if (config.clientCa().isPresent()) {
            Path ca = config.clientCa().get();
            try {
                builder.trustManager(ca.toFile()).clientAuth(ClientAuth.REQUIRE);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tls.client-ca: " + ca + ": not a PEM certificate ("
                        + rootMessage(e) + ")", e);
            }
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("tls: " + config.certificate() + " / " + config.privateKey()
                    + ": cannot build the TLS context (" + rootMessage(e) + ")", e);
        }
    }

    private static void readable(Path file, String key) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("tls." + key + ": " + file + ": no such readable file");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
