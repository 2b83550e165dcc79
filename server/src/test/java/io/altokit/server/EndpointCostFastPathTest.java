package io.altokit.server;

import io.altokit.core.Snapshot;
import io.altokit.model.EndpointCostScan;
import io.altokit.model.RequestDecoder;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.privacy.PrivacyPolicy;
import io.altokit.server.update.UpdateStreams;
import io.altokit.server.update.tips.TipsViews;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint cost fast path (scanner, distinct endpoints, byte writer) answers byte for byte what
 * the strict decoder, {@link CostQuery} and the Jackson encoder answer, over random requests that
 * mix families, duplicates, unmatched addresses, undefined and fractional costs, both modes and
 * constraints.
 */
class EndpointCostFastPathTest {
    private static final String[] METRICS = {"routingcost", "hopcount", "delay"};
    private static final String[] OPERATORS = {"lt", "le", "eq", "ge", "gt", "ne"};

    @Test
    void answersExactlyAsTheFullPath() throws Exception {
        Snapshot.Builder network = TestNetwork.builder();
        String[] pids = {"a", "b", "c", "external"};
        double[] delays = {0.25, 2.5, 1e20, 0, 7, 0.1 + 0.2, 12, 1.0 / 3};
        SplittableRandom random = new SplittableRandom(7285);
        for (String src : pids) {
            for (String dst : pids) {
                network.cost("delay", src, dst, delays[random.nextInt(delays.length)]);
            }
        }
        EndpointCostResource resource = (EndpointCostResource) new Catalog(network.build(), ServerConfig.defaults(), PrivacyPolicy.FULL, new EncodedMaps(),
                UpdateStreams.withSystemTimers(UpdateStreams.Limits.DEFAULTS), TipsViews.withSystemTimers(TipsViews.Limits.DEFAULTS))
                .find("/endpointcost/lookup").orElseThrow();
        int fast = 0;
        for (int n = 0; n < 2_000; n++) {
            byte[] body = randomRequest(random).getBytes(StandardCharsets.UTF_8);
            AltoRequest request = new AltoRequest("POST", "/endpointcost/lookup", Optional.empty(), Optional.empty(),
                    Optional.empty(), body, InetAddress.getLoopbackAddress());
            Optional<EndpointCostScan> scanned = EndpointCostScan.read(body);
            assertThat(scanned).as(new String(body, StandardCharsets.UTF_8)).isPresent();
            String expected = new String(resource.handleInFull(RequestDecoder.endpointCost(body), request).body().identity(), StandardCharsets.UTF_8);
            String actual = new String(resource.handleScanned(scanned.get()).body().identity(), StandardCharsets.UTF_8);
            assertThat(actual).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(expected);
            fast++;
        }
        assertThat(fast).isEqualTo(2_000);
    }

    private static String randomRequest(SplittableRandom random) {
        String mode = random.nextBoolean() ? "ordinal" : "numerical";
        String metric = METRICS[random.nextInt(METRICS.length)];
        StringBuilder body = new StringBuilder("{\"cost-type\":{\"cost-mode\":\"" + mode + "\",\"cost-metric\":\"" + metric + "\"");
        if (random.nextInt(4) == 0) {
            body.append(",\"description\":\"any text: 1/2 <b>\"");
        }
        body.append('}');
        if (random.nextInt(3) == 0) {
            List<String> constraints = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                constraints.add("\"" + OPERATORS[random.nextInt(OPERATORS.length)] + " " + random.nextInt(12) + "\"");
            }
            body.append(",\"constraints\":").append(constraints);
        }
        body.append(",\"endpoints\":{\"srcs\":").append(addresses(random, 1 + random.nextInt(3)))
                .append(",\"dsts\":").append(addresses(random, random.nextInt(40))).append("}}");
        return body.toString();
    }

    /** Addresses in every PID of the test network and outside it, often repeated, in two spellings. */
    private static List<String> addresses(SplittableRandom random, int count) {
        String[] pool = {"ipv4:10.1.0.1", "ipv4:10.1.200.3", "ipv4:10.2.0.1", "ipv4:10.2.5.9", "ipv4:8.8.8.8",
                "ipv6:2001:db8:1::1", "ipv6:2001:DB8:1:0::1", "ipv6:2001:db8:2::5", "ipv6:2a00::1", "ipv6:::ffff:10.1.0.1",
                "ipv4:0.0.0.0", "ipv6:::"};
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add("\"" + pool[random.nextInt(pool.length)] + "\"");
        }
        return addresses;
    }
}
