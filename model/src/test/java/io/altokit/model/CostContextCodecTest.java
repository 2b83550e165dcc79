package io.altokit.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 9439 section 3.1's cost-context and RFC 9274's cost mode names through the codecs of both ends:
 * the directory's cost types, requests' and answers' cost types, and the errors for what the RFCs forbid.
 */
class CostContextCodecTest {

    private static byte[] json(String text) {
        return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static CostType requested(String costType) {
        return RequestDecoder.endpointCost(json("{'cost-type': " + costType + ", 'endpoints': {'dsts': ['ipv4:192.0.2.89']}}"))
                .costs().costType();
    }

    private static AltoError refusal(String costType) {
        try {
            requested(costType);
        } catch (AltoException e) {
            return e.error();
        }
        throw new AssertionError("accepted " + costType);
    }

    @Test
    void theRegisteredCostSourcesAreTheRfcs() {
        assertThat(CostSource.values()).extracting(CostSource::wireName).containsExactly("nominal", "sla", "estimation");
        assertThat(CostSource.fromWire("sla")).contains(CostSource.SLA);
        assertThat(CostSource.fromWire("SLA")).as("identifiers are compared as given").isEmpty();
    }

    @Test
    void aDirectoryCostTypeKeepsItsContextAndParametersThroughBothEnds() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("link", "https://isp.example/sla");
        parameters.put("note", "median \"of\" 5 min");
        CostType sla = new CostType("delay-ow", CostMode.NUMERICAL, Optional.empty(),
                Optional.of(CostContext.of(CostSource.SLA, parameters)));
        CostType plain = new CostType("routingcost", CostMode.NUMERICAL);
        Directory directory = new Directory(Map.of("num-delay-ow", sla, "num-routingcost", plain), Optional.empty(), Map.of());

        byte[] body = ResponseEncoder.directory(directory);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains(
                "\"cost-context\":{\"cost-source\":\"sla\",\"parameters\":{\"link\":\"https://isp.example/sla\",\"note\":\"median \\\"of\\\" 5 min\"}}");
        Directory decoded = ResponseDecoder.directory(body);
        assertThat(decoded.costTypes().get("num-delay-ow")).isEqualTo(sla);
        assertThat(decoded.costTypes().get("num-delay-ow").source()).isEqualTo(CostSource.SLA);
        assertThat(decoded.costTypes().get("num-routingcost").context()).isEmpty();
        assertThat(decoded.costTypes().get("num-routingcost").source()).as("RFC 9439 3.1: none means estimation")
                .isEqualTo(CostSource.ESTIMATION);
    }

    @Test
    void parametersMayBeAnyJsonValueAndArePassedOnCompact() {
        CostType type = requested("{'cost-mode': 'numerical', 'cost-metric': 'tput', 'cost-context': "
                + "{'cost-source': 'estimation', 'parameters': {'congestion-control-algorithm': 'https://www.rfc-editor.org/info/rfc9438', 'c': [0.4, true, null]}}}");
        assertThat(type.context()).contains(new CostContext(CostSource.ESTIMATION,
                Optional.of("{\"congestion-control-algorithm\":\"https://www.rfc-editor.org/info/rfc9438\",\"c\":[0.4,true,null]}")));
        assertThat(requested("{'cost-mode': 'numerical', 'cost-metric': 'delay-rt', 'cost-context': {'cost-source': 'nominal', 'parameters': 7}}")
                .context().orElseThrow().parameters()).contains("7");
    }

    @Test
    void anAnswerCarriesTheContextOfItsCostType() {
        CostType estimated = new CostType("hopcount", CostMode.NUMERICAL, Optional.empty(),
                Optional.of(CostContext.of(CostSource.ESTIMATION, Map.of("hop", "an IGP router hop"))));
        CostMapResponse map = new CostMapResponse(List.of(), estimated,
                new CostTable(List.of("ipv4:192.0.2.2"), List.of("ipv4:192.0.2.89"), new double[] {5}));
        CostMapResponse decoded = ResponseDecoder.endpointCostMap(ResponseEncoder.endpointCostMap(map));
        assertThat(decoded.costType()).isEqualTo(estimated);
    }

    @Test
    void contextsDoNotTellCostTypesApart() {
        CostType sla = new CostType("lossrate", CostMode.NUMERICAL).withContext(Optional.of(new CostContext(CostSource.SLA)));
        assertThat(sla.sameAs(new CostType("lossrate", CostMode.NUMERICAL))).isTrue();
        assertThat(sla.sameAs(new CostType("lossrate", CostMode.ORDINAL))).isFalse();
    }

    @Test
    void anUnregisteredCostSourceIsAnInvalidValueNamingIt() {
        AltoError error = refusal("{'cost-mode': 'numerical', 'cost-metric': 'delay-ow', 'cost-context': {'cost-source': 'measured'}}");
        assertThat(error.code()).isEqualTo(ErrorCode.E_INVALID_FIELD_VALUE);
        assertThat(error.field()).contains("cost-type/cost-context/cost-source");
        assertThat(error.value()).contains("measured");
    }

    @Test
    void aContextWithoutItsSourceIsAMissingField() {
        AltoError error = refusal("{'cost-mode': 'numerical', 'cost-metric': 'delay-ow', 'cost-context': {'parameters': {}}}");
        assertThat(error.code()).isEqualTo(ErrorCode.E_MISSING_FIELD);
        assertThat(error.field()).contains("cost-type/cost-context/cost-source");
    }

    @Test
    void aContextThatIsNotAnObjectIsAnInvalidType() {
        AltoError error = refusal("{'cost-mode': 'numerical', 'cost-metric': 'delay-ow', 'cost-context': 'sla'}");
        assertThat(error.code()).isEqualTo(ErrorCode.E_INVALID_FIELD_TYPE);
        assertThat(error.field()).contains("cost-type/cost-context");
    }

    /** RFC 9439 6.3: RFC 7285's routingcost may carry a context only to say "estimation". */
    @Test
    void routingcostValuesAreEstimations() {
        AltoError error = refusal("{'cost-mode': 'numerical', 'cost-metric': 'routingcost', 'cost-context': {'cost-source': 'sla'}}");
        assertThat(error.code()).isEqualTo(ErrorCode.E_INVALID_FIELD_VALUE);
        assertThat(error.field()).contains("cost-type/cost-context/cost-source");
        assertThat(error.value()).contains("sla");
        assertThat(requested("{'cost-mode': 'numerical', 'cost-metric': 'routingcost', 'cost-context': {'cost-source': 'estimation'}}")
                .source()).isEqualTo(CostSource.ESTIMATION);
        assertThat(new CostContext(CostSource.NOMINAL).allowedOn("routingcost")).isFalse();
        assertThat(new CostContext(CostSource.NOMINAL).allowedOn("tput")).isTrue();
    }

    @Test
    void aMultiCostTypeIsCheckedTheSameWayAtItsPlace() {
        assertThatThrownBy(() -> RequestDecoder.costMapFilter(json("""
                {'multi-cost-types': [{'cost-mode': 'numerical', 'cost-metric': 'hopcount'},
                                      {'cost-mode': 'numerical', 'cost-metric': 'lossrate', 'cost-context': {'cost-source': 'guess'}}],
                 'pids': {'srcs': [], 'dsts': []}}""")))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.error().field())
                        .contains("multi-cost-types[1]/cost-context/cost-source"));
    }

    /** RFC 9274 3: 1 to 32 characters of A-Z a-z 0-9 - : _; registered, or private after "priv:". */
    @Test
    void costModeNamesFollowRfc9274() {
        assertThat(CostModes.REGISTERED).containsExactlyInAnyOrder("numerical", "ordinal", "array");
        assertThat(CostModes.isRegisteredOrPrivate("array")).isTrue();
        assertThat(CostModes.isRegisteredOrPrivate("priv:rank_2")).isTrue();
        assertThat(CostModes.isRegisteredOrPrivate("priv:")).isFalse();
        assertThat(CostModes.isRegisteredOrPrivate("probabilistic")).as("valid, but not registered").isFalse();
        assertThat(CostModes.isValidName("probabilistic")).isTrue();
        assertThat(CostModes.isValidName("priv:a.b")).as("no dot in a mode, unlike a metric").isFalse();
        assertThat(CostModes.isValidName("x".repeat(32))).isTrue();
        assertThat(CostModes.isValidName("x".repeat(33))).isFalse();
        assertThat(CostModes.isValidName("")).isFalse();
    }

    /** AltoKit answers numerical and ordinal costs: any other mode asked for is an invalid value. */
    @ParameterizedTest
    @ValueSource(strings = {"array", "priv:rank", "probabilistic", "num erical", "Numerical"})
    void aModeTheServerDoesNotComputeIsAnInvalidValue(String mode) {
        AltoError error = refusal("{'cost-mode': '" + mode + "', 'cost-metric': 'routingcost'}");
        assertThat(error.code()).isEqualTo(ErrorCode.E_INVALID_FIELD_VALUE);
        assertThat(error.field()).contains("cost-type/cost-mode");
        assertThat(error.value()).contains(mode);
    }

    /**
     * RFC 9274 lets a directory list cost types in modes beyond RFC 7285's ({@code array} for RFC 9275
     * path vectors, private ones): a client that does not compute them leaves those types out and uses
     * the rest, rather than refusing the whole directory. So it does with a routingcost said to be an
     * SLA's, which RFC 9439 6.3 tells the client to reject.
     */
    @Test
    void aDirectoryWithArrayAndPrivateModesIsReadWithoutThem() {
        Directory directory = ResponseDecoder.directory(json("""
                {'meta': {'cost-types': {
                    'path-vector': {'cost-mode': 'array', 'cost-metric': 'ane-path'},
                    'priv-rank': {'cost-mode': 'priv:rank', 'cost-metric': 'routingcost'},
                    'sla-routingcost': {'cost-mode': 'numerical', 'cost-metric': 'routingcost', 'cost-context': {'cost-source': 'sla'}},
                    'num-routingcost': {'cost-mode': 'numerical', 'cost-metric': 'routingcost'}}},
                 'resources': {'cm': {'uri': 'http://alto.example.com/costmap', 'media-type': 'application/alto-costmap+json',
                                      'capabilities': {'cost-type-names': ['path-vector', 'num-routingcost']}}}}"""));
        assertThat(directory.costTypes()).containsOnlyKeys("num-routingcost");
        assertThat(directory.resources().get("cm").capabilities().costTypeNames()).containsExactly("path-vector", "num-routingcost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"probabilistic", "not a mode", "priv:"})
    void aDirectoryModeThatIsNeitherRegisteredNorPrivateIsRefused(String mode) {
        assertThatThrownBy(() -> ResponseDecoder.directory(json("""
                {'meta': {'cost-types': {'odd': {'cost-mode': '%s', 'cost-metric': 'routingcost'}}}, 'resources': {}}"""
                .formatted(mode))))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.error().field()).contains("meta/cost-types/odd/cost-mode"));
    }
}
