package io.altokit.model.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** X.509 certificates from a PEM file ({@code -----BEGIN CERTIFICATE-----} blocks, in file order). */
public final class PemCertificates {

    private PemCertificates() {
    }

    /** All certificates in the file, at least one; any problem is an IllegalArgumentException naming the file. */
    public static List<X509Certificate> read(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(pemFile + ": no certificate (expected -----BEGIN CERTIFICATE-----)");
            }
            return List.copyOf(certificates);
        } catch (IOException e) {
            throw new IllegalArgumentException(pemFile + ": cannot read (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pemFile + ": not a PEM certificate (" + e.getMessage() + ")", e);
        }
    }
}
