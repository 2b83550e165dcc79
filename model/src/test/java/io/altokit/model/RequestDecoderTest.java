package io.altokit.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestDecoderTest {

    private static byte[] json(String text) {
        return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static AltoError errorOf(Function<byte[], ?> decoder, String body) {
        try {
            decoder.apply(json(body));
        } catch (AltoException e) {
            return e.error();
        }
        throw new AssertionError("expected an AltoException for " + body);
    }

    @Test
    void decodesEndpointCostRequest() {
        EndpointCostRequest request = RequestDecoder.endpointCost(json("""
                {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'},
                 'constraints': ['le 5', 'ne 2'],
                 'endpoints': {'srcs': ['ipv4:10.1.2.3'], 'dsts': ['ipv4:10.2.0.1', 'ipv6:2001:DB8::1']},
                 'unknown-extension-field': 42}"""));
        assertThat(request.costs()).isEqualTo(CostSelection.single(new CostType("routingcost", CostMode.ORDINAL), List.of(
                new CostConstraint(CostConstraint.Operator.LE, 5), new CostConstraint(CostConstraint.Operator.NE, 2))));
        assertThat(request.srcs()).extracting(TypedAddress::text).containsExactly("ipv4:10.1.2.3");
        assertThat(request.dsts()).extracting(TypedAddress::type).containsExactly(AddressType.IPV4, AddressType.IPV6);
        assertThat(request.dsts().get(1).text()).as("echoed exactly as the client wrote it").isEqualTo("ipv6:2001:DB8::1");
    }

    @Test
    void sourcesAreOptionalInEndpointCost() {
        EndpointCostRequest request = RequestDecoder.endpointCost(json("""
                {'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'hopcount'},
                 'endpoints': {'dsts': ['ipv4:10.2.0.1']}}"""));
        assertThat(request.srcs()).isEmpty();
        assertThat(request.costs().alternatives()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {                                                                                         | E_SYNTAX              |
            [1, 2]                                                                                    | E_SYNTAX              |
            {'cost-type': 1}  trailing                                                                | E_SYNTAX              |
            {'endpoints': {'dsts': []}}                                                               | E_MISSING_FIELD       | cost-type
            {'cost-type': {'cost-metric': 'routingcost'}, 'endpoints': {'dsts': []}}                  | E_MISSING_FIELD       | cost-type/cost-mode
            {'cost-type': {'cost-mode': 'ordinal'}, 'endpoints': {'dsts': []}}                        | E_MISSING_FIELD       | cost-type/cost-metric
            {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}}                     | E_MISSING_FIELD       | endpoints
            {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'endpoints': {}}    | E_MISSING_FIELD       | endpoints/dsts
            {'cost-type': 'routingcost', 'endpoints': {'dsts': []}}                                   | E_INVALID_FIELD_TYPE  | cost-type
            {'cost-type': {'cost-mode': 1, 'cost-metric': 'routingcost'}, 'endpoints': {'dsts': []}}  | E_INVALID_FIELD_TYPE  | cost-type/cost-mode
            {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'endpoints': []}    | E_INVALID_FIELD_TYPE  | endpoints
            {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'endpoints': {'dsts': 'ipv4:1.2.3.4'}} | E_INVALID_FIELD_TYPE | endpoints/dsts
            {'cost-type': {'cost-mode': 'fancy', 'cost-metric': 'routingcost'}, 'endpoints': {'dsts': []}}  | E_INVALID_FIELD_VALUE | cost-type/cost-mode
            {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'bad metric'}, 'endpoints': {'dsts': []}} | E_INVALID_FIELD_VALUE | cost-type/cost-metric
            {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'endpoints': {'dsts': ['ipv4:300.1.1.1']}} | E_INVALID_FIELD_VALUE | endpoints/dsts
            {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'endpoints': {'dsts': ['ipv5:1.1.1.1']}}   | E_INVALID_FIELD_VALUE | endpoints/dsts
            {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'endpoints': {'dsts': [7]}}                | E_INVALID_FIELD_VALUE | endpoints/dsts
            {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'endpoints': {'srcs': ['ipv6:example.com'], 'dsts': []}} | E_INVALID_FIELD_VALUE | endpoints/srcs
            {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'constraints': ['about 5'], 'endpoints': {'dsts': []}}    | E_INVALID_FIELD_VALUE | constraints
            {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'constraints': 'le 5', 'endpoints': {'dsts': []}}        | E_INVALID_FIELD_TYPE  | constraints
            """)
    void endpointCostErrors(String body, ErrorCode code, String field) {
        AltoError error = errorOf(RequestDecoder::endpointCost, body);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.field()).isEqualTo(Optional.ofNullable(field));
    }

    @Test
    void invalidArrayElementIsReportedWithItsValue() {
        AltoError error = errorOf(RequestDecoder::endpointCost,
                "{'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'endpoints': {'dsts': ['ipv4:10.0.0.1', 'ipv4:1.2.3']}}");
        assertThat(error.value()).contains("ipv4:1.2.3");
    }

    @Test
    void syntaxErrorsSayWhere() {
        AltoError error = errorOf(RequestDecoder::networkMapFilter, "{'pids': [\n  'a',, ]}");
        assertThat(error.code()).isEqualTo(ErrorCode.E_SYNTAX);
        assertThat(error.syntaxError()).hasValueSatisfying(text -> assertThat(text).contains("line 2"));
    }

    @Test
    void duplicateKeysAreSyntaxErrors() {
        assertThat(errorOf(RequestDecoder::networkMapFilter, "{'pids': [], 'pids': ['x']}").code())
                .isEqualTo(ErrorCode.E_SYNTAX);
    }

    @Test
    void decodesNetworkMapFilterIgnoringUnknownAddressTypes() {
        NetworkMapFilter filter = RequestDecoder.networkMapFilter(json("{'pids': ['area-01'], 'address-types': ['ipv6', 'ipx']}"));
        assertThat(filter.pids()).containsExactly("area-01");
        assertThat(filter.addressTypes()).containsExactly(AddressType.IPV6);
    }

    @Test
    void networkMapFilterErrors() {
        assertThat(errorOf(RequestDecoder::networkMapFilter, "{}").field()).contains("pids");
        AltoError badPid = errorOf(RequestDecoder::networkMapFilter, "{'pids': ['has space']}");
        assertThat(badPid.code()).isEqualTo(ErrorCode.E_INVALID_FIELD_VALUE);
        assertThat(badPid.value()).contains("has space");
        assertThat(errorOf(RequestDecoder::networkMapFilter, "{'pids': [], 'address-types': [4]}").field())
                .contains("address-types");
    }

    @Test
    void decodesCostMapFilter() {
        CostMapFilter filter = RequestDecoder.costMapFilter(json("""
                {'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'routingcost'},
                 'pids': {'srcs': ['area-01'], 'dsts': []}, 'constraints': ['ge 1.5']}"""));
        assertThat(filter.srcPids()).containsExactly("area-01");
        assertThat(filter.dstPids()).isEmpty();
        assertThat(filter.costs().alternatives()).containsExactly(List.of(new CostTest(0, new CostConstraint(CostConstraint.Operator.GE, 1.5))));
        assertThat(errorOf(RequestDecoder::costMapFilter,
                "{'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'routingcost'}, 'pids': {'srcs': []}}").field())
                .contains("pids/dsts");
    }

    @Test
    void decodesEndpointPropertyRequest() {
        EndpointPropertyRequest request = RequestDecoder.endpointProperties(json(
                "{'properties': ['default-network-map.pid'], 'endpoints': ['ipv4:10.1.0.1', 'ipv6:::ffff:10.1.0.1']}"));
        assertThat(request.properties()).containsExactly("default-network-map.pid");
        assertThat(request.endpoints()).extracting(TypedAddress::type).containsExactly(AddressType.IPV4, AddressType.IPV6);
        assertThat(errorOf(RequestDecoder::endpointProperties, "{'properties': [], 'endpoints': []}").code())
                .isEqualTo(ErrorCode.E_INVALID_FIELD_VALUE);
        assertThat(errorOf(RequestDecoder::endpointProperties, "{'properties': ['a b'], 'endpoints': []}").value())
                .contains("a b");
    }

    @Test
    void emptyBodyIsASyntaxError() {
        assertThatThrownBy(() -> RequestDecoder.endpointCost(new byte[0]))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.E_SYNTAX));
    }
}
