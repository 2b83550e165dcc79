package io.altokit.server.protection.budget;

import io.altokit.model.EndpointCostQuery;
import io.altokit.model.EndpointCostScan;
import io.altokit.model.RequestDecoder;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.protection.Call;
import io.altokit.server.protection.Caller;
import io.altokit.server.protection.Verdict;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointBudgetTest {
    /** As the resources parse their bodies: the endpoint cost service scans, falling back to the strict decoder. */
    private static final Map<String, Query.Parser<?>> PARSERS = Map.of(
            "endpoint-cost", new Query.Parser<EndpointCostQuery>(
                    body -> EndpointCostScan.read(body).<EndpointCostQuery>map(scan -> scan).orElseGet(() -> RequestDecoder.endpointCost(body))),
            "endpoint-property", new Query.Parser<>(RequestDecoder::endpointProperties),
            "filtered-cost-map", new Query.Parser<>(RequestDecoder::costMapFilter),
            "filtered-property-map", new Query.Parser<>(RequestDecoder::propertyMap));
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final EndpointBudget budget = new EndpointBudget(
            new EndpointBudget.Settings(3, Duration.ofMinutes(10), 100), nanos::get);

    @Test
    void theCountStartsAfreshWhenTheWindowEnds() throws Exception {
        assertThat(budget.check(ecs("ipv4:10.0.0.1", "ipv6:2001:db8::1", "ipv4:10.0.0.1", "ipv4:10.0.0.2")))
                .isInstanceOf(Verdict.Pass.class);
        Verdict refused = budget.check(ecs("ipv4:10.0.0.3"));
        assertThat(refused).isInstanceOf(Verdict.Refuse.class);
        nanos.addAndGet(Duration.ofMinutes(4).toNanos());
        assertThat(((Verdict.Refuse) budget.check(ecs("ipv4:10.0.0.3"))).reply().headers())
                .containsEntry("Retry-After", "360");

        nanos.addAndGet(Duration.ofMinutes(6).toNanos());
        assertThat(budget.check(ecs("ipv4:10.0.0.3", "ipv4:10.0.0.4", "ipv4:10.0.0.5"))).isInstanceOf(Verdict.Pass.class);
    }

    @Test
    void scansByManyCallersAreLoggedAtABoundedRateWithTheirCount() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(EndpointBudget.class);
        log.start();
        logger.addAppender(log);
        try {
            for (int caller = 1; caller <= 100; caller++) {
                assertThat(budget.check(overBudgetFrom(caller))).isInstanceOf(Verdict.Refuse.class);
            }
            nanos.addAndGet(EndpointBudget.SCAN_LOG_INTERVAL.toNanos());
            assertThat(budget.check(overBudgetFrom(101))).isInstanceOf(Verdict.Refuse.class);
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).satisfiesExactly(
                first -> assertThat(first).startsWith("possible topology scan by address:10.9.0.1:").endsWith("(1 callers went over their budget since the last such warning)"),
                second -> assertThat(second).startsWith("possible topology scan by address:10.9.0.101:").endsWith("(100 callers went over their budget since the last such warning)"));
    }

    /** A request naming four addresses (the budget is three) from caller 10.9.0.{@code n}. */
    private static Call overBudgetFrom(int n) throws Exception {
        Call call = ecs("ipv4:10.0.0.1", "ipv4:10.0.0.2", "ipv4:10.0.0.3", "ipv4:10.0.0.4");
        return call.withCaller(Caller.anonymous(InetAddress.getByAddress(new byte[] {10, 9, 0, (byte) n})));
    }

    @Test
    void addressesOfBothFamiliesWithTheSameBitsAreDistinct() throws Exception {
        // 10.0.0.1 and a00:1:: share their left-aligned bits.
        assertThat(budget.check(ecs("ipv4:10.0.0.1", "ipv6:a00:1::", "ipv4:10.0.0.2"))).isInstanceOf(Verdict.Pass.class);
        assertThat(budget.check(ecs("ipv6:a00:1::1"))).isInstanceOf(Verdict.Refuse.class);
    }

    @Test
    void filteredPropertyMapsCountTheirAddressesAndPrefixes() throws Exception {
        assertThat(budget.check(call("filtered-property-map", """
                {"entities": ["ipv4:10.0.0.1", "ipv4:10.0.0.0/8", "default-network-map.pid:a"], "properties": [".x"]}""")))
                .isInstanceOf(Verdict.Pass.class);
        assertThat(budget.check(ecs("ipv4:10.0.0.1", "ipv4:10.0.0.0", "ipv6:2001:db8::"))).as("one more: the third")
                .isInstanceOf(Verdict.Pass.class);
        assertThat(budget.check(call("filtered-property-map", """
                {"entities": ["ipv4:10.0.0.2"], "properties": [".x"]}"""))).isInstanceOf(Verdict.Refuse.class);
    }

    @Test
    void malformedRequestsAndOtherResourcesPassForTheirResourceToAnswer() throws Exception {
        assertThat(budget.check(call("endpoint-cost", "{\"endpoints\": 7}"))).isInstanceOf(Verdict.Pass.class);
        assertThat(budget.check(call("filtered-cost-map", "{}"))).isInstanceOf(Verdict.Pass.class);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new EndpointBudget.Settings(0, Duration.ofHours(1), 1))
                .hasMessage("distinct-endpoints must be at least 1, got 0");
        assertThatThrownBy(() -> new EndpointBudget.Settings(1, Duration.ofMillis(10), 1))
                .hasMessageContaining("window must be at least 1 second");
    }

    @Test
    void fingerprintSetsGrowAndKeepEveryEntry() {
        FingerprintSet set = new FingerprintSet();
        for (long i = 0; i < 10_000; i++) {
            set.add(i * 0x9E3779B97F4A7C15L);
        }
        set.add(0);
        assertThat(set.size()).isEqualTo(10_000);
        for (long i = 0; i < 10_000; i++) {
            assertThat(set.contains(i * 0x9E3779B97F4A7C15L)).isTrue();
        }
        assertThat(set.contains(12345)).isFalse();
    }

    private static Call ecs(String... endpoints) throws Exception {
        StringBuilder dsts = new StringBuilder();
        for (String endpoint : endpoints) {
            dsts.append(dsts.isEmpty() ? "" : ", ").append('"').append(endpoint).append('"');
        }
        return call("endpoint-cost", "{\"cost-type\": {\"cost-mode\": \"ordinal\", \"cost-metric\": \"routingcost\"}, "
                + "\"endpoints\": {\"srcs\": [\"" + endpoints[0] + "\"], \"dsts\": [" + dsts + "]}}");
    }

    private static Call call(String resource, String body) throws Exception {
        AltoRequest request = new AltoRequest("POST", "/x", Optional.empty(), Optional.empty(), Optional.empty(),
                body.getBytes(StandardCharsets.UTF_8), InetAddress.getLoopbackAddress());
        return new Call(request, Optional.of(resource), Caller.anonymous(InetAddress.getLoopbackAddress()),
                PARSERS.get(resource).query(request.body()));
    }
}
