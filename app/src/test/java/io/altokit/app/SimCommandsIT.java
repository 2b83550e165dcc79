package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alto sim streaming|swarm|sweep} through the packaged jar, on small networks (seconds each). */
class SimCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    private record Outcome(int exit, String out, String err) {
    }

    private Outcome alto(String... args) throws Exception {
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Process process = started.add(AltoJar.processBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("alto %s finished", String.join(" ", args)).isTrue();
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            objects.add(JSON.readTree(line));
        }
        return objects;
    }

    @Test
    void streamingPrintsOneJsonObjectPerPolicyAndAltoCutsInterAsTraffic() throws Exception {
        Outcome run = alto("sim", "streaming", "--peers", "200", "--ases", "20", "--duration", "60s", "--seed", "3",
                "--policy", "random,alto-random", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> policies = lines(run.out());
        assertThat(policies).extracting(node -> node.get("policy").asText()).containsExactly("random", "alto-random");
        for (JsonNode policy : policies) {
            for (String key : List.of("inter_as_traffic_share", "inter_as_lower_bound", "inter_as_share_to_bound",
                    "chunk_delay_mean_s", "chunk_delay_p95_s", "deadline_miss_share")) {
                assertThat(policy.get(key).isNumber()).as(key).isTrue();
            }
            assertThat(policy.get("chunk_delay_mean_s").asDouble()).isLessThan(10);
        }
        assertThat(policies.get(1).get("inter_as_traffic_share").asDouble())
                .isLessThan(policies.get(0).get("inter_as_traffic_share").asDouble());
        Outcome again = alto("sim", "streaming", "--peers", "200", "--ases", "20", "--duration", "60s", "--seed", "3",
                "--policy", "random,alto-random", "--json");
        assertThat(again.out()).as("the same seed, the same numbers").isEqualTo(run.out());
    }

    @Test
    void streamingWritesThePerAsLoad() throws Exception {
        Path csv = temp.resolve("per-as.csv");
        Outcome run = alto("sim", "streaming", "--peers", "100", "--ases", "5", "--duration", "40s", "--policy", "alto",
                "--per-as", csv.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(1 + 5);
        assertThat(lines.getFirst()).isEqualTo("policy,as,peers,transit_capacity_mbps,inbound_mbps,utilisation");
        assertThat(lines.subList(1, 6)).allMatch(line -> line.startsWith("alto,"));
        assertThat(lines.subList(1, 6).stream().mapToInt(line -> Integer.parseInt(line.split(",")[2])).sum()).isEqualTo(100);
        assertThat(lines.subList(1, 6).stream().mapToDouble(line -> Double.parseDouble(line.split(",")[5])).max().orElseThrow())
                .isPositive().isLessThanOrEqualTo(1.0);
    }

    @Test
    void swarmPrintsDownloadTimesAndATable() throws Exception {
        Outcome json = alto("sim", "swarm", "--peers", "100", "--ases", "10", "--file-mb", "2", "--policy", "alto", "--json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode alto = lines(json.out()).getFirst();
        assertThat(alto.get("download_time_mean_s").asDouble()).isPositive();
        assertThat(alto.get("download_time_p95_s").asDouble()).isGreaterThanOrEqualTo(alto.get("download_time_mean_s").asDouble() - 1);
        assertThat(alto.get("completed_share").asDouble()).isEqualTo(1.0);
        Outcome table = alto("sim", "swarm", "--peers", "100", "--ases", "10", "--file-mb", "2", "--policy", "random");
        assertThat(table.out()).startsWith("policy").contains("download_time_mean_s").contains("\nrandom ");
    }

    @Test
    void sweepWritesCsvAndPngPlots() throws Exception {
        Path folder = temp.resolve("sweep");
        Outcome run = alto("sim", "sweep", "--out", folder.toString(), "--seeds", "2", "--peers", "100", "--ases", "10",
                "--duration", "40s", "--file-mb", "2", "--policy", "random,alto");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("streaming: 2 seeds").contains("swarm: 2 seeds").contains("±");
        assertThat(run.err()).as("progress in a file: no carriage returns, no colours").doesNotContain("\r").doesNotContain("\u001b");
        List<String> runs = Files.readAllLines(folder.resolve("streaming-runs.csv"));
        assertThat(runs).hasSize(1 + 2 * 2);
        assertThat(runs.getFirst()).startsWith("policy,inter_as_traffic_share,");
        assertThat(Files.readAllLines(folder.resolve("swarm-summary.csv")).getFirst()).isEqualTo("policy,metric,mean,ci95_half_width,runs");
        byte[] png = Files.readAllBytes(folder.resolve("streaming-inter-as-traffic-share.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(folder.resolve("swarm-download-time-mean-s.png")).exists();
    }

    @Test
    void badInputGetsAPreciseErrorAndExitCode2() throws Exception {
        Outcome policy = alto("sim", "streaming", "--policy", "greedy");
        assertThat(policy.exit()).isEqualTo(2);
        assertThat(policy.err()).contains("unknown policy \"greedy\"").doesNotContain("Exception");
        Outcome peers = alto("sim", "swarm", "--peers", "0");
        assertThat(peers.exit()).isEqualTo(2);
        assertThat(peers.err()).contains("number of peers").doesNotContain("Exception");
        Outcome duration = alto("sim", "streaming", "--duration", "5s");
        assertThat(duration.exit()).isEqualTo(2);
        assertThat(duration.err()).contains("shorter than the duration");
        Outcome bare = alto("sim", "streaming", "--duration", "600");
        assertThat(bare.exit()).isEqualTo(2);
        assertThat(bare.err()).contains("'600' has no unit: write 600s for seconds").doesNotContain("Exception");
        Outcome churn = alto("sim", "streaming", "--session", "0s");
        assertThat(churn.exit()).isEqualTo(2);
        assertThat(churn.err()).contains("churn times must be above 0").doesNotContain("Exception");
        Outcome sweepChurn = alto("sim", "sweep", "--out", temp.resolve("never").toString(), "--refresh", "0s");
        assertThat(sweepChurn.exit()).isEqualTo(2);
        assertThat(sweepChurn.err()).contains("alto sim sweep: churn times must be above 0").doesNotContain("Exception");
        Outcome supply = alto("sim", "swarm", "--near-supply", "-1");
        assertThat(supply.exit()).isEqualTo(2);
        assertThat(supply.err()).contains("near supply").doesNotContain("Exception");
    }
}
