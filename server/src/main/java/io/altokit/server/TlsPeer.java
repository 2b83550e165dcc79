package io.altokit.server;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The client certificate a mutual-TLS handshake verified, kept on the connection once so that
 * requests (HTTP/1.1 or HTTP/2 streams of it) read it without asking the TLS session again; and
 * whether the connection is encrypted at all.
 */
final class TlsPeer {
    private static final AttributeKey<X509Certificate> CLIENT_CERTIFICATE = AttributeKey.valueOf(TlsPeer.class, "client-certificate");

    private TlsPeer() {
    }

    /** After the handshake: records the verified leaf certificate when the server required one. */
    static void remember(Channel connection, SslHandler tls) {
        if (!tls.engine().getNeedClientAuth()) {
            return;
        }
        SSLSession session = tls.engine().getSession();
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                connection.attr(CLIENT_CERTIFICATE).set(leaf);
            }
        } catch (SSLPeerUnverifiedException e) {
            // Cannot happen after a completed handshake that required a certificate; then there is none to give.
        }
    }

    /** Whether the connection this channel (or HTTP/2 stream) belongs to speaks TLS. */
    static boolean encrypted(Channel channel) {
        Channel connection = channel instanceof Http2StreamChannel stream ? stream.parent() : channel;
        return connection.pipeline().get(SslHandler.class) != null;
    }

    /** The verified client certificate of the connection this channel (or HTTP/2 stream) belongs to. */
    static Optional<X509Certificate> clientCertificate(Channel channel) {
        Channel connection = channel instanceof Http2StreamChannel stream ? stream.parent() : channel;
        return Optional.ofNullable(connection.attr(CLIENT_CERTIFICATE).get());
    }
}
