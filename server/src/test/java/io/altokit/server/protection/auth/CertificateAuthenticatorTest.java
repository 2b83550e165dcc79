package io.altokit.server.protection.auth;

import io.altokit.server.http.AltoRequest;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Naming callers from the certificate the TLS handshake verified (the TLS listener fills AltoRequest.clientCertificate). */
class CertificateAuthenticatorTest {

    @Test
    void theClientIsNamedByTheSubjectCnOrTheFirstSanOfTheConfiguredType() throws Exception {
        X509Certificate certificate = certificate("CN=app1,OU=peers,O=ISP", new GeneralName(GeneralName.dNSName, "app1.isp.example"),
                new GeneralName(GeneralName.rfc822Name, "ops@isp.example"), new GeneralName(GeneralName.dNSName, "other.example"));

        assertThat(identify(CertificateAuthenticator.NameFrom.CN, certificate)).isEqualTo(new Identification.Identified("app1"));
        assertThat(identify(CertificateAuthenticator.NameFrom.SAN_DNS, certificate))
                .isEqualTo(new Identification.Identified("app1.isp.example"));
        assertThat(identify(CertificateAuthenticator.NameFrom.SAN_EMAIL, certificate))
                .isEqualTo(new Identification.Identified("ops@isp.example"));
        assertThat(identify(CertificateAuthenticator.NameFrom.SAN_URI, certificate)).isInstanceOf(Identification.Rejected.class);
    }

    @Test
    void aCertificateWithoutTheNameIsRejectedAndNoCertificateIsAbsent() throws Exception {
        assertThat(identify(CertificateAuthenticator.NameFrom.CN, certificate("O=ISP")))
                .isInstanceOf(Identification.Rejected.class);
        assertThat(new CertificateAuthenticator(CertificateAuthenticator.NameFrom.CN).identify(request(Optional.empty())))
                .isEqualTo(Identification.ABSENT);
    }

    private static Identification identify(CertificateAuthenticator.NameFrom from, X509Certificate certificate) throws Exception {
        return new CertificateAuthenticator(from).identify(request(Optional.of(certificate)));
    }

    private static AltoRequest request(Optional<X509Certificate> certificate) throws Exception {
        return new AltoRequest("GET", "/directory", Optional.empty(), Optional.empty(), Optional.empty(), new byte[0],
                InetAddress.getLoopbackAddress(), Optional.empty(), certificate);
    }

    private static X509Certificate certificate(String subject, GeneralName... alternativeNames) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=test CA"), BigInteger.TWO,
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), new X500Name(subject), keys.getPublic());
        if (alternativeNames.length > 0) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternativeNames));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("Ed25519").build(keys.getPrivate())));
    }
}
