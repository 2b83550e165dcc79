package io.altokit.client;

import io.altokit.model.CostMode;
import io.altokit.model.CostType;
import io.altokit.model.EndpointCostRequest;
import io.altokit.model.TypedAddress;
import io.altokit.model.signing.ContentDigest;
import io.altokit.model.signing.PemKeys;
import io.altokit.model.signing.ResponseSigner;
import io.altokit.model.signing.VerificationFailure;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.ResponseSigning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signed guidance end to end: a real signing server, an on-path attacker rewriting answers, and
 * clients that do and do not verify. A forged answer must never reach the ranking.
 */
class SignedGuidanceTest {
    private static final CostType ROUTING = new CostType("routingcost", CostMode.NUMERICAL);
    private static final InetAddress SOURCE = address("10.1.0.1");
    private static final List<InetAddress> PEERS = List.of(address("10.2.5.9"), address("10.1.0.9"), address("10.2.0.9"));
    /** Asked before the attack starts: the first answer to the targeted resource passes and is recorded. */
    private static final EndpointCostRequest EARLIER_QUERY = query(SOURCE, PEERS.subList(0, 2));

    private final KeyPair serverKey = generate();
    private InProcessServer server;
    private TamperingProxy proxy;

    /** How the attacker rewrites answers to the query it targets. */
    enum Forgery {
        /** One cost changed, the fields left as they were. */
        CHANGED_COST(VerificationFailure.DIGEST_MISMATCH),
        /** One cost changed and Content-Digest recomputed to match: the signature no longer does. */
        CHANGED_COST_AND_DIGEST(VerificationFailure.BAD_SIGNATURE),
        /** Signature fields removed, as a downgrade to unsigned guidance. */
        SIGNATURE_STRIPPED(VerificationFailure.MISSING_FIELD),
        /** A genuine signed answer to an earlier query, replayed as the answer to every later one. */
        REPLAYED_FOR_ANOTHER_QUERY(VerificationFailure.BAD_SIGNATURE);

        final VerificationFailure expected;

        Forgery(VerificationFailure expected) {
            this.expected = expected;
        }
    }

    @BeforeEach
    void start() throws Exception {
        ResponseSigner signer = ResponseSigner.builder(serverKey.getPrivate()).build();
        server = new InProcessServer(new Protection(List.of(), List.of(new ResponseSigning(signer, Duration.ofMinutes(1)))));
        proxy = new TamperingProxy(server.directoryUri());
    }

    @AfterEach
    void stop() {
        proxy.close();
        server.close();
    }

    private AltoClient verifyingClient() {
        return AltoClient.builder(proxy.directoryUri()).maxAttempts(3).verifySignatures(serverKey.getPublic()).build();
    }

    @Test
    void aVerifyingClientAcceptsGenuineGuidanceOfEveryKind() {
        try (AltoClient client = verifyingClient()) {
            assertThat(client.networkMap().vtag().resourceId()).isEqualTo("default-network-map");
            assertThat(client.costMap(ROUTING).costs().srcs()).contains("a", "b", "c");
            assertThat(client.endpointCost(query(SOURCE, PEERS)).costs().srcs()).containsExactly("ipv4:10.1.0.1");
            for (PeerRanker.Strategy strategy : PeerRanker.Strategy.values()) {
                Ranking ranking = PeerRanker.builder(client).strategy(strategy).randomShare(0).build().rank(SOURCE, PEERS);
                assertThat(ranking.status()).as(strategy.name()).isEqualTo(Ranking.Status.OK);
                assertThat(ranking.peers().getFirst().address()).isEqualTo(address("10.1.0.9"));
            }
            assertThat(client.stats().retries()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Forgery.class)
    void aForgedEndpointCostAnswerIsRejectedNeverRetriedAndRankingIsUnavailable(Forgery forgery) {
        proxy.tamper(forging(forgery, "/endpointcost/lookup"));
        try (AltoClient client = verifyingClient()) {
            client.endpointCost(EARLIER_QUERY); // passes untouched (the replay attack records it)
            long requestsBefore = client.stats().requests();

            assertThatThrownBy(() -> client.endpointCost(query(SOURCE, PEERS)))
                    .isInstanceOfSatisfying(AltoSignatureException.class,
                            e -> assertThat(e.failure()).isEqualTo(forgery.expected));
            assertThat(client.stats().requests() - requestsBefore).as("one attempt, no retry").isEqualTo(1);

            Ranking ranking = PeerRanker.builder(client).build().rank(SOURCE, PEERS);
            assertThat(ranking.status()).isEqualTo(Ranking.Status.UNAVAILABLE);
            assertThat(ranking.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("signature"));
            assertThat(ranking.peers()).extracting(RankedPeer::address).containsExactlyElementsOf(PEERS);
        }
        // Without verification the same forgery goes unnoticed: the ranking uses whatever arrived.
        try (AltoClient trusting = AltoClient.builder(proxy.directoryUri()).build()) {
            assertThat(PeerRanker.builder(trusting).build().rank(SOURCE, PEERS).status()).isNotEqualTo(Ranking.Status.UNAVAILABLE);
        }
    }

    @Test
    void aForgedCostMapMakesMapRankingUnavailable() {
        proxy.tamper(forging(Forgery.CHANGED_COST_AND_DIGEST, "/costmap/"));
        try (AltoClient client = verifyingClient()) {
            client.costMap(new CostType("hopcount", CostMode.NUMERICAL)); // the untouched first answer
            Ranking ranking = PeerRanker.builder(client).strategy(PeerRanker.Strategy.MAPS).build().rank(SOURCE, PEERS);
            assertThat(ranking.status()).isEqualTo(Ranking.Status.UNAVAILABLE);
            assertThat(ranking.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("BAD_SIGNATURE"));
        }
    }

    @Test
    void answersSignedWithAnotherKeyAreRejected() {
        KeyPair otherKey = generate();
        try (AltoClient client = AltoClient.builder(server.directoryUri()).verifySignatures(otherKey.getPublic()).build()) {
            assertThatThrownBy(client::networkMap).isInstanceOfSatisfying(AltoSignatureException.class,
                    e -> assertThat(e.failure()).isEqualTo(VerificationFailure.UNKNOWN_KEYID));
        }
        // the server's keyid, but not the server's key
        String serverKeyId = PemKeys.thumbprint(serverKey.getPublic());
        try (AltoClient client = AltoClient.builder(server.directoryUri()).verifySignatures(serverKeyId, otherKey.getPublic()).build()) {
            assertThatThrownBy(client::networkMap).isInstanceOfSatisfying(AltoSignatureException.class,
                    e -> assertThat(e.failure()).isEqualTo(VerificationFailure.BAD_SIGNATURE));
        }
    }

    @Test
    void rotationTrustsTheOldAndTheNewKey() {
        try (AltoClient client = AltoClient.builder(server.directoryUri())
                .verifySignatures(generate().getPublic()).verifySignatures(serverKey.getPublic()).build()) {
            assertThat(client.networkMap().vtag().resourceId()).isEqualTo("default-network-map");
        }
    }

    /**
     * Rewrites answers to paths starting with {@code target}, except the first, which passes and is
     * recorded (a replay serves it from then on).
     */
    private static UnaryOperator<TamperingProxy.Answer> forging(Forgery forgery, String target) {
        AtomicReference<TamperingProxy.Answer> recorded = new AtomicReference<>();
        return answer -> {
            if (!answer.path().startsWith(target) || answer.status() != 200 || recorded.compareAndSet(null, answer)) {
                return answer;
            }
            Map<String, List<String>> headers = new HashMap<>(answer.headers());
            return switch (forgery) {
                case CHANGED_COST -> new TamperingProxy.Answer(answer.path(), 200, headers, changeLastDigit(answer.body()));
                case CHANGED_COST_AND_DIGEST -> {
                    byte[] body = changeLastDigit(answer.body());
                    headers.keySet().removeIf(name -> name.equalsIgnoreCase("content-digest"));
                    headers.put("Content-Digest", List.of(ContentDigest.fieldValue(body)));
                    yield new TamperingProxy.Answer(answer.path(), 200, headers, body);
                }
                case SIGNATURE_STRIPPED -> {
                    headers.keySet().removeIf(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("signature"));
                    yield new TamperingProxy.Answer(answer.path(), 200, headers, answer.body());
                }
                case REPLAYED_FOR_ANOTHER_QUERY -> recorded.get();
            };
        };
    }

    /** A cost changed by one: the last digit of the JSON body. */
    private static byte[] changeLastDigit(byte[] body) {
        byte[] changed = body.clone();
        for (int i = changed.length - 1; i >= 0; i--) {
            if (changed[i] >= '0' && changed[i] <= '9') {
                changed[i] = (byte) (changed[i] == '9' ? '1' : changed[i] + 1);
                return changed;
            }
        }
        throw new AssertionError("no digit in " + new String(body));
    }

    private static EndpointCostRequest query(InetAddress source, List<InetAddress> peers) {
        return new EndpointCostRequest(ROUTING, List.of(), List.of(TypedAddress.of(source)),
                peers.stream().map(TypedAddress::of).toList());
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
