package io.altokit.client;

import io.altokit.model.tls.PemCertificates;
import io.altokit.model.tls.TlsIdentity;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * TLS material from the PEM files OpenSSL and curl use: CA certificates to trust ({@code --cacert})
 * and a client certificate chain with its PKCS#8 key for mutual TLS ({@code --cert}/{@code --key}).
 * Every problem with a file is an {@link IllegalArgumentException} naming the file.
 */
final class ClientTls {
    private static final char[] NO_PASSWORD = new char[0];

    private ClientTls() {
    }

    /** Trust managers that accept exactly the servers whose chains lead to a CA in {@code caPem}. */
    static TrustManager[] trusting(Path caPem) {
        List<X509Certificate> cas = PemCertificates.read(caPem);
        try {
            KeyStore store = emptyStore();
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(caPem + ": cannot trust these certificates (" + e.getMessage() + ")", e);
        }
    }

    /** Key managers presenting the chain in {@code certificatePem} (leaf first) with the key in {@code keyPem}. */
    static KeyManager[] presenting(Path certificatePem, Path keyPem) {
        TlsIdentity identity = TlsIdentity.read(certificatePem, keyPem);
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry("client", identity.key(), NO_PASSWORD, identity.chain().toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, NO_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(certificatePem + " with " + keyPem + ": not a usable client identity ("
                    + e.getMessage() + ")", e);
        }
    }

    /** A context with these managers; null ones mean the JVM defaults (its trusted CAs, no client certificate). */
    static SSLContext context(KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, NO_PASSWORD);
        } catch (IOException e) {
            throw new IllegalStateException("an empty in-memory key store cannot fail to load", e);
        }
        return store;
    }
}
