package io.altokit.server.protection.auth;

import io.altokit.server.http.AltoRequest;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Mutual TLS: the client certificate the TLS handshake verified against the configured client CA
 * names the caller, by its subject CN or its first subject alternative name of one type.
 */
public final class CertificateAuthenticator implements Authenticator {

    /** Where in the certificate the client's name is read. */
    public enum NameFrom {
        CN("cn", -1), SAN_DNS("san-dns", 2), SAN_EMAIL("san-email", 1), SAN_URI("san-uri", 6);

        private final String label;
        /** The GeneralName tag (RFC 5280 4.2.1.6) of the subject alternative name, or -1 for the subject CN. */
        private final int generalNameTag;

        NameFrom(String label, int generalNameTag) {
            this.label = label;
            this.generalNameTag = generalNameTag;
        }

        public String label() {
            return label;
        }

        public static Optional<NameFrom> byLabel(String label) {
            return Arrays.stream(values()).filter(from -> from.label.equals(label.toLowerCase(Locale.ROOT)))
                    .findFirst();
        }
    }

    private final NameFrom nameFrom;

    public CertificateAuthenticator(NameFrom nameFrom) {
        this.nameFrom = nameFrom;
    }

    @Override
    public Optional<String> challenge() {
        return Optional.empty();
    }

    @Override
    public Identification identify(AltoRequest request) {
        if (request.clientCertificate().isEmpty()) {
            return Identification.ABSENT;
        }
        X509Certificate certificate = request.clientCertificate().get();
        return name(certificate).<Identification>map(Identification.Identified::new).orElseGet(() ->
                new Identification.Rejected("client certificate " + certificate.getSubjectX500Principal().getName()
                        + " has no " + nameFrom.label() + " to name the client by", Optional.empty()));
    }

    Optional<String> name(X509Certificate certificate) {
        return nameFrom == NameFrom.CN ? commonName(certificate.getSubjectX500Principal())
                : alternativeName(certificate, nameFrom.generalNameTag);
    }

    /** The most specific CN (leftmost in the RFC 2253 form). */
    private static Optional<String> commonName(X500Principal subject) {
        try {
            List<Rdn> rdns = new LdapName(subject.getName(X500Principal.RFC2253)).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdns.get(i).getValue().toString()).filter(name -> !name.isBlank());
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> alternativeName(X509Certificate certificate, int tag) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return Optional.empty();
            }
            return names.stream().filter(name -> name.get(0) instanceof Integer type && type == tag)
                    .map(name -> name.get(1)).filter(String.class::isInstance).map(String.class::cast).findFirst();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
    }
}
