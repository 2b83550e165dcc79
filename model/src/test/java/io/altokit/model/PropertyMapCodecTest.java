package io.altokit.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 9240's names, request and response through the codecs of both ends. */
class PropertyMapCodecTest {

    private static byte[] json(String text) {
        return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {".ISP", ".priv:area-name", "default-network-map.pid", "net-map-1.pid", ".a_b-c:d",
            ".abcdefghijklmnopqrstuvwxyz012345"})
    void propertyNamesOfSection522(String name) {
        assertThat(EntityPropertyNames.isValidName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pid", "", ".", "map.", ".priv:", ".abcdefghijklmnopqrstuvwxyz0123456", ".a b", ".a/b", "a.b.pid",
            ".ár", "bad id.pid"})
    void notPropertyNames(String name) {
        assertThat(EntityPropertyNames.isValidName(name)).isFalse();
    }

    @Test
    void privateTypesNeedMoreThanThePrefix() {
        assertThat(EntityPropertyNames.isPrivateType("priv:area")).isTrue();
        assertThat(EntityPropertyNames.isPrivateType("priv:")).isFalse();
        assertThat(EntityPropertyNames.isPrivateType("area")).isFalse();
        assertThat(EntityPropertyNames.isPrivateType("priv:a.b")).isFalse();
    }

    @Test
    void decodesAFilteredPropertyMapRequestReadingRepeatsOnce() {
        PropertyMapRequest request = RequestDecoder.propertyMap(json("""
                {'entities': ['ipv4:192.0.2.0/26', 'default-network-map.pid:pid1', 'ipv4:192.0.2.0/26'],
                 'properties': ['.region', 'default-network-map.pid', '.region'], 'unknown': 1}"""));
        assertThat(request.entities()).containsExactly("ipv4:192.0.2.0/26", "default-network-map.pid:pid1");
        assertThat(request.properties()).containsExactly(".region", "default-network-map.pid");
        assertThat(RequestDecoder.propertyMap(RequestEncoder.propertyMap(request))).isEqualTo(request);
    }

    @Test
    void addressesAreWhatABudgetCounts() {
        PropertyMapRequest request = new PropertyMapRequest(List.of("ipv4:192.0.2.1", "ipv4:10.0.0.0/8", "ipv6:2001:db8::/32",
                "default-network-map.pid:pid1"), List.of(".region"));
        assertThat(request.addresses()).extracting(TypedAddress::text)
                .containsExactly("ipv4:192.0.2.1", "ipv4:10.0.0.0", "ipv6:2001:db8::");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'properties': ['.a']}|E_MISSING_FIELD|entities|",
            "{'entities': ['ipv4:192.0.2.1']}|E_MISSING_FIELD|properties|",
            "{'entities': [], 'properties': ['.a']}|E_INVALID_FIELD_VALUE|entities|[]",
            "{'entities': ['ipv4:192.0.2.1'], 'properties': []}|E_INVALID_FIELD_VALUE|properties|[]",
            "{'entities': ['192.0.2.1'], 'properties': ['.a']}|E_INVALID_FIELD_VALUE|entities|192.0.2.1",
            "{'entities': [':x'], 'properties': ['.a']}|E_INVALID_FIELD_VALUE|entities|:x",
            "{'entities': ['ipv4:192.0.2.1'], 'properties': ['pid']}|E_INVALID_FIELD_VALUE|properties|pid",
            "{'entities': ['ipv4:192.0.2.1'], 'properties': [7]}|E_INVALID_FIELD_VALUE|properties|7",
            "{'entities': 'ipv4:192.0.2.1', 'properties': ['.a']}|E_INVALID_FIELD_TYPE|entities|",
    })
    void badRequestsGetTheFieldAtFault(String body, ErrorCode code, String field, String value) {
        assertThatThrownBy(() -> RequestDecoder.propertyMap(json(body)))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(code);
                    assertThat(e.error().field()).contains(field);
                    assertThat(e.error().value()).isEqualTo(Optional.ofNullable(value));
                });
    }

    @Test
    void responsesCarryNullForNoValue() {
        Map<String, Map<String, Optional<String>>> entities = new LinkedHashMap<>();
        entities.put("ipv4:192.0.2.0/24", Map.of(".region", Optional.of("us-west")));
        entities.put("ipv4:192.0.2.0/28", Map.of(".region", Optional.empty()));
        PropertyMapResponse response = new PropertyMapResponse(List.of(new VersionTag("default-network-map", "3ee2")), entities);
        byte[] encoded = ResponseEncoder.propertyMap(response);
        assertThat(new String(encoded, StandardCharsets.UTF_8)).isEqualTo("""
                {"meta":{"dependent-vtags":[{"resource-id":"default-network-map","tag":"3ee2"}]},\
                "property-map":{"ipv4:192.0.2.0/24":{".region":"us-west"},"ipv4:192.0.2.0/28":{".region":null}}}""");
        assertThat(ResponseDecoder.propertyMap(encoded)).isEqualTo(response);
    }

    @Test
    void aValueOtherThanAStringOrNullIsRefused() {
        assertThatThrownBy(() -> ResponseDecoder.propertyMap(json("{'property-map': {'ipv4:192.0.2.1': {'.cpu': 500}}}")))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.E_INVALID_FIELD_TYPE));
    }

    @Test
    void directoryMappingsRoundTrip() {
        Map<String, List<String>> mappings = new LinkedHashMap<>();
        mappings.put("ipv4", List.of("default-network-map.pid", ".priv:area-name"));
        mappings.put("default-network-map.pid", List.of(".priv:area-name"));
        Directory directory = new Directory(Map.of(), Optional.of("default-network-map"), Map.of("property-map",
                new Directory.Entry("/propmap/full", MediaTypes.PROPERTY_MAP, Optional.empty(),
                        Directory.Capabilities.propertyMap(mappings), List.of("default-network-map"))));
        byte[] encoded = ResponseEncoder.directory(directory);
        assertThat(new String(encoded, StandardCharsets.UTF_8)).contains(
                "\"capabilities\":{\"mappings\":{\"ipv4\":[\"default-network-map.pid\",\".priv:area-name\"],"
                        + "\"default-network-map.pid\":[\".priv:area-name\"]}}");
        assertThat(ResponseDecoder.directory(encoded).resources().get("property-map").capabilities().mappings()).isEqualTo(mappings);
    }
}
