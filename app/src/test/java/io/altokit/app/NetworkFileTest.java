package io.altokit.app;

import io.altokit.app.config.YamlFile;
import io.altokit.core.NetworkMap;
import io.altokit.core.Snapshot;
import io.altokit.provision.ProvisioningException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkFileTest {

    private static Snapshot parse(String yaml) {
        return NetworkSettings.snapshot(YamlFile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                Path.of("test.yaml")));
    }

    @Test
    void theMinimalExampleLoads() throws Exception {
        Snapshot snapshot = NetworkFiles.load(Path.of("..", "examples", "minimal.yaml"));
        NetworkMap map = snapshot.networkMap();
        assertThat(map.pidName(map.lookup(InetAddress.getByName("10.2.9.9")))).isEqualTo("area-02");
        assertThat(map.pidName(map.lookup(InetAddress.getByName("2001:db8:1::5")))).isEqualTo("area-01");
        assertThat(map.pidNames()).as("a default PID covers the rest").hasSize(3);
        int a1 = map.indexOf("area-01").orElseThrow();
        int a2 = map.indexOf("area-02").orElseThrow();
        assertThat(snapshot.costMatrix("routingcost").orElseThrow().cost(a1, a2)).isEqualTo(10);
        assertThat(snapshot.costMatrix("hopcount").orElseThrow().cost(a2, a1)).isEqualTo(3);
        assertThat(snapshot.metrics()).containsExactly("hopcount", "routingcost");
    }

    @Test
    void theEmbeddedExampleIsTheTrialIsp() {
        Snapshot example = ExampleNetwork.snapshot();
        assertThat(example.networkMap().pidNames()).hasSize(15).contains("area-01", "area-14", "external");
        assertThat(example.metrics()).contains("routingcost", "hopcount", "delay-rt");
        assertThat(example.pidProperties().of("area-01")).containsExactly(
                Map.entry("priv:area-name", "Warszawa"), Map.entry("priv:geo", "52.2297 21.0122"));
        assertThat(example.pidProperties().pids()).hasSize(14).doesNotContain("external");
        NetworkMap map = example.networkMap();
        int n = map.size();
        for (String metric : example.metrics()) {
            var matrix = example.costMatrix(metric).orElseThrow();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertThat(matrix.isDefined(i, j)).as("%s %s->%s", metric, map.pidName(i), map.pidName(j)).isTrue();
                }
            }
        }
    }

    @Test
    void theExampleFileUnderExamplesIsTheEmbeddedOne() throws Exception {
        Snapshot fromFile = NetworkFiles.load(Path.of("..", "examples", "poland-isp.yaml"));
        assertThat(fromFile.networkMap().vtag()).isEqualTo(ExampleNetwork.snapshot().networkMap().vtag());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            costs: {}                                                                     | network-map: must be a mapping
            network-map: { a: { ipv4: [10.0.0.0/33] } }                                   | network-map.a.ipv4
            network-map: { a: { ipv4: ["2001:db8::/32"] } }                               | not an ipv4 prefix
            network-map: { a: { ipx: [10.0.0.0/8] } }                                     | network-map.a.ipx: unknown setting (known: ipv4, ipv6, properties); did you mean 'ipv4'?
            network-map: { a: { ipv4: [10.0.0.0/8], properties: { area: x } } }          | network-map.a.properties.area: 'area' is not a private entity property type: priv: and a name
            network-map: { a: { ipv4: [10.0.0.0/8], properties: { "priv:": x } } }       | priv:' is not a private entity property type
            network-map: { a: { ipv4: [10.0.0.0/8], properties: { "priv:a.b": x } } }     | priv:a.b' is not a private entity property type
            network-map: { a: { ipv4: [10.0.0.0/8], properties: [x] } }                   | network-map.a.properties: expected a mapping of property types (priv:name) to values
            network-map: { a: { ipv4: [10.0.0.0/8], properties: { "priv:x": [1] } } }    | expected a non-empty string, got [1]
            network-map: { a: { ipv4: 10.0.0.0/8 } }                                      | expected a list of prefixes
            network-map: { a: { ipv4: [10.0.0.0/8] } }, costs: { routingcost: { a: { a: x } } } | costs.routingcost.a.a: expected a number
            network-map: { a: { ipv4: [10.0.0.0/8] } }, costs: { routingcost: { a: { zz: 1 } } } | zz
            network-map: { 'bad pid': { ipv4: [10.0.0.0/8] } }                            | bad pid
            """)
    void errorsNameTheFileAndTheEntry(String yaml, String expected) {
        String document = yaml.startsWith("network-map: {") && yaml.contains("}, costs") ?
                "{" + yaml + "}" : yaml;
        assertThatThrownBy(() -> parse(document))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageStartingWith("test.yaml")
                .hasMessageContaining(expected);
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> NetworkFiles.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("nope.yaml: no such file");
    }

    @Test
    void brokenYamlIsAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "network-map: [unclosed\n");
        assertThatThrownBy(() -> NetworkFiles.load(file))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("broken.yaml: not valid YAML");
    }
}
