package io.altokit.model.signing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published examples: RFC 9421 Appendix B.2.6 (Ed25519, deterministic, so reproduced byte for
 * byte), B.2.4 (a signed response; ECDSA, so its published signature is verified over our base) and the
 * Content-Digest values of RFC 9530 / RFC 9421 Appendix B.
 */
class Rfc9421VectorsTest {
    /** RFC 9421 Appendix B.1.4, test-key-ed25519. */
    static final String TEST_KEY_ED25519_PRIVATE = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF
            -----END PRIVATE KEY-----
            """;
    static final String TEST_KEY_ED25519_PUBLIC = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=
            -----END PUBLIC KEY-----
            """;
    /** RFC 9421 Appendix B.1.3, test-key-ecc-p256 (public part). */
    static final String TEST_KEY_ECC_P256_PUBLIC_B64 =
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqIVYZVLCrPZHGHjP17CTW0/+D9Lf"
            + "w0EkjqF7xB4FivAxzic30tMM4GF+hR6Dxh71Z50VGGdldkkDXZCnTNnoXQ==";

    @Test
    void reproducesAppendixB26Exactly() {
        PrivateKey key = PemKeys.parsePrivateKey(TEST_KEY_ED25519_PRIVATE);
        SignatureBase base = SignatureBase.of(List.of(
                        new SignatureBase.Component("date", "Tue, 20 Apr 2021 02:07:55 GMT"),
                        new SignatureBase.Component("@method", "POST"),
                        new SignatureBase.Component("@path", "/foo"),
                        new SignatureBase.Component("@authority", "example.com"),
                        new SignatureBase.Component("content-type", "application/json"),
                        new SignatureBase.Component("content-length", "18")),
                SignatureParameters.builder().created(1618884473L).keyId("test-key-ed25519").build());

        assertThat(base.text()).isEqualTo("""
                "date": Tue, 20 Apr 2021 02:07:55 GMT
                "@method": POST
                "@path": /foo
                "@authority": example.com
                "content-type": application/json
                "content-length": 18
                "@signature-params": ("date" "@method" "@path" "@authority" \
                "content-type" "content-length");created=1618884473\
                ;keyid="test-key-ed25519\"""");
        assertThat("sig-b26=" + base.signatureParamsValue()).isEqualTo(
                "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\")"
                        + ";created=1618884473;keyid=\"test-key-ed25519\"");

        byte[] signature = ResponseSigner.signBase(key, base);
        assertThat("sig-b26=:" + Base64.getEncoder().encodeToString(signature) + ":").isEqualTo(
                "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:");
        assertThat(SignatureVerifier.verifyEd25519(PemKeys.parsePublicKey(TEST_KEY_ED25519_PUBLIC), base, signature)).isTrue();
    }

    @Test
    void buildsTheAppendixB24ResponseBaseThatThePublishedEcdsaSignatureVerifies() throws Exception {
        byte[] body = "{\"message\": \"good dog\"}".getBytes(StandardCharsets.US_ASCII);
        String digest = ContentDigest.fieldValue(body, ContentDigest.Algorithm.SHA_512);
        assertThat(digest).isEqualTo(
                "sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:");
        HttpFields fields = HttpFields.builder()
                .add("Date", "Tue, 20 Apr 2021 02:07:56 GMT")
                .add("Content-Type", "application/json")
                .add("Content-Digest", digest)
                .add("Content-Length", "23")
                .build();
        List<SignatureBase.Component> components = new java.util.ArrayList<>(ResponseSigner.components(200, fields, digest));
        components.add(new SignatureBase.Component("content-length", fields.value("content-length").orElseThrow()));
        SignatureBase base = SignatureBase.of(components,
                SignatureParameters.builder().created(1618884473L).keyId("test-key-ecc-p256").build());

        assertThat(base.text()).isEqualTo("""
                "@status": 200
                "content-type": application/json
                "content-digest": sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ4\
                1QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:
                "content-length": 23
                "@signature-params": ("@status" "content-type" "content-digest" \
                "content-length");created=1618884473;keyid="test-key-ecc-p256\"""");

        PublicKey p256 = KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(TEST_KEY_ECC_P256_PUBLIC_B64)));
        Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
        ecdsa.initVerify(p256);
        ecdsa.update(base.bytes());
        assertThat(ecdsa.verify(Base64.getDecoder().decode(
                "wNmSUAhwb5LxtOtOpNa6W5xj067m5hFrj0XQ4fvpaCLx0NKocgPquLgyahnzDnDAUy5eCdlYUEkLIj+32oiasw=="))).isTrue();
    }

    @Test
    void contentDigestMatchesRfc9530Examples() {
        byte[] hello = "{\"hello\": \"world\"}".getBytes(StandardCharsets.US_ASCII);
        assertThat(ContentDigest.fieldValue(hello)).isEqualTo("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:");
        assertThat(ContentDigest.fieldValue(hello, ContentDigest.Algorithm.SHA_512)).isEqualTo(
                "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:");
    }

    @Test
    void rfcTestKeysLoadAsAPair() {
        PublicKey pub = PemKeys.parsePublicKey(TEST_KEY_ED25519_PUBLIC);
        assertThat(PemKeys.toPem(pub)).isEqualTo(TEST_KEY_ED25519_PUBLIC);
        assertThat(PemKeys.toPem(PemKeys.parsePrivateKey(TEST_KEY_ED25519_PRIVATE))).isEqualTo(TEST_KEY_ED25519_PRIVATE);
    }
}
