package io.altokit.app;

import io.altokit.app.config.ConfigException;
import io.altokit.app.config.ConfigNode;
import io.altokit.app.config.YamlFile;
import io.altokit.core.Snapshot;
import io.altokit.model.CostContext;
import io.altokit.model.CostSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 9439 in the network file: the {@code cost-context} section for the metrics it serves, metric
 * names with statistical operators, hop counts in whole numbers.
 */
class PerformanceMetricSettingsTest {
    private static final String NETWORK = """
            network-map:
              a: { ipv4: [10.1.0.0/16] }
              b: { ipv4: [10.2.0.0/16] }
            costs:
              routingcost: { a: { b: 1 }, b: { a: 1 } }
              lossrate: { a: { b: 0.2 }, b: { a: 0.1 } }
              delay-ow: { a: { b: 2500 }, b: { a: 2700 } }
            """;

    @TempDir
    Path dir;

    private ConfigNode write(String yaml) throws IOException {
        return YamlFile.read(Files.writeString(dir.resolve("net.yaml"), yaml));
    }

    private void assertRefused(String section, String path, String problem) throws IOException {
        ConfigNode root = write(NETWORK + section);
        assertThatThrownBy(() -> NetworkSettings.snapshot(root)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.problem()).isEqualTo(problem);
        });
    }

    @Test
    void eachMetricGetsItsSourceAndParameters() throws IOException {
        Snapshot snapshot = NetworkSettings.snapshot(write(NETWORK + """
                cost-context:
                  lossrate: { cost-source: sla, parameters: { link: "https://isp.example/sla", version: 3 } }
                  delay-ow: { cost-source: nominal }
                  routingcost: { cost-source: estimation }
                """));
        assertThat(snapshot.costContext("lossrate")).contains(
                new CostContext(CostSource.SLA, Optional.of("{\"link\":\"https://isp.example/sla\",\"version\":\"3\"}")));
        assertThat(snapshot.costContext("delay-ow")).contains(new CostContext(CostSource.NOMINAL));
        assertThat(snapshot.costContext("routingcost")).contains(new CostContext(CostSource.ESTIMATION));
    }

    @Test
    void withoutTheSectionNoMetricHasAContext() throws IOException {
        assertThat(NetworkSettings.snapshot(write(NETWORK)).costContexts()).isEmpty();
    }

    @Test
    void anUnregisteredSourceIsNamedWithTheRegisteredOnes() throws IOException {
        assertRefused("cost-context: { lossrate: { cost-source: measured } }", "cost-context.lossrate.cost-source",
                "'measured' is not a registered cost source (nominal, sla, estimation)");
    }

    @Test
    void theSourceIsRequired() throws IOException {
        assertRefused("cost-context: { lossrate: { parameters: { link: x } } }", "cost-context.lossrate.cost-source", "missing");
    }

    @Test
    void aMetricTheFileDoesNotServeHasNoContext() throws IOException {
        assertRefused("cost-context: { delay-rt: { cost-source: sla } }", "cost-context.delay-rt",
                "no costs section or resource pool gives delay-rt (served: delay-ow, lossrate, routingcost)");
    }

    @Test
    void routingcostIsAnEstimation() throws IOException {
        assertRefused("cost-context: { routingcost: { cost-source: sla } }", "cost-context.routingcost.cost-source",
                "routingcost values are estimations (RFC 9439 section 6.3): its cost source can only be estimation");
    }

    @Test
    void anUnknownKeyIsAMistake() throws IOException {
        ConfigNode root = write(NETWORK + "cost-context: { lossrate: { cost-source: sla, source: sla } }");
        assertThatThrownBy(() -> NetworkSettings.snapshot(root)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.path()).isEqualTo("cost-context.lossrate.source"));
    }

    @Test
    void aMetricWithAStatisticalOperatorIsServedAndTakesAContext() throws IOException {
        Snapshot snapshot = NetworkSettings.snapshot(write(NETWORK + """
                  delay-ow:p95: { a: { b: 4100 } }
                cost-context:
                  delay-ow:p95: { cost-source: estimation, parameters: { window: 5 minutes } }
                """));
        assertThat(snapshot.metrics()).contains("delay-ow", "delay-ow:p95");
        assertThat(snapshot.costContext("delay-ow:p95")).isPresent();
    }

    @Test
    void aHopCountIsAWholeNumber() throws IOException {
        assertRefused("""
                  hopcount: { a: { b: 1.5 } }
                """, "costs.hopcount.a.b", "1.5 is not a whole number: a hop count is (RFC 9439 section 4.5.2)");
        assertThat(NetworkSettings.snapshot(write(NETWORK + "  hopcount: { a: { b: 2.0 } }\n")).metrics()).contains("hopcount");
    }

    @Test
    void aPoolsMetricAndTheRatingTakeContextsToo() throws IOException {
        Files.writeString(dir.resolve("loss.csv"), ",a,b\na,0,0.5\nb,0.4,0\n");
        Snapshot snapshot = NetworkSettings.snapshot(write("""
                network-map:
                  a: { ipv4: [10.1.0.0/16] }
                  b: { ipv4: [10.2.0.0/16] }
                resource-pools: { loss: loss.csv }
                cost-context:
                  lossrate: { cost-source: estimation, parameters: { method: TWAMP } }
                  routingcost: { cost-source: estimation }
                """));
        assertThat(snapshot.costMatrix("lossrate").orElseThrow().cost(0, 1)).as("percent, as given").isEqualTo(0.5);
        assertThat(snapshot.costContext("lossrate").orElseThrow().parameters()).contains("{\"method\":\"TWAMP\"}");
        assertThat(snapshot.costContext("routingcost")).isPresent();
    }
}
