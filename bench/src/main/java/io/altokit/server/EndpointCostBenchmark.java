package io.altokit.server;

import io.altokit.core.InformationBase;
import io.altokit.server.privacy.CostDisclosure;
import io.altokit.server.privacy.EndpointBudget;
import io.altokit.server.privacy.PrivacyPolicies;
import io.altokit.server.privacy.PrivacyPolicy;
import io.altokit.server.protection.Protection;
import io.altokit.provision.NetworkFile;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private Dispatcher dispatcher;
    private AltoRequest request;

    @Setup
    public void setUp() throws IOException {
        Path file = Path.of(requestFile);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " is missing: run bench/http/make-post-lua.sh "
                    + file.getParent());
        }
        dispatcher = new Dispatcher(new InformationBase(NetworkFile.exampleNetwork()), ServerConfig.defaults(), protection());
        request = new AltoRequest("POST", "/endpointcost/lookup",
                Optional.of("application/alto-endpointcost+json,application/alto-error+json"),
                Optional.of("application/alto-endpointcostparams+json"), Optional.empty(),
                Files.readAllBytes(file), InetAddress.getLoopbackAddress());
        Reply reply = dispatcher.dispatch(request);
        if (reply.status() != 200) {
            throw new IllegalStateException("the benchmark request fails: " + new String(reply.body().identity()));
        }
    }

    private Protection protection() {
        return switch (privacy) {
            case "none" -> Protection.none();
            case "ordinal-only" -> new Protection(List.of(), List.of(), new PrivacyPolicies(
                    new PrivacyPolicy(new CostDisclosure.OrdinalOnly(), true, false), Map.of()));
            case "budget" -> new Protection(List.of(new EndpointBudget(
                    new EndpointBudget.Settings(1_000, Duration.ofHours(1), 10_000))), List.of());
            default -> throw new IllegalArgumentException("privacy: none, ordinal-only or budget, got " + privacy);
        };
    }

    @Benchmark
    public Reply endpointCost() {
        return dispatcher.dispatch(request);
    }
}
