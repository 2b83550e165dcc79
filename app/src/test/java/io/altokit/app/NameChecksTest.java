package io.altokit.app;

import io.altokit.app.config.ConfigException;
import io.altokit.app.config.ConfigNode;
import io.altokit.app.config.YamlFile;
import io.altokit.server.AltoServer;
import io.altokit.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Names the file refers to are checked: access rules against the offered resources, metrics against the registry. */
class NameChecksTest {
    private static final String NETWORK = """
            network-map:
              a: { ipv4: [10.1.0.0/16] }
              b: { ipv4: [10.2.0.0/16] }
            """;

    @TempDir
    Path dir;

    @Test
    void theResourcesOfferedAreTheOnesAccessRulesMayName() throws IOException {
        ConfigNode root = write(NETWORK + "costs: { hopcount: { a: { b: 2 }, b: { a: 2 } } }");
        assertThat(AltoServer.resourceIds(ServerConfig.defaults(), NetworkSettings.snapshot(root))).containsExactly(
                "costmap-num-hopcount", "costmap-ord-hopcount", "default-network-map", "directory", "endpoint-cost",
                "endpoint-property", "filtered-cost-map", "filtered-multi-cost-map", "filtered-network-map",
                "filtered-property-map", "health", "metrics", "property-map", "tips", "ui", "update-stream");
    }

    @Test
    void anAccessRuleNamingAResourceTheServerDoesNotOfferStopsTheStart() throws IOException {
        ConfigNode root = write(NETWORK + "access: [ { source: 10.0.0.0/8, resources: [default-network-map, networkmap] } ]");
        assertThatThrownBy(() -> ProtectionSettings.read(root,
                AltoServer.resourceIds(ServerConfig.defaults(), NetworkSettings.snapshot(root))))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.path()).isEqualTo("access[0].resources");
                    assertThat(e.problem()).startsWith("'networkmap' is not a resource this server offers (it offers: ")
                            .contains("default-network-map", "endpoint-cost", "filtered-cost-map");
                });
        ConfigNode typo = write(NETWORK + "access: [ { source: 10.0.0.0/8, resources: [endpoint-cots] } ]");
        assertThatThrownBy(() -> ProtectionSettings.read(typo,
                AltoServer.resourceIds(ServerConfig.defaults(), NetworkSettings.snapshot(typo))))
                .hasMessageEndingWith("did you mean 'endpoint-cost'?");
    }

    @Test
    void costMetricsAreRegisteredOrPrivate() throws IOException {
        assertThatThrownBy(() -> NetworkSettings.snapshot(write(NETWORK + "costs: { routing_cost: { a: { b: 1 } } }")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.path()).isEqualTo("costs.routing_cost");
                    assertThat(e.problem()).startsWith("'routing_cost' is neither a registered cost metric (")
                            .endsWith("nor a private one (priv:name); did you mean 'routingcost'?");
                });
        assertThat(NetworkSettings.snapshot(write(NETWORK + """
                costs:
                  delay-rt: { a: { b: 4000 } }
                  priv:jitter: { a: { b: 1 } }
                """)).metrics()).contains("delay-rt", "priv:jitter");
    }

    private ConfigNode write(String yaml) throws IOException {
        return YamlFile.read(Files.writeString(dir.resolve("net.yaml"), yaml));
    }
}
