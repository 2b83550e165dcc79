package io.altokit.model.signing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.altokit.model.signing.VerificationFailure.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sign -> verify, and every tampering rejected with its reason. */
class ResponseSigningTest {
    static final Instant CREATED = Instant.ofEpochSecond(1618884473L);
    static final Clock AT_CREATED = Clock.fixed(CREATED, ZoneOffset.UTC);
    static final String NETWORK_MAP = "application/alto-networkmap+json";
    static final byte[] BODY = "{\"message\": \"good dog\"}".getBytes(StandardCharsets.US_ASCII);

    static final PrivateKey RFC_PRIVATE = PemKeys.parsePrivateKey(Rfc9421VectorsTest.TEST_KEY_ED25519_PRIVATE);
    static final PublicKey RFC_PUBLIC = PemKeys.parsePublicKey(Rfc9421VectorsTest.TEST_KEY_ED25519_PUBLIC);

    static final ResponseSigner SIGNER = ResponseSigner.builder(RFC_PRIVATE, "test-key-ed25519").clock(AT_CREATED).build();
    static final SignatureVerifier VERIFIER = SignatureVerifier.builder()
            .trust("test-key-ed25519", RFC_PUBLIC).clock(AT_CREATED).maxAge(Duration.ofMinutes(5)).build();

    /** The response as the client receives it: the server's fields plus the three signing fields. */
    static HttpFields received(HttpFields sent, SignedResponse signed) {
        HttpFields fields = sent;
        for (Map.Entry<String, String> f : signed.fields().entrySet()) {
            fields = fields.without(f.getKey()).with(f.getKey(), f.getValue());
        }
        return fields;
    }

    static HttpFields networkMapFields() {
        return HttpFields.builder().add("Content-Type", NETWORK_MAP).add("Content-Length", "23").build();
    }

    static VerificationFailure failureOf(VerificationResult result) {
        assertThat(result).isInstanceOf(VerificationResult.Rejected.class);
        return ((VerificationResult.Rejected) result).failure();
    }

    @Test
    void signatureBaseAndFieldsMatchHandWrittenValues() {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        assertThat(signed.signatureBase().text()).isEqualTo("""
                "@status": 200
                "content-type": application/alto-networkmap+json
                "content-digest": sha-256=:z0bm/K2/kBiAHdTk/FHlB2NyoHqaTdzCA9k+jeJ0ezA=:
                "@signature-params": ("@status" "content-type" "content-digest")\
                ;created=1618884473;keyid="test-key-ed25519";alg="ed25519\"""");
        assertThat(signed.contentDigest()).isEqualTo("sha-256=:z0bm/K2/kBiAHdTk/FHlB2NyoHqaTdzCA9k+jeJ0ezA=:");
        assertThat(signed.signatureInput()).isEqualTo(
                "alto=(\"@status\" \"content-type\" \"content-digest\");created=1618884473;keyid=\"test-key-ed25519\";alg=\"ed25519\"");
        // Independently computed with: openssl pkeyutl -sign -inkey test-key-ed25519.pem -rawin -in base.txt | base64
        assertThat(signed.signature()).isEqualTo(
                "alto=:uQgdWqRbUOnimJlmP1ph9nieAUs8Dn5FAb6fGUzp0WUJ9wMYdJ5JwWsvcDcv4pzh+ZL6BT6dlZcgrS3hjX7UDw==:");
        assertThat(signed.fields().keySet()).containsExactly("Content-Digest", "Signature-Input", "Signature");
    }

    @Test
    void roundTrip() {
        SignedResponse signed = SIGNER.sign(200, networkMapFields(), BODY);
        VerificationResult result = VERIFIER.verify(200, received(networkMapFields(), signed), BODY);
        VerificationResult.Verified ok = result.orElseThrow();
        assertThat(ok.keyId()).isEqualTo("test-key-ed25519");
        assertThat(ok.label()).isEqualTo("alto");
        assertThat(ok.created()).isEqualTo(CREATED);
        assertThat(ok.coveredComponents()).containsExactly("@status", "content-type", "content-digest");
        assertThat(ok.digestAlgorithm()).isEqualTo(ContentDigest.Algorithm.SHA_256);
    }

    @Test
    void roundTripWithFreshKeysEtagSha512AndOtherLabel() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ResponseSigner signer = ResponseSigner.builder(pair.getPrivate(), "alto-2026-01").label("sig1")
                .digestAlgorithms(ContentDigest.Algorithm.SHA_256, ContentDigest.Algorithm.SHA_512).build();
        HttpFields sent = networkMapFields().with("ETag", "\"vtag-1f3a\"");
        SignedResponse signed = signer.sign(200, sent, BODY);
        assertThat(signed.contentDigest()).startsWith("sha-256=:").contains(", sha-512=:");
        assertThat(signed.signatureInput()).startsWith("sig1=(\"@status\" \"content-type\" \"content-digest\" \"etag\");");
        SignatureVerifier verifier = SignatureVerifier.builder().label("sig1")
                .trust("old-key", RFC_PUBLIC).trust("alto-2026-01", pair.getPublic()).maxAge(Duration.ofMinutes(1)).build();
        VerificationResult.Verified ok = verifier.verify(200, received(sent, signed), BODY).orElseThrow();
        assertThat(ok.coveredComponents()).contains("etag");
        assertThat(ok.digestAlgorithm()).isEqualTo(ContentDigest.Algorithm.SHA_512);

        // the ETag is covered: changing it breaks the signature; dropping it leaves a covered field absent
        assertThat(failureOf(verifier.verify(200, received(sent, signed).without("etag").with("ETag", "\"vtag-evil\""), BODY)))
                .isEqualTo(BAD_SIGNATURE);
        assertThat(failureOf(verifier.verify(200, received(sent, signed).without("etag"), BODY))).isEqualTo(MISSING_FIELD);
    }

    @Test
    void fieldNamesAreCaseInsensitive() {
        SignedResponse signed = SIGNER.sign(200, HttpFields.builder().add("CONTENT-TYPE", NETWORK_MAP).build(), BODY);
        HttpFields shouting = HttpFields.ofSingle(Map.of(
                "CONTENT-type", NETWORK_MAP,
                "content-DIGEST", signed.contentDigest(),
                "SIGNATURE-INPUT", signed.signatureInput(),
                "signature", signed.signature()));
        assertThat(VERIFIER.verify(200, shouting, BODY).isVerified()).isTrue();
        // and the form java.net.http.HttpHeaders.map() gives (lower case, lists)
        HttpFields lists = HttpFields.of(Map.of(
                "content-type", List.of(NETWORK_MAP),
                "content-digest", List.of(signed.contentDigest()),
                "signature-input", List.of(signed.signatureInput()),
                "signature", List.of(signed.signature())));
        assertThat(VERIFIER.verify(200, lists, BODY).isVerified()).isTrue();
    }

    @Test
    void surroundingWhitespaceInFieldValuesDoesNotMatter() {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields padded = HttpFields.builder()
                .add("Content-Type", "  " + NETWORK_MAP + " ")
                .add("Content-Digest", " " + signed.contentDigest())
                .add("Signature-Input", signed.signatureInput() + "  ")
                .add("Signature", "\t" + signed.signature())
                .build();
        assertThat(VERIFIER.verify(200, padded, BODY).isVerified()).isTrue();
    }

    @Test
    void otherSignaturesInTheSameFieldsAreIgnored() {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields fields = HttpFields.builder()
                .add("Content-Type", NETWORK_MAP)
                .add("Content-Digest", signed.contentDigest())
                .add("Signature-Input", "proxy=(\"@status\");created=1;keyid=\"cdn\"")
                .add("Signature-Input", signed.signatureInput())
                .add("Signature", "proxy=:AAAA:, " + signed.signature())
                .build();
        assertThat(VERIFIER.verify(200, fields, BODY).isVerified()).isTrue();
    }

    // ------------------------------------------------------------------ tampering

    @Test
    void changedStatusFails() {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        assertThat(failureOf(VERIFIER.verify(203, received(networkMapFields(), signed), BODY))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void changedContentTypeFails() {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields fields = received(networkMapFields(), signed).without("content-type")
                .with("Content-Type", "application/alto-costmap+json");
        assertThat(failureOf(VERIFIER.verify(200, fields, BODY))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void changedDigestFieldFails() {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        byte[] evil = "{\"message\": \"evil dog\"}".getBytes(StandardCharsets.US_ASCII);
        HttpFields fields = received(networkMapFields(), signed).without("content-digest")
                .with("Content-Digest", ContentDigest.fieldValue(evil));
        // the attacker makes body and digest agree: the signature over the digest catches it
        assertThat(failureOf(VERIFIER.verify(200, fields, evil))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void everyChangedBodyByteFails() {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields fields = received(networkMapFields(), signed);
        for (int i = 0; i < BODY.length; i++) {
            byte[] body = BODY.clone();
            body[i] ^= 0x01;
            assertThat(failureOf(VERIFIER.verify(200, fields, body))).as("byte %d", i).isEqualTo(DIGEST_MISMATCH);
        }
        assertThat(failureOf(VERIFIER.verify(200, fields, new byte[0]))).isEqualTo(DIGEST_MISMATCH);
        byte[] longer = java.util.Arrays.copyOf(BODY, BODY.length + 1);
        assertThat(failureOf(VERIFIER.verify(200, fields, longer))).isEqualTo(DIGEST_MISMATCH);
    }

    @Test
    void everyChangedSignatureByteFails() {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        byte[] raw = Base64.getDecoder().decode(signed.signature().substring("alto=:".length(), signed.signature().length() - 1));
        for (int i = 0; i < raw.length; i++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] bad = raw.clone();
                bad[i] ^= (byte) bit;
                HttpFields fields = received(networkMapFields(), signed).without("signature")
                        .with("Signature", "alto=:" + Base64.getEncoder().encodeToString(bad) + ":");
                assertThat(failureOf(VERIFIER.verify(200, fields, BODY))).as("byte %d bit %x", i, bit).isEqualTo(BAD_SIGNATURE);
            }
        }
        HttpFields truncated = received(networkMapFields(), signed).without("signature")
                .with("Signature", "alto=:" + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, 63)) + ":");
        assertThat(failureOf(VERIFIER.verify(200, truncated, BODY))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void changedKeyIdFails() throws Exception {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields unknown = received(networkMapFields(), signed).without("signature-input")
                .with("Signature-Input", signed.signatureInput().replace("test-key-ed25519", "other-key"));
        assertThat(failureOf(VERIFIER.verify(200, unknown, BODY))).isEqualTo(UNKNOWN_KEYID);

        // keyid renamed to another trusted key: that key does not verify the signature
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        SignatureVerifier twoKeys = SignatureVerifier.builder().clock(AT_CREATED)
                .trust("test-key-ed25519", RFC_PUBLIC).trust("other-key", other.getPublic()).build();
        assertThat(failureOf(twoKeys.verify(200, unknown, BODY))).isEqualTo(BAD_SIGNATURE);

        // the right keyid, but the client trusts a different key under it
        SignatureVerifier wrongKey = SignatureVerifier.builder().clock(AT_CREATED).trust("test-key-ed25519", other.getPublic()).build();
        assertThat(failureOf(wrongKey.verify(200, received(networkMapFields(), signed), BODY))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void changedCreatedFails() {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields fields = received(networkMapFields(), signed).without("signature-input")
                .with("Signature-Input", signed.signatureInput().replace("created=1618884473", "created=1618884474"));
        assertThat(failureOf(VERIFIER.verify(200, fields, BODY))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void droppedAlgParameterFails() {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields fields = received(networkMapFields(), signed).without("signature-input")
                .with("Signature-Input", signed.signatureInput().replace(";alg=\"ed25519\"", ""));
        assertThat(failureOf(VERIFIER.verify(200, fields, BODY))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void signatureWithoutAlgVerifies() {
        ResponseSigner noAlg = ResponseSigner.builder(RFC_PRIVATE, "test-key-ed25519").clock(AT_CREATED).includeAlg(false).build();
        SignedResponse signed = noAlg.sign(200, NETWORK_MAP, BODY);
        assertThat(signed.signatureInput()).doesNotContain("alg");
        assertThat(VERIFIER.verify(200, received(networkMapFields(), signed), BODY).isVerified()).isTrue();
    }

    @Test
    void otherAlgorithmIsRefused() {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields fields = received(networkMapFields(), signed).without("signature-input")
                .with("Signature-Input", signed.signatureInput().replace("\"ed25519\"", "\"hmac-sha256\""));
        assertThat(failureOf(VERIFIER.verify(200, fields, BODY))).isEqualTo(UNSUPPORTED_ALGORITHM);
    }

    // ------------------------------------------------------------------ missing / malformed / coverage

    @Test
    void missingFieldsAreNamed() {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields all = received(networkMapFields(), signed);
        for (String name : List.of("signature-input", "signature", "content-digest", "content-type")) {
            VerificationResult result = VERIFIER.verify(200, all.without(name), BODY);
            assertThat(failureOf(result)).as(name).isEqualTo(MISSING_FIELD);
            assertThat(((VerificationResult.Rejected) result).detail()).containsIgnoringCase(name);
        }
        assertThat(failureOf(VERIFIER.verify(200, HttpFields.builder().build(), BODY))).isEqualTo(MISSING_FIELD);
        assertThat(failureOf(VERIFIER.verify(200, null, null))).isEqualTo(MISSING_FIELD);
    }

    @Test
    void otherLabelIsMissingLabel() {
        SignedResponse signed = ResponseSigner.builder(RFC_PRIVATE, "test-key-ed25519").label("other").clock(AT_CREATED).build()
                .sign(200, NETWORK_MAP, BODY);
        assertThat(failureOf(VERIFIER.verify(200, received(networkMapFields(), signed), BODY))).isEqualTo(MISSING_LABEL);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "alto=(\"@status\" \"content-type\" \"content-digest\";created=1618884473;keyid=\"test-key-ed25519\"",
            "alto=(\"@status\" \"content-type\" \"content-digest\");created=1618884473;keyid=test-key",
            "alto=(\"@status\" \"content-type\" \"content-digest\");created=\"1618884473\";keyid=\"test-key-ed25519\"",
            "alto=(\"@status\" \"content-type\" \"content-digest\");keyid=\"test-key-ed25519\"",
            "alto=(\"@status\" \"content-type\" \"content-digest\");created=1618884473",
            "alto=(\"@status\" content-type \"content-digest\");created=1618884473;keyid=\"test-key-ed25519\"",
            "alto=(\"@status\" \"Content-Type\" \"content-digest\");created=1618884473;keyid=\"test-key-ed25519\"",
            "alto=(\"@status\" \"@status\" \"content-type\" \"content-digest\");created=1618884473;keyid=\"test-key-ed25519\"",
            "alto=\"@status\";created=1618884473;keyid=\"test-key-ed25519\"",
            "alto=(\"@status\" \"content-type\" \"content-digest\");created=1618884473;keyid=\"test-key-ed25519\",",
            "ALTO=(\"@status\")",
            "alto=(\"@status\" \"content-type\" \"content-digest\");created=-5;keyid=\"test-key-ed25519\"",
            "alto=(\"@status\" \"content-type\" \"content-digest\");created=1618884473;keyid=\"test-key-ed25519",
            "",
    })
    void malformedSignatureInputIsMalformed(String signatureInput) {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields fields = received(networkMapFields(), signed).without("signature-input").with("Signature-Input", signatureInput);
        assertThat(failureOf(VERIFIER.verify(200, fields, BODY))).isEqualTo(MALFORMED_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alto=:not base64!:", "alto=:abc", "alto=\"c2ln\"", "alto=(:c2ln:)", "alto", "alto=:YQ==:;x, ,"})
    void malformedSignatureIsMalformed(String signature) {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields fields = received(networkMapFields(), signed).without("signature").with("Signature", signature);
        assertThat(failureOf(VERIFIER.verify(200, fields, BODY))).isEqualTo(MALFORMED_FIELD);
    }

    @Test
    void malformedOrUnsupportedDigestAfterAValidSignatureIsReported() throws Exception {
        // a signer that signed a broken Content-Digest: the signature is fine, the digest is not
        for (Map.Entry<String, VerificationFailure> c : Map.of(
                "sha-256=abc", MALFORMED_FIELD,
                "sha-256=:@@:", MALFORMED_FIELD,
                "md5=:AAAA:", UNSUPPORTED_DIGEST).entrySet()) {
            SignatureBase base = SignatureBase.of(List.of(
                    new SignatureBase.Component("@status", "200"),
                    new SignatureBase.Component("content-type", NETWORK_MAP),
                    new SignatureBase.Component("content-digest", c.getKey())),
                    SignatureParameters.builder().created(CREATED.getEpochSecond()).keyId("test-key-ed25519").build());
            byte[] sig = ResponseSigner.signBase(RFC_PRIVATE, base);
            HttpFields fields = HttpFields.builder().add("Content-Type", NETWORK_MAP).add("Content-Digest", c.getKey())
                    .add("Signature-Input", "alto=" + base.signatureParamsValue())
                    .add("Signature", "alto=:" + Base64.getEncoder().encodeToString(sig) + ":").build();
            assertThat(failureOf(VERIFIER.verify(200, fields, BODY))).as(c.getKey()).isEqualTo(c.getValue());
        }
    }

    @Test
    void signatureThatCoversTooLittleIsRefusedEvenIfValid() {
        for (List<String> ids : List.of(List.of("@status"), List.of("@status", "content-type"), List.of("content-type", "content-digest"))) {
            HttpFields fields = signedOver(ids);
            assertThat(failureOf(VERIFIER.verify(200, fields, BODY))).as(ids.toString()).isEqualTo(INSUFFICIENT_COVERAGE);
        }
    }

    @Test
    void uncoveredEtagIsRefusedUnlessAllowed() {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields withEtag = received(networkMapFields(), signed).with("ETag", "\"injected\"");
        assertThat(failureOf(VERIFIER.verify(200, withEtag, BODY))).isEqualTo(INSUFFICIENT_COVERAGE);
        SignatureVerifier lenient = SignatureVerifier.builder().trust("test-key-ed25519", RFC_PUBLIC).clock(AT_CREATED)
                .requireEtagCoverage(false).build();
        assertThat(lenient.verify(200, withEtag, BODY).isVerified()).isTrue();
    }

    @Test
    void extraCoveredFieldsAreAcceptedAndDerivedOnesOtherThanStatusAreNot() {
        HttpFields extra = signedOver(List.of("@status", "content-type", "content-digest", "content-length"));
        assertThat(VERIFIER.verify(200, extra, BODY).orElseThrow().coveredComponents()).contains("content-length");
        HttpFields derived = signedOver(List.of("@status", "content-type", "content-digest", "@method"));
        assertThat(failureOf(VERIFIER.verify(200, derived, BODY))).isEqualTo(UNSUPPORTED_COMPONENT);
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields withParam = received(networkMapFields(), signed).without("signature-input")
                .with("Signature-Input", signed.signatureInput().replace("\"content-type\"", "\"content-type\";sf"));
        assertThat(failureOf(VERIFIER.verify(200, withParam, BODY))).isEqualTo(UNSUPPORTED_COMPONENT);
    }

    /** A correctly signed response whose signature covers exactly these components. */
    private static HttpFields signedOver(List<String> ids) {
        String digest = ContentDigest.fieldValue(BODY);
        HttpFields fields = networkMapFields().with("Content-Digest", digest);
        List<SignatureBase.Component> components = ids.stream()
                .map(id -> new SignatureBase.Component(id, id.equals("@status") ? "200"
                        : id.equals("@method") ? "GET" : fields.value(id).orElseThrow()))
                .toList();
        SignatureBase base = SignatureBase.of(components,
                SignatureParameters.builder().created(CREATED.getEpochSecond()).keyId("test-key-ed25519").build());
        return fields.with("Signature-Input", "alto=" + base.signatureParamsValue())
                .with("Signature", "alto=:" + Base64.getEncoder().encodeToString(ResponseSigner.signBase(RFC_PRIVATE, base)) + ":");
    }

    // ------------------------------------------------------------------ time

    @Test
    void maxAgeAndClockSkew() {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields fields = received(networkMapFields(), signed);
        SignatureVerifier.Builder base = SignatureVerifier.builder().trust("test-key-ed25519", RFC_PUBLIC).maxAge(Duration.ofMinutes(5));
        assertThat(base.clock(Clock.offset(AT_CREATED, Duration.ofMinutes(5))).build().verify(200, fields, BODY).isVerified()).isTrue();
        VerificationResult old = base.clock(Clock.offset(AT_CREATED, Duration.ofMinutes(5).plusSeconds(1))).build().verify(200, fields, BODY);
        assertThat(failureOf(old)).isEqualTo(TOO_OLD);
        assertThat(((VerificationResult.Rejected) old).detail()).contains("2021-04-20T02:07:53Z");
        assertThat(base.clock(Clock.offset(AT_CREATED, Duration.ofSeconds(-60))).build().verify(200, fields, BODY).isVerified()).isTrue();
        assertThat(failureOf(base.clock(Clock.offset(AT_CREATED, Duration.ofSeconds(-61))).build().verify(200, fields, BODY)))
                .isEqualTo(CREATED_IN_FUTURE);
        // without maxAge, age is not checked
        assertThat(SignatureVerifier.builder().trust("test-key-ed25519", RFC_PUBLIC).build().verify(200, fields, BODY).isVerified()).isTrue();
    }

    @Test
    void expiresAndExtremeValuesAreHandled() {
        String digest = ContentDigest.fieldValue(BODY);
        SignatureBase base = SignatureBase.of(ResponseSigner.components(200, networkMapFields(), digest),
                SignatureParameters.builder().created(CREATED.getEpochSecond()).expires(CREATED.getEpochSecond() + 30)
                        .keyId("test-key-ed25519").build());
        HttpFields fields = networkMapFields().with("Content-Digest", digest)
                .with("Signature-Input", "alto=" + base.signatureParamsValue())
                .with("Signature", "alto=:" + Base64.getEncoder().encodeToString(ResponseSigner.signBase(RFC_PRIVATE, base)) + ":");
        SignatureVerifier.Builder noSkew = SignatureVerifier.builder().trust("test-key-ed25519", RFC_PUBLIC).clockSkew(Duration.ZERO);
        assertThat(noSkew.clock(Clock.offset(AT_CREATED, Duration.ofSeconds(30))).build().verify(200, fields, BODY).isVerified()).isTrue();
        assertThat(failureOf(noSkew.clock(Clock.offset(AT_CREATED, Duration.ofSeconds(31))).build().verify(200, fields, BODY)))
                .isEqualTo(TOO_OLD);

        SignatureVerifier huge = SignatureVerifier.builder().trust("test-key-ed25519", RFC_PUBLIC).clock(AT_CREATED)
                .maxAge(Duration.ofSeconds(Long.MAX_VALUE)).clockSkew(Duration.ofSeconds(Long.MAX_VALUE)).build();
        assertThat(huge.verify(200, received(networkMapFields(), SIGNER.sign(200, NETWORK_MAP, BODY)), BODY).isVerified()).isTrue();
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields farFuture = received(networkMapFields(), signed).without("signature-input")
                .with("Signature-Input", signed.signatureInput().replace("created=1618884473", "created=999999999999999"));
        assertThat(failureOf(VERIFIER.verify(200, farFuture, BODY))).isEqualTo(CREATED_IN_FUTURE);
        assertThat(failureOf(huge.verify(200, farFuture, BODY))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void orElseThrowCarriesTheReason() {
        assertThatThrownBy(() -> VERIFIER.verify(200, networkMapFields(), BODY).orElseThrow())
                .isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).failure()).isEqualTo(MISSING_FIELD))
                .hasMessageContaining("Signature-Input");
    }

    // ------------------------------------------------------------------ robustness

    @Test
    void randomlyMutatedFieldsNeverThrow() {
        SignedResponse signed = SIGNER.sign(200, NETWORK_MAP, BODY);
        HttpFields good = received(networkMapFields(), signed);
        String alphabet = "\"();:=,* \t-_.?01aA/+\\@";
        SplittableRandom random = new SplittableRandom(9421);
        int verified = 0;
        for (int n = 0; n < 5_000; n++) {
            String name = List.of("signature-input", "signature", "content-digest").get(random.nextInt(3));
            StringBuilder value = new StringBuilder(good.value(name).orElseThrow());
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && !value.isEmpty(); e++) {
                int at = random.nextInt(value.length());
                switch (random.nextInt(3)) {
                    case 0 -> value.deleteCharAt(at);
                    case 1 -> value.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> value.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            VerificationResult result = VERIFIER.verify(200, good.without(name).with(name, value.toString()), BODY);
            if (result.isVerified()) {
                verified++;
            }
        }
        // a few edits are harmless (whitespace between members, base64 padding), none crash
        assertThat(verified).isLessThan(500);
    }

    @Test
    void signerRefusesBadInput() throws Exception {
        assertThatThrownBy(() -> SIGNER.sign(200, HttpFields.builder().build(), BODY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Content-Type");
        assertThatThrownBy(() -> SIGNER.sign(200, "text/plain\r\nX-Evil: 1", BODY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseSigner.builder(RFC_PRIVATE, "bad\"id\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseSigner.builder(RFC_PRIVATE, "k").label("Alto"))
                .isInstanceOf(IllegalArgumentException.class);
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        assertThatThrownBy(() -> ResponseSigner.builder(rsa.getPrivate(), "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Ed25519");
        assertThatThrownBy(() -> SignatureVerifier.builder().trust("k", rsa.getPublic()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Ed25519");
    }

    @Test
    void keyIdWithQuotesAndBackslashesIsEscapedAndVerifies() {
        ResponseSigner odd = ResponseSigner.builder(RFC_PRIVATE, "k\"1\\x").clock(AT_CREATED).build();
        SignedResponse signed = odd.sign(500, "application/alto-error+json", BODY);
        assertThat(signed.signatureInput()).contains("keyid=\"k\\\"1\\\\x\"");
        SignatureVerifier verifier = SignatureVerifier.builder().trust("k\"1\\x", RFC_PUBLIC).clock(AT_CREATED).build();
        HttpFields fields = received(HttpFields.builder().add("Content-Type", "application/alto-error+json").build(), signed);
        assertThat(verifier.verify(500, fields, BODY).isVerified()).isTrue();
    }
}
