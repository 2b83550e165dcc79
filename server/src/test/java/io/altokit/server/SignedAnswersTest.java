package io.altokit.server;

import io.altokit.model.MediaTypes;
import io.altokit.model.signing.ContentDigest;
import io.altokit.model.signing.HttpFields;
import io.altokit.model.signing.RequestBinding;
import io.altokit.model.signing.ResponseSigner;
import io.altokit.model.signing.SignatureVerifier;
import io.altokit.model.signing.VerificationFailure;
import io.altokit.model.signing.VerificationResult;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.ResponseSigning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Every 200 the server sends carries a signature a client can check; errors and 304s carry none. */
class SignedAnswersTest {
    private static final String ECS_QUERY = """
            {"cost-type": {"cost-mode": "numerical", "cost-metric": "routingcost"},
             "endpoints": {"srcs": ["ipv4:10.1.0.1"], "dsts": ["ipv4:10.2.5.1", "ipv4:10.2.0.1"]}}""";
    private static final String OTHER_ECS_QUERY = ECS_QUERY.replace("10.2.0.1", "10.2.0.2");

    private final KeyPair keys = generate();
    /** A clock the test moves, in whole seconds (the signature's {@code created}). */
    private final AtomicLong seconds = new AtomicLong(1_800_000_000L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds.get());
        }
    };
    private final SignatureVerifier verifier = SignatureVerifier.builder().trust(keys.getPublic()).clock(clock).build();
    private ServerFixture fixture;

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void start() throws Exception {
        fixture = serving(Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private ServerFixture serving(Duration resignAfter) throws InterruptedException {
        ResponseSigner signer = ResponseSigner.builder(keys.getPrivate()).clock(clock).build();
        return new ServerFixture(new Protection(List.of(), List.of(new ResponseSigning(signer, resignAfter))));
    }

    private static VerificationResult verify(SignatureVerifier verifier, HttpResponse<byte[]> response) {
        return verifier.verify(response.statusCode(), HttpFields.of(response.headers().map()), response.body());
    }

    private HttpResponse<byte[]> postEcs(String query, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(fixture.uri("/endpointcost/lookup"))
                .header("Content-Type", MediaTypes.ENDPOINT_COST_PARAMS)
                .POST(HttpRequest.BodyPublishers.ofString(query));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return fixture.send(request);
    }

    private static RequestBinding binding(String query) {
        return RequestBinding.withBody("POST", "/endpointcost/lookup", query.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fullMapsAndTheDirectoryAreSignedOncePerRepresentation() throws Exception {
        for (String path : List.of("/directory", "/networkmap", "/costmap/num-routingcost")) {
            HttpResponse<byte[]> first = fixture.get(path);
            assertThat(verify(verifier, first).orElseThrow().coveredComponents())
                    .containsExactly("@status", "content-type", "content-digest", "etag");
            seconds.addAndGet(5);
            HttpResponse<byte[]> second = fixture.get(path);
            // reused, not signed anew: created (and so the signature) is that of the first answer
            assertThat(second.headers().firstValue("Signature")).isEqualTo(first.headers().firstValue("Signature"));
            assertThat(verify(verifier, second).isVerified()).isTrue();
        }
    }

    @Test
    void aSharedSignatureIsRenewedOnceItIsResignAfterOld() throws Exception {
        fixture.close();
        fixture = serving(Duration.ofNanos(1));
        HttpResponse<byte[]> first = fixture.get("/networkmap");
        seconds.addAndGet(5);
        HttpResponse<byte[]> second = fixture.get("/networkmap");
        assertThat(second.headers().firstValue("Signature")).isNotEqualTo(first.headers().firstValue("Signature"));
        assertThat(verify(verifier, second).orElseThrow().created()).isEqualTo(Instant.ofEpochSecond(seconds.get()));
    }

    @Test
    void gzipAndIdentityVariantsEachCarryTheirOwnDigestAndSignature() throws Exception {
        HttpResponse<byte[]> identity = fixture.get("/directory");
        HttpResponse<byte[]> gzipped = fixture.get("/directory", "Accept-Encoding", "gzip");
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");

        assertThat(verify(verifier, identity).isVerified()).isTrue();
        assertThat(verify(verifier, gzipped).isVerified()).isTrue();
        assertThat(gzipped.headers().firstValue("Content-Digest")).contains(ContentDigest.fieldValue(gzipped.body()));
        assertThat(gzipped.headers().firstValue("Signature")).isNotEqualTo(identity.headers().firstValue("Signature"));
    }

    @Test
    void endpointCostAnswersAreSignedPerQueryAndBoundToIt() throws Exception {
        String digest = ContentDigest.fieldValue(ECS_QUERY.getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> answer = postEcs(ECS_QUERY, "Content-Digest", digest);
        HttpResponse<byte[]> other = postEcs(OTHER_ECS_QUERY, "Content-Digest",
                ContentDigest.fieldValue(OTHER_ECS_QUERY.getBytes(StandardCharsets.UTF_8)));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(other.headers().firstValue("Signature")).isNotEqualTo(answer.headers().firstValue("Signature"));

        HttpFields fields = HttpFields.of(answer.headers().map());
        assertThat(verifier.verify(200, fields, answer.body(), binding(ECS_QUERY)).orElseThrow().coveredComponents())
                .contains("@method;req", "@path;req", "content-digest;req");
        // the answer to one query, replayed as the answer to another, fails
        VerificationResult replayed = verifier.verify(200, fields, answer.body(), binding(OTHER_ECS_QUERY));
        assertThat(replayed).isEqualTo(new VerificationResult.Rejected(VerificationFailure.BAD_SIGNATURE,
                ((VerificationResult.Rejected) replayed).detail()));
    }

    @Test
    void aRequestDigestThatDoesNotMatchTheBodyIsNotSigned() throws Exception {
        String wrong = ContentDigest.fieldValue(OTHER_ECS_QUERY.getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> answer = postEcs(ECS_QUERY, "Content-Digest", wrong);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Signature-Input").orElseThrow())
                .contains("\"@path\";req").doesNotContain("\"content-digest\";req");
        assertThat(verifier.verify(200, HttpFields.of(answer.headers().map()), answer.body(), binding(ECS_QUERY)))
                .isInstanceOf(VerificationResult.Rejected.class);
    }

    @Test
    void tipsEdgesAreSignedAnswersAndSoIsALongPollAnsweredLater() throws Exception {
        String view = ServerFixture.json(fixture.post("/tips", MediaTypes.TIPS_PARAMS, "{'resource-id':'costmap-num-routingcost'}"))
                .path("tips-view-uri").asText();
        HttpResponse<byte[]> snapshot = fixture.get(view + "/ug/0/1");
        assertThat(verify(verifier, snapshot).orElseThrow().coveredComponents()).contains("content-digest", "etag");
        HttpResponse<byte[]> patch;
        try (HttpClient http = HttpClient.newHttpClient()) {
            CompletableFuture<HttpResponse<byte[]>> poll = http.sendAsync(HttpRequest.newBuilder(fixture.uri(view + "/ug/1/2"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
            fixture.informationBase.publish(TestNetwork.snapshot().toBuilder().cost("routingcost", "a", "b", 7).build());
            patch = poll.get(20, TimeUnit.SECONDS);
        }
        assertThat(patch.statusCode()).isEqualTo(200);
        assertThat(patch.headers().firstValue("Content-Type")).as("one cell: the JSON patch").contains(MediaTypes.JSON_PATCH);
        assertThat(verify(verifier, patch).isVerified()).as("signed when it was written, not when it was asked").isTrue();
    }

    @Test
    void errorsCarryNoSignature() throws Exception {
        HttpResponse<byte[]> missing = fixture.get("/nowhere");
        HttpResponse<byte[]> bad = postEcs("{");
        for (HttpResponse<byte[]> response : List.of(missing, bad)) {
            assertThat(response.headers().firstValue("Signature")).as("status %d", response.statusCode()).isEmpty();
        }
        assertThat(List.of(missing.statusCode(), bad.statusCode())).containsExactly(404, 400);
    }

    @Test
    void aNotModifiedFreshensTheSignatureOfTheStoredAnswer() throws Exception {
        fixture.close();
        fixture = serving(Duration.ofNanos(1));
        HttpResponse<byte[]> stored = fixture.get("/networkmap");
        seconds.addAndGet(120);
        HttpResponse<byte[]> notModified = fixture.get("/networkmap", "If-None-Match",
                stored.headers().firstValue("ETag").orElseThrow());
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().firstValue("Content-Type")).isEmpty();

        SignatureVerifier strict = SignatureVerifier.builder().trust(keys.getPublic()).clock(clock).maxAge(Duration.ofSeconds(60)).build();
        HttpFields storedFields = HttpFields.of(stored.headers().map());
        assertThat(strict.verify(200, storedFields, stored.body())).isInstanceOf(VerificationResult.Rejected.class);
        // what a cache does with a 304 (RFC 9111 section 4.3.4): the stored answer with the 304's fields
        HttpFields freshened = storedFields;
        for (String name : List.of("ETag", "Content-Digest", "Signature-Input", "Signature")) {
            freshened = freshened.without(name).with(name, notModified.headers().firstValue(name).orElseThrow());
        }
        assertThat(strict.verify(200, freshened, stored.body()).orElseThrow().created()).isEqualTo(Instant.ofEpochSecond(seconds.get()));
    }

    @Test
    void withoutSigningThereIsNothingToVerify() throws Exception {
        try (ServerFixture unsigned = new ServerFixture()) {
            HttpResponse<byte[]> map = unsigned.get("/networkmap");
            assertThat(verify(verifier, map)).isInstanceOf(VerificationResult.Rejected.class);
        }
    }
}
