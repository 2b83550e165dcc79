package io.altokit.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's codecs against the server's: encode on one side, decode on the other, same records. */
class CodecRoundTripTest {
    private static final CostType ROUTING = new CostType("routingcost", CostMode.NUMERICAL);
    private static final CostType HOPS = new CostType("hopcount", CostMode.ORDINAL, Optional.of("hops, ranked"));

    private static byte[] json(String text) {
        return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static TypedAddress address(String text) {
        return TypedAddress.parse(text).orElseThrow();
    }

    private static void assertSameCosts(CostMapResponse actual, CostMapResponse expected) {
        assertThat(actual.dependentVtags()).isEqualTo(expected.dependentVtags());
        assertThat(actual.costType()).isEqualTo(expected.costType());
        assertThat(actual.costs().srcs()).isEqualTo(expected.costs().srcs());
        assertThat(actual.costs().dsts()).isEqualTo(expected.costs().dsts());
        assertThat(actual.costs().values()).containsExactly(expected.costs().values());
    }

    @Test
    void directoryRoundTrips() {
        Map<String, Directory.Entry> resources = new LinkedHashMap<>();
        resources.put("nm", new Directory.Entry("/networkmap", MediaTypes.NETWORK_MAP, Optional.empty(),
                Directory.Capabilities.NONE, List.of()));
        resources.put("cm", new Directory.Entry("http://alto.example/costmap", MediaTypes.COST_MAP,
                Optional.of(MediaTypes.COST_MAP_FILTER),
                new Directory.Capabilities(List.of("num-routing", "ord-hops"), Optional.of(true), List.of()), List.of("nm")));
        resources.put("eps", new Directory.Entry("/eps", MediaTypes.ENDPOINT_PROP, Optional.of(MediaTypes.ENDPOINT_PROP_PARAMS),
                new Directory.Capabilities(List.of(), Optional.empty(), List.of("nm.pid")), List.of("nm")));
        Directory directory = new Directory(Map.of("num-routing", ROUTING, "ord-hops", HOPS), Optional.of("nm"), resources);

        Directory decoded = ResponseDecoder.directory(ResponseEncoder.directory(directory));

        assertThat(decoded).isEqualTo(directory);
        assertThat(decoded.resources().keySet()).containsExactly("nm", "cm", "eps");
    }

    @Test
    void networkMapRoundTrips() {
        Map<String, Map<AddressType, List<String>>> pids = new LinkedHashMap<>();
        pids.put("a", Map.of(AddressType.IPV4, List.of("10.1.0.0/16"), AddressType.IPV6, List.of("2001:db8:1::/48")));
        pids.put("default", Map.of(AddressType.IPV4, List.of("0.0.0.0/0")));
        NetworkMapResponse map = new NetworkMapResponse(new VersionTag("nm", "c0ffee"), pids);

        assertThat(ResponseDecoder.networkMap(ResponseEncoder.networkMap(map))).isEqualTo(map);
    }

    @Test
    void costMapRoundTripsWithAbsentPairs() {
        CostMapResponse map = new CostMapResponse(List.of(new VersionTag("nm", "v1")), HOPS,
                new CostTable(List.of("a", "b"), List.of("a", "b", "c"), new double[] {0, 2.5, Double.NaN, 2, Double.NaN, 1e20}));

        assertSameCosts(ResponseDecoder.costMap(ResponseEncoder.costMap(map)), map);
    }

    @Test
    void endpointCostMapRoundTrips() {
        CostMapResponse map = new CostMapResponse(List.of(), ROUTING, new CostTable(
                List.of("ipv4:10.1.0.1"), List.of("ipv4:10.2.0.1", "ipv6:2001:db8::1"), new double[] {5, 10}));

        assertSameCosts(ResponseDecoder.endpointCostMap(ResponseEncoder.endpointCostMap(map)), map);
    }

    @Test
    void endpointPropertiesRoundTrip() {
        EndpointPropertyResponse response = new EndpointPropertyResponse(List.of(new VersionTag("nm", "v1")),
                Map.of("ipv4:10.1.0.1", Map.of("nm.pid", "a"), "ipv6:2001:db8::1", Map.of("nm.pid", "c")));

        assertThat(ResponseDecoder.endpointProperties(ResponseEncoder.endpointProperties(response))).isEqualTo(response);
    }

    @Test
    void errorsRoundTrip() {
        for (AltoError error : List.of(AltoError.syntax("bad"), AltoError.missingField("cost-type"),
                AltoError.invalidType("pids"), AltoError.invalidValue("cost-type/cost-mode", "foo"),
                AltoError.invalidValue("endpoints"))) {
            assertThat(ResponseDecoder.error(ResponseEncoder.error(error))).isEqualTo(error);
        }
    }

    @Test
    void requestsRoundTrip() {
        NetworkMapFilter networkMapFilter = new NetworkMapFilter(List.of("a", "b"), EnumSet.of(AddressType.IPV6, AddressType.IPV4));
        assertThat(RequestDecoder.networkMapFilter(RequestEncoder.networkMapFilter(networkMapFilter))).isEqualTo(networkMapFilter);
        NetworkMapFilter everything = new NetworkMapFilter(List.of(), Set.of());
        assertThat(RequestDecoder.networkMapFilter(RequestEncoder.networkMapFilter(everything))).isEqualTo(everything);

        CostMapFilter costMapFilter = new CostMapFilter(HOPS, List.of(CostConstraint.parse("le 5").orElseThrow(),
                CostConstraint.parse("gt 0.5").orElseThrow()), List.of("a"), List.of("b", "c"));
        assertThat(RequestDecoder.costMapFilter(RequestEncoder.costMapFilter(costMapFilter))).isEqualTo(costMapFilter);
        CostMapFilter allPids = new CostMapFilter(ROUTING, List.of(), List.of(), List.of());
        assertThat(RequestDecoder.costMapFilter(RequestEncoder.costMapFilter(allPids))).isEqualTo(allPids);

        EndpointPropertyRequest eps = new EndpointPropertyRequest(List.of("nm.pid"),
                List.of(address("ipv4:10.1.0.1"), address("ipv6:2001:db8::1")));
        assertThat(RequestDecoder.endpointProperties(RequestEncoder.endpointProperties(eps))).isEqualTo(eps);

        EndpointCostRequest ecs = new EndpointCostRequest(ROUTING, List.of(), List.of(address("ipv4:10.1.0.1")),
                List.of(address("ipv4:10.2.0.1"), address("ipv6:2001:db8:2::7")));
        assertThat(RequestDecoder.endpointCost(RequestEncoder.endpointCost(ecs))).isEqualTo(ecs);
        EndpointCostRequest ownAddress = new EndpointCostRequest(HOPS, List.of(), List.of(), List.of(address("ipv4:10.2.0.1")));
        assertThat(RequestDecoder.endpointCost(RequestEncoder.endpointCost(ownAddress))).isEqualTo(ownAddress);
    }

    @Test
    void malformedResponsesNameTheirPath() {
        assertThatThrownBy(() -> ResponseDecoder.networkMap(json("{'meta':{},'network-map':{}}")))
                .isInstanceOf(AltoException.class)
                .satisfies(e -> assertThat(((AltoException) e).error()).isEqualTo(AltoError.missingField("meta/vtag")));
        assertThatThrownBy(() -> ResponseDecoder.costMap(json(
                "{'meta':{'dependent-vtags':[{'resource-id':'nm','tag':'v'}],'cost-type':{'cost-mode':'numerical','cost-metric':'x'}},"
                        + "'cost-map':{'a':{'b':'5'}}}")))
                .isInstanceOf(AltoException.class)
                .satisfies(e -> assertThat(((AltoException) e).error()).isEqualTo(AltoError.invalidType("cost-map/a/b")));
        assertThatThrownBy(() -> ResponseDecoder.costMap(json(
                "{'meta':{'dependent-vtags':[{'resource-id':'nm'}],'cost-type':{'cost-mode':'numerical','cost-metric':'x'}},'cost-map':{}}")))
                .isInstanceOf(AltoException.class)
                .satisfies(e -> assertThat(((AltoException) e).error())
                        .isEqualTo(AltoError.missingField("meta/dependent-vtags[0]/tag")));
        assertThatThrownBy(() -> ResponseDecoder.costMap(json(
                "{'meta':{'cost-type':{'cost-mode':'numerical','cost-metric':'x'}},'cost-map':{}}")))
                .isInstanceOf(AltoException.class)
                .satisfies(e -> assertThat(((AltoException) e).error()).isEqualTo(AltoError.missingField("meta/dependent-vtags")));
        assertThatThrownBy(() -> ResponseDecoder.networkMap(json(
                "{'meta':{'vtag':{'resource-id':'nm','tag':'v'}},'network-map':{'a':{'ipv4':['10.0.0.0/33']}}}")))
                .isInstanceOf(AltoException.class)
                .satisfies(e -> assertThat(((AltoException) e).error())
                        .isEqualTo(AltoError.invalidValue("network-map/a/ipv4", "10.0.0.0/33")));
        assertThatThrownBy(() -> ResponseDecoder.directory(json("{'resources':{'nm':{'uri':7}}}")))
                .isInstanceOf(AltoException.class)
                .satisfies(e -> assertThat(((AltoException) e).error()).isEqualTo(AltoError.invalidType("resources/nm/uri")));
        assertThatThrownBy(() -> ResponseDecoder.error(json("{'meta':{'code':'E_NOPE'}}")))
                .isInstanceOf(AltoException.class)
                .satisfies(e -> assertThat(((AltoException) e).error()).isEqualTo(AltoError.invalidValue("meta/code", "E_NOPE")));
        assertThatThrownBy(() -> ResponseDecoder.error(json("{'meta':{'code':'E_SYNTAX','value':'x'}}")))
                .isInstanceOf(AltoException.class);
        assertThatThrownBy(() -> ResponseDecoder.directory(json("[]")))
                .isInstanceOf(AltoException.class).hasMessageContaining("response body must be a JSON object");
        assertThatThrownBy(() -> ResponseDecoder.directory(json("{'resources':")))
                .isInstanceOf(AltoException.class).hasMessageContaining("E_SYNTAX");
        assertThatThrownBy(() -> ResponseDecoder.endpointProperties(new byte[0]))
                .isInstanceOf(AltoException.class).hasMessageContaining("empty response body");
    }

    @Test
    void unknownFieldsAndAddressTypesAreIgnored() {
        NetworkMapResponse map = ResponseDecoder.networkMap(json("{'extra':[1,{}],'meta':{'vtag':{'resource-id':'nm','tag':'v','x':1}},"
                + "'network-map':{'a':{'ipv4':['10.0.0.0/8'],'ipx':[1]}}}"));
        assertThat(map.pids()).isEqualTo(Map.of("a", Map.of(AddressType.IPV4, List.of("10.0.0.0/8"))));
    }
}
