package io.altokit.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 8189's request and response fields through the codecs of both ends. */
class MultiCostCodecTest {
    private static final CostType ROUTING = new CostType("routingcost", CostMode.NUMERICAL);
    private static final CostType HOPS = new CostType("hopcount", CostMode.NUMERICAL);
    private static final CostType DELAY = new CostType("delay-ow", CostMode.NUMERICAL);

    private static byte[] json(String text) {
        return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static CostTest test(String text) {
        return CostTest.parse(text).orElseThrow();
    }

    @Test
    void testsCarryAnOptionalIndex() {
        assertThat(test("[2] le 5")).isEqualTo(new CostTest(2, new CostConstraint(CostConstraint.Operator.LE, 5)));
        assertThat(test("ge 1.5")).isEqualTo(new CostTest(0, new CostConstraint(CostConstraint.Operator.GE, 1.5)));
        assertThat(test(" [10]  ne -3 ").index()).isEqualTo(10);
        assertThat(test("[1] le 5").wireText(false)).isEqualTo("[1] le 5");
        assertThat(test("le 5").wireText(true)).isEqualTo("le 5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[] le 5", "[-1] le 5", "[01] le 5", "[1]le 5", "[1] le", "[a] le 5", "(1) le 5", "[1] [2] le 5"})
    void malformedTestsAreRejected(String text) {
        assertThat(CostTest.parse(text)).isEmpty();
    }

    @Test
    void decodesEveryRfc8189Field() {
        CostMapFilter filter = RequestDecoder.costMapFilter(json("""
                {'multi-cost-types': [{'cost-mode': 'numerical', 'cost-metric': 'routingcost'},
                                      {'cost-mode': 'numerical', 'cost-metric': 'hopcount'}],
                 'testable-cost-types': [{'cost-mode': 'numerical', 'cost-metric': 'delay-ow'},
                                         {'cost-mode': 'numerical', 'cost-metric': 'hopcount'}],
                 'or-constraints': [['[0] le 100', '[1] le 2'], ['[1] eq 0']],
                 'pids': {'srcs': ['a'], 'dsts': []}}"""));
        CostSelection costs = filter.costs();
        assertThat(costs.multiCost()).isTrue();
        assertThat(costs.costTypes()).containsExactly(ROUTING, HOPS);
        assertThat(costs.testable()).containsExactly(DELAY, HOPS);
        assertThat(costs.disjunctive()).isTrue();
        assertThat(costs.alternatives()).containsExactly(List.of(test("[0] le 100"), test("[1] le 2")), List.of(test("[1] eq 0")));
        assertThat(filter.srcPids()).containsExactly("a");
    }

    @Test
    void anRfc7285RequestIsASingleCostSelection() {
        EndpointCostRequest request = RequestDecoder.endpointCost(json("""
                {'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'routingcost'}, 'constraints': ['le 5', 'ge 1'],
                 'endpoints': {'dsts': ['ipv4:192.0.2.1']}}"""));
        assertThat(request.costs()).isEqualTo(CostSelection.single(ROUTING, List.of(
                new CostConstraint(CostConstraint.Operator.LE, 5), new CostConstraint(CostConstraint.Operator.GE, 1))));
        assertThat(request.costs().isPlain()).isTrue();
    }

    @Test
    void requestsRoundTrip() {
        CostSelection costs = CostSelection.multi(List.of(ROUTING, HOPS))
                .testing(List.of(HOPS), List.of(List.of(test("[0] le 2")), List.of(test("[0] ge 3"))));
        CostMapFilter filter = new CostMapFilter(costs, List.of("a"), List.of("b", "c"));
        assertThat(RequestDecoder.costMapFilter(RequestEncoder.costMapFilter(filter))).isEqualTo(filter);

        EndpointCostRequest plain = new EndpointCostRequest(ROUTING, List.of(new CostConstraint(CostConstraint.Operator.LT, 7)),
                List.of(), List.of(TypedAddress.parse("ipv4:192.0.2.1").orElseThrow()));
        String body = new String(RequestEncoder.endpointCost(plain), StandardCharsets.UTF_8);
        assertThat(body).as("RFC 7285 servers read it").contains("\"cost-type\"").contains("[\"lt 7\"]").doesNotContain("multi");
        assertThat(RequestDecoder.endpointCost(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(plain);
    }

    @Test
    void indexesPastTheTestableTypesAreInvalid() {
        assertThatThrownBy(() -> RequestDecoder.costMapFilter(json("""
                {'multi-cost-types': [{'cost-mode': 'numerical', 'cost-metric': 'routingcost'}],
                 'testable-cost-types': [{'cost-mode': 'numerical', 'cost-metric': 'hopcount'}],
                 'constraints': ['[1] le 2']}""")))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.error())
                        .isEqualTo(AltoError.invalidValue("constraints", "[1] le 2")));
    }

    @Test
    void multiCostMapsRoundTrip() {
        CostTable routing = new CostTable(List.of("a", "b"), List.of("a", "b"), new double[]{1, 5, Double.NaN, 1});
        CostTable hops = new CostTable(List.of("a", "b"), List.of("a", "b"), new double[]{0, 2.5, Double.NaN, 0});
        MultiCostMapResponse map = new MultiCostMapResponse(List.of(new VersionTag("nm", "1234")), List.of(ROUTING, HOPS),
                List.of(routing, hops));
        byte[] body = ResponseEncoder.multiCostMap(map);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"cost-type\":{}").contains("\"b\":[5,2.5]");
        MultiCostMapResponse decoded = ResponseDecoder.multiCostMap(body);
        assertThat(decoded.costTypes()).containsExactly(ROUTING, HOPS);
        assertThat(decoded.dependentVtags()).isEqualTo(map.dependentVtags());
        assertThat(decoded.costs(0, 1)).containsExactly(5, 2.5);
        assertThat(decoded.shape().isPresent(1, 0)).isFalse();
    }

    /** RFC 8189 5.2: a cost the server does not have is null in its pair's array; a pair with none is left out. */
    @Test
    void aCostTheServerDoesNotHaveIsNull() {
        CostTable routing = new CostTable(List.of("a"), List.of("a", "b", "c"), new double[]{1, Double.NaN, Double.NaN});
        CostTable hops = new CostTable(List.of("a"), List.of("a", "b", "c"), new double[]{0, 3, Double.NaN});
        MultiCostMapResponse map = new MultiCostMapResponse(List.of(new VersionTag("nm", "1234")), List.of(ROUTING, HOPS),
                List.of(routing, hops));
        byte[] body = ResponseEncoder.multiCostMap(map);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"cost-map\":{\"a\":{\"a\":[1,0],\"b\":[null,3]}}");
        MultiCostMapResponse decoded = ResponseDecoder.multiCostMap(body);
        int b = decoded.shape().dsts().indexOf("b");
        assertThat(decoded.isPresent(0, b)).isTrue();
        assertThat(decoded.costs(0, b)).containsExactly(Double.NaN, 3);
        assertThat(decoded.shape().dsts()).as("c is in no array").doesNotContain("c");
    }

    @Test
    void aCostArrayOfTheWrongLengthIsMalformed() {
        assertThatThrownBy(() -> ResponseDecoder.endpointMultiCostMap(json("""
                {'meta': {'cost-type': {}, 'multi-cost-types': [{'cost-mode': 'numerical', 'cost-metric': 'routingcost'}]},
                 'endpoint-cost-map': {'ipv4:192.0.2.1': {'ipv4:192.0.2.2': [1, 2]}}}""")))
                .isInstanceOf(AltoException.class);
    }

    @Test
    void capabilitiesRoundTrip() {
        Directory.Capabilities capabilities = Directory.Capabilities.costService(List.of("num-routingcost", "ord-routingcost"), 2,
                List.of("num-routingcost"));
        Directory directory = new Directory(Map.of("num-routingcost", ROUTING, "ord-routingcost", new CostType("routingcost", CostMode.ORDINAL)),
                Optional.empty(), Map.of("fcm", new Directory.Entry("/fcm", MediaTypes.COST_MAP, Optional.of(MediaTypes.COST_MAP_FILTER),
                capabilities, List.of())));
        byte[] body = ResponseEncoder.directory(directory);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"max-cost-types\":2")
                .contains("\"testable-cost-type-names\":[\"num-routingcost\"]").doesNotContain("cost-constraints");
        Directory.Capabilities decoded = ResponseDecoder.directory(body).resources().get("fcm").capabilities();
        assertThat(decoded).isEqualTo(capabilities);
        assertThat(decoded.testableNames()).containsExactly("num-routingcost");
    }
}
