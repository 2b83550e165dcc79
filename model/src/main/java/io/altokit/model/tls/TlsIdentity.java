package io.altokit.model.tls;

import io.altokit.model.signing.PemKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A TLS endpoint's identity as OpenSSL writes it: a PEM certificate chain (own certificate first) and
 * the certificate's private key as unencrypted PKCS#8 PEM. Loading checks that the key belongs to the
 * certificate, so a mix-up fails at start rather than in every handshake.
 */
public record TlsIdentity(List<X509Certificate> chain, PrivateKey key) {
    private static final byte[] PROBE = "altokit key check".getBytes(StandardCharsets.US_ASCII);

    public TlsIdentity {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a TLS identity needs a certificate");
        }
    }

    /** Reads both files; any problem is an IllegalArgumentException naming the file. */
    public static TlsIdentity read(Path certificatePem, Path keyPem) {
        List<X509Certificate> chain = PemCertificates.read(certificatePem);
        PublicKey publicKey = chain.getFirst().getPublicKey();
        PrivateKey key;
        try {
            key = PemKeys.readPrivateKey(keyPem, publicKey.getAlgorithm());
        } catch (IOException e) {
            throw new IllegalArgumentException(keyPem + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (!belongTogether(key, publicKey)) {
            throw new IllegalArgumentException(keyPem + ": not the private key of the certificate in " + certificatePem);
        }
        return new TlsIdentity(chain, key);
    }

    /** Signs a probe with the private key and verifies it with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (publicKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> publicKey.getAlgorithm(); // Ed25519, Ed448: the algorithm is its own signature scheme
        };
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
