package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.altokit.app.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alto trial} end to end, as root: network namespaces, tbf, BIRD announcing the areas to
 * {@code alto serve}, opentracker, the ALTO tracker, one {@code alto peer-proxy} per peer, aria2 clients.
 * Every policy's downloads complete with the payload's checksum, and nothing is left behind: not
 * after a run, not after an interruption, and {@code --cleanup} removes what a killed run left.
 */
class TrialIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();
    @TempDir
    Path dir;

    @BeforeAll
    static void tools() throws Exception {
        assertThat(System.getProperty("user.name")).as("alto trial creates network namespaces: this test runs as root").isEqualTo("root");
        Bird.require();
        SystemTools.requirePackage("aria2", "aria2 (BitTorrent client)", "aria2c");
        SystemTools.requirePackage("opentracker", "opentracker (BitTorrent tracker)", "opentracker");
    }

    @Test
    void everyPolicysSwarmCompletesAndTheTrialRemovesEverything() throws Exception {
        Path out = dir.resolve("trial.json");
        Path err = dir.resolve("trial.log");
        Process trial = started.add(AltoJar.processBuilder("trial", "--areas", "3", "--peers", "9", "--seed", "1", "--file-mb", "1", "--json")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start());
        assertThat(trial.waitFor(10, TimeUnit.MINUTES)).as("the trial ends within 10 minutes; " + err).isTrue();
        assertThat(trial.exitValue()).as(Files.readString(err)).isZero();

        Map<String, JsonNode> byPolicy = Files.readAllLines(out).stream().map(TrialIT::json)
                .collect(Collectors.toMap(row -> row.get("policy").asText(), Function.identity()));
        assertThat(byPolicy).containsOnlyKeys("random", "alto", "alto-proxy");
        for (JsonNode row : byPolicy.values()) {
            assertThat(row.get("peers").asInt()).isEqualTo(9);
            assertThat(row.get("areas").asInt()).isEqualTo(3);
            assertThat(row.get("completed").asInt()).as("every downloader finished: " + row).isEqualTo(8);
            assertThat(row.get("verified").asInt()).as("with the payload's SHA-256: " + row).isEqualTo(8);
            assertThat(row.get("total_bytes").asLong()).as("8 downloads of 1 MB went over the peers' links").isGreaterThan(8_000_000);
            assertThat(row.get("inter_area_bytes").asLong()).isPositive().isLessThan(row.get("total_bytes").asLong());
            assertThat(row.get("download_time_mean_s").asDouble()).isPositive();
        }
        // No assertion that ALTO order cuts inter-area bytes: at 9 peers one run in three showed no cut (docs/TRIAL.md).
        assertThat(trialNamespaces()).as("no namespace left").isEmpty();
        assertThat(Files.readString(err)).contains("removed 13 namespaces and the working directory");
    }

    @Test
    void anInterruptedTrialRemovesWhatItBuilt() throws Exception {
        Path err = dir.resolve("trial.log");
        Process trial = started.add(AltoJar.processBuilder("trial", "--areas", "2", "--peers", "5", "--policy", "alto").redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        eventually("the trial's network built", Duration.ofMinutes(3)).until(TrialIT::trialNamespaces, namespaces -> namespaces.size() >= 8);

        trial.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM's shutdown hook cleans up
        assertThat(trial.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(trialNamespaces()).as("no namespace left; " + Files.readString(err)).isEmpty();
    }

    @Test
    void cleanupRemovesTheNamespacesOfAKilledTrial() throws Exception {
        run("ip", "netns", "add", "altotrial-p99");
        Process sleeper = started.add(new ProcessBuilder("ip", "netns", "exec", "altotrial-p99", "sleep", "300").start());

        Process cleanup = AltoJar.processBuilder("trial", "--cleanup").redirectErrorStream(true).start();
        String output = new String(cleanup.getInputStream().readAllBytes());
        assertThat(cleanup.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cleanup.exitValue()).as(output).isZero();

        assertThat(output).contains("removed 1 trial namespaces");
        assertThat(trialNamespaces()).isEmpty();
        assertThat(sleeper.waitFor(30, TimeUnit.SECONDS)).as("the process inside was stopped").isTrue();
    }

    @Test
    void mistakesOnTheCommandLineAreOneLineAndCreateNothing() throws Exception {
        assertThat(outcome("trial", "--areas", "1")).startsWith("2\nalto trial: --areas must be 2 to 200 (inter-area traffic needs two), got 1\n");
        assertThat(outcome("trial", "--areas", "3", "--peers", "3")).startsWith("2\nalto trial: --peers must be 4 to 750 for 3 areas");
        assertThat(outcome("trial", "--policy", "alto,nearest")).startsWith("2\nalto trial: unknown policy \"nearest\"; policies: random, alto, alto-proxy\n");
        assertThat(outcome("trial", "--help")).startsWith("0\nUsage: alto trial");
        assertThat(trialNamespaces()).isEmpty();
    }

    @Test
    void withoutRootItRefusesInOneLine() throws Exception {
        Process process = new ProcessBuilder(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                AltoJar.JAVA, "-jar", AltoJar.JAR.toAbsolutePath().toString(), "trial")).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output.lines().filter(line -> !line.startsWith("WARNING:")))
                .containsExactly("alto trial: the trial creates network namespaces, which needs root: run it with sudo");
    }

    /** The exit status and the combined output of {@code alto ARGS}. */
    private static String outcome(String... args) throws Exception {
        Process process = AltoJar.processBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() + "\n" + output.lines().filter(line -> !line.startsWith("WARNING:")).collect(Collectors.joining("\n", "", "\n"));
    }

    private static List<String> trialNamespaces() throws Exception {
        return run("ip", "netns", "list").lines().map(line -> line.split("\\s+")[0]).filter(name -> name.startsWith("altotrial-")).toList();
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0).as(String.join(" ", command) + ": " + output).isTrue();
        return output;
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
