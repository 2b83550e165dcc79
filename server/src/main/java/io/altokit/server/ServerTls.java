package io.altokit.server;

import io.altokit.model.tls.PemCertificates;
import io.altokit.model.tls.TlsIdentity;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.ReferenceCountUtil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;

/**
 * The server's TLS context from {@link TlsConfig}: TLS 1.3 and 1.2 only, with the cipher suites HTTP/2
 * allows (forward-secret AEAD), ALPN offering h2 and http/1.1, and required client certificates
 * when a client CA is configured. BoringSSL (netty-tcnative) or the JDK's TLS, see {@link TlsEngine}.
 */
public final class ServerTls {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ServerTls() {
    }

    /**
     * Loads the certificate, key and client CA; a file that is missing or not what it should be is an
     * {@link IllegalArgumentException} naming the file and what is wrong with it.
     */
    static SslContext context(TlsConfig config) {
        readable(config.certificate(), "certificate");
        readable(config.privateKey(), "private-key");
        config.clientCa().ifPresent(ca -> readable(ca, "client-ca"));
        TlsIdentity identity = loaded("tls.certificate and tls.private-key",
                () -> TlsIdentity.read(config.certificate(), config.privateKey()));
        SslContextBuilder builder = SslContextBuilder.forServer(identity.key(), identity.chain())
                .sslProvider(provider(config.engine()))
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

    /** Loads everything {@link #context} loads and discards the result: for checking a configuration early. */
    public static void check(TlsConfig config) {
        ReferenceCountUtil.release(context(config));
    }

    /** The engine's Netty provider; BoringSSL falls back to the JDK where its native library does not load. */
    private static SslProvider provider(TlsEngine engine) {
        if (engine == TlsEngine.BORINGSSL) {
            if (OpenSsl.isAvailable()) {
                return SslProvider.OPENSSL;
            }
            LOG.warn("BoringSSL is not available here ({}); serving TLS with the JDK's implementation",
                    OpenSsl.unavailabilityCause().toString());
        }
        return SslProvider.JDK;
    }

    /** The TLS implementation behind a context this class made, for the start-up log line. */
    static TlsEngine engineOf(SslContext context) {
        return context instanceof OpenSslContext ? TlsEngine.BORINGSSL : TlsEngine.JDK;
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
