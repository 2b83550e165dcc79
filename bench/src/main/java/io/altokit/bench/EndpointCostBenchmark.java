package io.altokit.bench;

import io.altokit.core.InformationBase;
import io.altokit.model.signing.ContentDigest;
import io.altokit.model.signing.ResponseSigner;
import io.altokit.app.ExampleNetwork;
import io.altokit.server.Dispatcher;
import io.altokit.server.ServerConfig;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Reply;
import io.altokit.server.privacy.CostDisclosure;
import io.altokit.server.privacy.PrivacyPolicy;
import io.altokit.server.protection.PrivacyPolicies;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.ReplyDecorator;
import io.altokit.server.protection.ResponseSigning;
import io.altokit.server.protection.budget.EndpointBudget;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ALTO work of one endpoint cost request of the HTTP benchmark, without the transport: decode,
 * locate, rank, encode, through the same {@link Dispatcher} the server uses. The body is the one
 * {@code bench/http/make-post-lua.sh} writes (1 source, 100 destinations, ordinal routingcost).
 * {@code privacy}: none (no protection), an ordinal-only default policy (answered from its own
 * catalog), or a distinct-endpoint budget guard (the request decoded once more to count endpoints).
 * With {@code signing=on} the answer is also signed as the server sends it (Content-Digest, RFC 9421
 * Ed25519 bound to the request, whose Content-Digest a verifying client sends and the server checks).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EndpointCostBenchmark {

    /** Written by {@code bench/http/make-post-lua.sh DIR}. */
    @Param("bench/target/ecs/ecs-request.json")
    public String requestFile;

    @Param({"none", "ordinal-only", "budget"})
    public String privacy;

    @Param({"off", "on"})
    public String signing;

    private Dispatcher dispatcher;
    private AltoRequest request;
    private AltoRequest networkMapRequest;

    @Setup
    public void setUp() throws IOException, GeneralSecurityException {
        Path file = Path.of(requestFile);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " is missing: run bench/http/make-post-lua.sh "
                    + file.getParent());
        }
        boolean signed = signing.equals("on");
        dispatcher = new Dispatcher(new InformationBase(ExampleNetwork.snapshot()), ServerConfig.defaults(),
                protection(signed ? List.of(signing()) : List.of()));
        byte[] body = Files.readAllBytes(file);
        request = new AltoRequest("POST", "/endpointcost/lookup",
                Optional.of("application/alto-endpointcost+json,application/alto-error+json"),
                Optional.of("application/alto-endpointcostparams+json"), Optional.empty(),
                body, InetAddress.getLoopbackAddress(), Optional.empty(), Optional.empty(),
                signed ? Optional.of(ContentDigest.fieldValue(body)) : Optional.empty());
        networkMapRequest = new AltoRequest("GET", "/networkmap", Optional.empty(), Optional.empty(), Optional.empty(),
                new byte[0], InetAddress.getLoopbackAddress());
        Reply reply = dispatcher.dispatch(request);
        if (reply.status() != 200) {
            throw new IllegalStateException("the benchmark request fails: " + new String(reply.body().identity()));
        }
    }

    private Protection protection(List<ReplyDecorator> decorators) {
        return switch (privacy) {
            case "none" -> new Protection(List.of(), decorators);
            case "ordinal-only" -> new Protection(List.of(), decorators, new PrivacyPolicies(
                    new PrivacyPolicy(new CostDisclosure.OrdinalOnly(), true, false), Map.of()));
            case "budget" -> new Protection(List.of(new EndpointBudget(
                    new EndpointBudget.Settings(1_000, Duration.ofHours(1), 10_000))), decorators);
            default -> throw new IllegalArgumentException("privacy: none, ordinal-only or budget, got " + privacy);
        };
    }

    /** Every answer signed with a fresh Ed25519 key. */
    private static ReplyDecorator signing() throws GeneralSecurityException {
        return new ResponseSigning(ResponseSigner.builder(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate())
                .build(), Duration.ofMinutes(1));
    }

    /** The answer and the fields that depend on its bytes (none unless signing), as the transport asks for them. */
    @Benchmark
    public Map<String, String> endpointCost() {
        return dispatcher.dispatch(request).codedFields().of(false);
    }

    /** A full map: serialized once per snapshot, and with signing on, signed once too (the signature is reused). */
    @Benchmark
    public Map<String, String> networkMap() {
        return networkMapReply().codedFields().of(false);
    }

    Reply networkMapReply() {
        return dispatcher.dispatch(networkMapRequest);
    }
}
