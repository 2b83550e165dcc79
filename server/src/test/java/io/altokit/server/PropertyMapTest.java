package io.altokit.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.core.IpPrefix;
import io.altokit.core.PidProperties;
import io.altokit.core.Snapshot;
import io.altokit.model.MediaTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.altokit.server.ServerFixture.JSON;
import static io.altokit.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9240 (entity property maps), section by section, over HTTP against the network of the RFC's
 * examples (section 10.1): defaultpid 0.0.0.0/0 and ::/0, pid1 192.0.2.0/25, pid2 192.0.2.0/27, pid3
 * 192.0.3.0/28, pid4 192.0.3.16/28, with the "region" property of section 10.2 on each PID.
 */
@DisplayName("RFC 9240 entity property maps")
class PropertyMapTest {
    private static ServerFixture fixture;

    /** The RFC's example default network map, its PIDs' "region" (section 10.2). */
    static Snapshot rfcExample() {
        return Snapshot.builder().defaultPid("defaultpid")
                .pid("pid1", List.of(IpPrefix.parse("192.0.2.0/25")))
                .pid("pid2", List.of(IpPrefix.parse("192.0.2.0/27")))
                .pid("pid3", List.of(IpPrefix.parse("192.0.3.0/28")))
                .pid("pid4", List.of(IpPrefix.parse("192.0.3.16/28")))
                .pidProperties(PidProperties.from(Map.of("pid1", Map.of("region", "us-west"), "pid2", Map.of("region", "us-east"),
                        "pid3", Map.of("region", "us-south"), "pid4", Map.of("region", "us-north"))))
                .cost("routingcost", "pid1", "pid2", 1)
                .build();
    }

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(ServerConfig.defaults().withPort(0), rfcExample());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    private static HttpResponse<byte[]> lookup(String body) throws Exception {
        return fixture.post("/propmap/lookup", MediaTypes.PROPERTY_MAP_PARAMS, body);
    }

    private static JsonNode answer(String body) throws Exception {
        HttpResponse<byte[]> response = lookup(body);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(MediaTypes.PROPERTY_MAP);
        return json(response);
    }

    private static JsonNode networkMapVtags() throws Exception {
        JsonNode vtag = json(fixture.get("/networkmap")).at("/meta/vtag");
        return JSON.createArrayNode().add(vtag);
    }

    @Nested
    @DisplayName("7.1-7.5 and 8.1-8.5: the resources in the IRD")
    class Directory {
        private static final String MAPPINGS = """
                {'ipv4': ['default-network-map.pid', '.region'], 'ipv6': ['default-network-map.pid', '.region'],
                 'default-network-map.pid': ['.region']}""";

        @Test
        void thePropertyMapIsAGetResourceUsingTheNetworkMapItsDomainsAndPropertiesDependOn() throws Exception {
            JsonNode entry = json(fixture.get("/directory")).at("/resources/property-map");
            assertThat(entry.get("uri").asText()).endsWith("/propmap/full");
            assertThat(entry.get("media-type").asText()).isEqualTo("application/alto-propmap+json");
            assertThat(entry.has("accepts")).isFalse();
            assertThat(entry.get("uses")).isEqualTo(tree("['default-network-map']"));
            assertThat(entry.at("/capabilities/mappings")).isEqualTo(tree(MAPPINGS));
        }

        @Test
        void theFilteredPropertyMapAcceptsPropmapParamsWithTheSameCapabilities() throws Exception {
            JsonNode entry = json(fixture.get("/directory")).at("/resources/filtered-property-map");
            assertThat(entry.get("uri").asText()).endsWith("/propmap/lookup");
            assertThat(entry.get("media-type").asText()).isEqualTo("application/alto-propmap+json");
            assertThat(entry.get("accepts").asText()).isEqualTo("application/alto-propmapparams+json");
            assertThat(entry.get("uses")).isEqualTo(tree("['default-network-map']"));
            assertThat(entry.at("/capabilities/mappings")).isEqualTo(tree(MAPPINGS));
        }
    }

    @Nested
    @DisplayName("7.6: the full property map")
    class Full {
        @Test
        void everyEntityOnceWithWhatItDoesNotInherit() throws Exception {
            HttpResponse<byte[]> response = fixture.get("/propmap/full");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains(MediaTypes.PROPERTY_MAP);
            JsonNode map = json(response);
            assertThat(map.at("/meta/dependent-vtags")).isEqualTo(networkMapVtags());
            assertThat(map.get("property-map")).isEqualTo(tree("""
                    {'ipv4:0.0.0.0/0': {'default-network-map.pid': 'defaultpid'},
                     'ipv4:192.0.2.0/25': {'default-network-map.pid': 'pid1', '.region': 'us-west'},
                     'ipv4:192.0.2.0/27': {'default-network-map.pid': 'pid2', '.region': 'us-east'},
                     'ipv4:192.0.3.0/28': {'default-network-map.pid': 'pid3', '.region': 'us-south'},
                     'ipv4:192.0.3.16/28': {'default-network-map.pid': 'pid4', '.region': 'us-north'},
                     'ipv6:::/0': {'default-network-map.pid': 'defaultpid'},
                     'default-network-map.pid:pid1': {'.region': 'us-west'},
                     'default-network-map.pid:pid2': {'.region': 'us-east'},
                     'default-network-map.pid:pid3': {'.region': 'us-south'},
                     'default-network-map.pid:pid4': {'.region': 'us-north'}}"""));
        }
    }

    @Nested
    @DisplayName("8.6 and section 10's examples: filtered property maps")
    class Filtered {
        @Test
        @DisplayName("10.7, example #3: PIDs of addresses and prefixes, a prefix split where its PIDs differ")
        void example3() throws Exception {
            JsonNode answer = answer("""
                    {'entities': ['ipv4:192.0.2.128', 'ipv4:192.0.2.0/27', 'ipv4:192.0.3.0/27'],
                     'properties': ['default-network-map.pid']}""");
            assertThat(answer.at("/meta/dependent-vtags")).isEqualTo(networkMapVtags());
            assertThat(answer.get("property-map")).isEqualTo(tree("""
                    {'ipv4:192.0.2.128': {'default-network-map.pid': 'defaultpid'},
                     'ipv4:192.0.2.0/27': {'default-network-map.pid': 'pid2'},
                     'ipv4:192.0.3.0/28': {'default-network-map.pid': 'pid3'},
                     'ipv4:192.0.3.16/28': {'default-network-map.pid': 'pid4'}}"""));
        }

        @Test
        @DisplayName("10.8, example #4: a self-defined property of PIDs")
        void example4() throws Exception {
            JsonNode answer = answer("""
                    {'entities': ['default-network-map.pid:pid1', 'default-network-map.pid:pid2'], 'properties': ['.region']}""");
            assertThat(answer.at("/meta/dependent-vtags")).isEqualTo(networkMapVtags());
            assertThat(answer.get("property-map")).isEqualTo(tree("""
                    {'default-network-map.pid:pid1': {'.region': 'us-west'},
                     'default-network-map.pid:pid2': {'.region': 'us-east'}}"""));
        }

        @Test
        void anAddressGetsEveryValueItInheritsAndOnlyThePropertiesAsked() throws Exception {
            JsonNode answer = answer("{'entities': ['ipv4:192.0.2.40', 'ipv4:192.0.2.1'], 'properties': ['.region']}");
            assertThat(answer.get("property-map")).isEqualTo(tree("""
                    {'ipv4:192.0.2.40': {'.region': 'us-west'}, 'ipv4:192.0.2.1': {'.region': 'us-east'}}"""));
        }

        @Test
        void aPrefixAlsoGivesThePrefixesInsideItThatDiffer() throws Exception {
            JsonNode answer = answer("{'entities': ['ipv4:192.0.2.0/24'], 'properties': ['default-network-map.pid', '.region']}");
            assertThat(answer.get("property-map")).isEqualTo(tree("""
                    {'ipv4:192.0.2.0/24': {'default-network-map.pid': 'defaultpid'},
                     'ipv4:192.0.2.0/25': {'default-network-map.pid': 'pid1', '.region': 'us-west'},
                     'ipv4:192.0.2.0/27': {'default-network-map.pid': 'pid2', '.region': 'us-east'}}"""));
        }

        @Test
        void ipv6EntitiesAndRepeatsReadOnce() throws Exception {
            JsonNode answer = answer("""
                    {'entities': ['ipv6:2001:db8::1', 'ipv6:2001:db8::1'], 'properties': ['default-network-map.pid', '.region']}""");
            assertThat(answer.get("property-map")).isEqualTo(tree("{'ipv6:2001:db8::1': {'default-network-map.pid': 'defaultpid'}}"));
        }

        @Test
        void aValidEntityWithoutValuesIsNoError() throws Exception {
            JsonNode answer = answer("""
                    {'entities': ['default-network-map.pid:pid9', 'default-network-map.pid:defaultpid', 'ipv4:198.51.100.1'],
                     'properties': ['.region']}""");
            assertThat(answer.get("property-map")).isEqualTo(tree("{}"));
        }

        @Test
        void aPropertyTheEntitysDomainLacksIsLeftOut() throws Exception {
            JsonNode answer = answer("{'entities': ['default-network-map.pid:pid1'], 'properties': ['default-network-map.pid', '.region']}");
            assertThat(answer.get("property-map")).isEqualTo(tree("{'default-network-map.pid:pid1': {'.region': 'us-west'}}"));
        }
    }

    @Nested
    @DisplayName("8.6: invalid requests")
    class Errors {
        @ParameterizedTest
        @ValueSource(strings = {"ipv5:192.0.2.1", "pid:pid1", "alt-network-map.pid:pid1", "ipv4:192.0.2.256", "ipv4:2001:db8::1",
                "ipv6:192.0.2.1", "ipv4:192.0.2.1/24", "ipv4:192.0.2.0/33", "default-network-map.pid:bad pid", "ipv4:"})
        void anEntityOfAnotherDomainOrNotOfItsDomainIsNamed(String entity) throws Exception {
            HttpResponse<byte[]> response = lookup("{'entities': ['ipv4:192.0.2.1', '" + entity + "'], 'properties': ['.region']}");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).contains(MediaTypes.ERROR);
            assertThat(json(response).get("meta")).isEqualTo(JSON.createObjectNode()
                    .put("code", "E_INVALID_FIELD_VALUE").put("field", "entities").put("value", entity));
        }

        @ParameterizedTest
        @ValueSource(strings = {".ASN", "alt-network-map.pid", "default-network-map.region", "pid", ".priv:"})
        void aPropertyTheResourceDoesNotGiveIsNamed(String property) throws Exception {
            HttpResponse<byte[]> response = lookup("{'entities': ['ipv4:192.0.2.1'], 'properties': ['.region', '" + property + "']}");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).get("meta")).isEqualTo(JSON.createObjectNode()
                    .put("code", "E_INVALID_FIELD_VALUE").put("field", "properties").put("value", property));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "{'properties': ['.region']}|E_MISSING_FIELD|entities",
                "{'entities': [], 'properties': ['.region']}|E_INVALID_FIELD_VALUE|entities",
                "{'entities': ['ipv4:192.0.2.1'], 'properties': {}}|E_INVALID_FIELD_TYPE|properties"})
        void malformedBodies(String body, String code, String field) throws Exception {
            HttpResponse<byte[]> response = lookup(body);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).at("/meta/code").asText()).isEqualTo(code);
            assertThat(json(response).at("/meta/field").asText()).isEqualTo(field);
        }
    }
}
