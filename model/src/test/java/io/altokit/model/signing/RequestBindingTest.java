package io.altokit.model.signing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import static io.altokit.model.signing.ResponseSigningTest.AT_CREATED;
import static io.altokit.model.signing.ResponseSigningTest.RFC_PRIVATE;
import static io.altokit.model.signing.ResponseSigningTest.RFC_PUBLIC;
import static io.altokit.model.signing.ResponseSigningTest.SIGNER;
import static io.altokit.model.signing.ResponseSigningTest.VERIFIER;
import static io.altokit.model.signing.ResponseSigningTest.failureOf;
import static io.altokit.model.signing.ResponseSigningTest.received;
import static org.assertj.core.api.Assertions.assertThat;

/** Responses bound to the request they answer ({@code ;req} components), and default keyids. */
class RequestBindingTest {
    private static final String ECS = "application/alto-endpointcost+json";
    private static final byte[] ANSWER = "{\"endpoint-cost-map\":{}}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUERY = "{\"endpoints\":{\"srcs\":[\"ipv4:10.0.0.1\"]}}".getBytes(StandardCharsets.US_ASCII);
    private static final HttpFields FIELDS = HttpFields.builder().add("Content-Type", ECS).build();

    @Test
    void theBaseCoversMethodPathAndTheRequestDigest() {
        RequestBinding request = RequestBinding.withBody("POST", "/endpointcost/lookup", QUERY);
        SignedResponse signed = SIGNER.sign(200, FIELDS, ANSWER, request);

        assertThat(signed.signatureBase().text()).contains("""
                "@method";req: POST
                "@path";req: /endpointcost/lookup
                "content-digest";req: sha-256=:""");
        assertThat(signed.signatureInput()).startsWith(
                "alto=(\"@status\" \"content-type\" \"content-digest\" \"@method\";req \"@path\";req \"content-digest\";req)");
        VerificationResult.Verified ok = VERIFIER.verify(200, received(FIELDS, signed), ANSWER, request).orElseThrow();
        assertThat(ok.coveredComponents()).endsWith("@method;req", "@path;req", "content-digest;req");
    }

    @Test
    void anAnswerReplayedForAnotherQueryOrPathIsRejected() {
        SignedResponse signed = SIGNER.sign(200, FIELDS, ANSWER, RequestBinding.withBody("POST", "/endpointcost/lookup", QUERY));
        HttpFields fields = received(FIELDS, signed);

        byte[] otherQuery = "{\"endpoints\":{\"srcs\":[\"ipv4:10.0.0.2\"]}}".getBytes(StandardCharsets.US_ASCII);
        assertThat(failureOf(VERIFIER.verify(200, fields, ANSWER, RequestBinding.withBody("POST", "/endpointcost/lookup", otherQuery))))
                .isEqualTo(VerificationFailure.BAD_SIGNATURE);
        assertThat(failureOf(VERIFIER.verify(200, fields, ANSWER, RequestBinding.withBody("POST", "/costmap/filtered", QUERY))))
                .isEqualTo(VerificationFailure.BAD_SIGNATURE);
    }

    @Test
    void aClientThatSentARequestInsistsOnTheBinding() {
        SignedResponse unbound = SIGNER.sign(200, FIELDS, ANSWER);
        RequestBinding request = RequestBinding.withBody("POST", "/endpointcost/lookup", QUERY);
        assertThat(failureOf(VERIFIER.verify(200, received(FIELDS, unbound), ANSWER, request)))
                .isEqualTo(VerificationFailure.INSUFFICIENT_COVERAGE);

        // bound to method and path only (the request had no Content-Digest) is not enough for a request that had one
        SignedResponse pathOnly = SIGNER.sign(200, FIELDS, ANSWER, new RequestBinding("POST", "/endpointcost/lookup", Optional.empty()));
        assertThat(failureOf(VERIFIER.verify(200, received(FIELDS, pathOnly), ANSWER, request)))
                .isEqualTo(VerificationFailure.INSUFFICIENT_COVERAGE);
    }

    @Test
    void requestComponentsCannotBeCheckedWithoutTheRequest() {
        SignedResponse bound = SIGNER.sign(200, FIELDS, ANSWER, RequestBinding.withBody("POST", "/x", QUERY));
        assertThat(failureOf(VERIFIER.verify(200, received(FIELDS, bound), ANSWER)))
                .isEqualTo(VerificationFailure.UNSUPPORTED_COMPONENT);
    }

    @Test
    void theDefaultKeyIdIsTheRfc7638ThumbprintOfThePublicKey() throws Exception {
        // RFC 8037 appendix A.2/A.3: the thumbprint of the example Ed25519 key
        byte[] raw = Base64.getUrlDecoder().decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
        byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        assertThat(PemKeys.thumbprint(key)).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");

        ResponseSigner signer = ResponseSigner.builder(RFC_PRIVATE).clock(AT_CREATED).build();
        assertThat(signer.keyId()).isEqualTo(PemKeys.thumbprint(RFC_PUBLIC));
        SignatureVerifier byThumbprint = SignatureVerifier.builder().trust(RFC_PUBLIC).clock(AT_CREATED).build();
        SignedResponse signed = signer.sign(200, FIELDS, ANSWER);
        assertThat(byThumbprint.verify(200, received(FIELDS, signed), ANSWER).isVerified()).isTrue();
    }
}
