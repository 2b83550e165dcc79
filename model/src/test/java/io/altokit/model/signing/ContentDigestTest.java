package io.altokit.model.signing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentDigestTest {
    static final byte[] BODY = "{\"hello\": \"world\"}".getBytes(StandardCharsets.US_ASCII);
    static final String SHA256 = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:";
    static final String SHA512 = "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";

    @Test
    void acceptsEitherSupportedAlgorithmAndIgnoresUnknownOnes() {
        assertThat(ContentDigest.verify(SHA256, BODY)).isEqualTo(ContentDigest.Algorithm.SHA_256);
        assertThat(ContentDigest.verify(SHA512, BODY)).isEqualTo(ContentDigest.Algorithm.SHA_512);
        assertThat(ContentDigest.verify(SHA256 + ", " + SHA512, BODY)).isEqualTo(ContentDigest.Algorithm.SHA_512);
        assertThat(ContentDigest.verify("unixsum=:AAAA:, " + SHA256, BODY)).isEqualTo(ContentDigest.Algorithm.SHA_256);
        assertThat(ContentDigest.verify("  " + SHA256 + "  ", BODY)).isEqualTo(ContentDigest.Algorithm.SHA_256);
        assertThat(ContentDigest.fieldValue(BODY, ContentDigest.Algorithm.SHA_256, ContentDigest.Algorithm.SHA_512))
                .isEqualTo(SHA256 + ", " + SHA512);
    }

    @Test
    void rejectsWithTheReason() {
        byte[] other = "{\"hello\": \"World\"}".getBytes(StandardCharsets.US_ASCII);
        expect(SHA256, other, VerificationFailure.DIGEST_MISMATCH);
        expect(SHA256 + ", sha-512=:AAAA:", BODY, VerificationFailure.DIGEST_MISMATCH); // every supported one must match
        expect("md5=:AAAA:", BODY, VerificationFailure.UNSUPPORTED_DIGEST);
        expect("SHA-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", BODY, VerificationFailure.MALFORMED_FIELD);
        expect("sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", BODY, VerificationFailure.MALFORMED_FIELD);
        expect("sha-256=\"X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=\"", BODY, VerificationFailure.MALFORMED_FIELD);
        expect("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", BODY, VerificationFailure.MALFORMED_FIELD);
        expect("sha-256", BODY, VerificationFailure.MALFORMED_FIELD);
        expect("", BODY, VerificationFailure.MALFORMED_FIELD);
        expect(SHA256 + ",", BODY, VerificationFailure.MALFORMED_FIELD);
    }

    private static void expect(String field, byte[] body, VerificationFailure failure) {
        assertThatThrownBy(() -> ContentDigest.verify(field, body)).as(field)
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.failure()).isEqualTo(failure));
    }
}
