package io.altokit.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mistakes an operator makes, through the packaged jar: each gets one line naming what is wrong
 * (the address, the directory, the option), the documented exit status, and never a stack trace.
 */
class CommandLineMistakesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    private record Outcome(int exit, String out, String err) {
        /** The one-line, trace-free answer every expected failure gets. */
        Outcome failsWith(int status, String line) {
            assertThat(exit).as(err).isEqualTo(status);
            assertThat(err).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception:");
            assertThat(err.lines().filter(l -> !l.startsWith("WARNING:"))).as(err).contains(line);
            return this;
        }
    }

    @Test
    void everyListenerOnATakenPortOrAForeignAddressIsOneLineAndExitStatus2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            alto("serve", "--port", Integer.toString(port))
                    .failsWith(2, "alto serve: cannot listen on 127.0.0.1:" + port + ": address already in use");
            alto("tracker", "--port", Integer.toString(port))
                    .failsWith(2, "alto tracker: cannot listen on 127.0.0.1:" + port + ": address already in use");
            alto("peer-proxy", "--port", Integer.toString(port), "--server", "http://127.0.0.1:1/directory")
                    .failsWith(2, "alto peer-proxy: cannot listen on 127.0.0.1:" + port + ": address already in use");
            Path bgp = Files.writeString(temp.resolve("bgp.yaml"), Files.readString(Path.of("..", "examples", "bgp.yaml"))
                    .replace("127.0.0.1:1179", "127.0.0.1:" + port));
            alto("serve", "--config", bgp.toString(), "--port", "0")
                    .failsWith(2, "alto serve: cannot listen on 127.0.0.1:" + port + ": address already in use");
        }
        alto("serve", "--bind", "10.255.255.1", "--port", "0")
                .failsWith(2, "alto serve: cannot listen on 10.255.255.1:0: cannot assign requested address");
    }

    @Test
    void usageErrorsAreTwoLinesAndHelpWorksOnEverySubcommand() throws Exception {
        Outcome missing = alto("query", "--server", "http://127.0.0.1:1/directory", "ecs", "10.1.0.1")
                .failsWith(2, "see 'alto query ecs --help'");
        assertThat(missing.err().lines().filter(l -> !l.startsWith("WARNING:")))
                .containsExactly("alto query ecs: Missing required option: '--source=IP'", "see 'alto query ecs --help'");
        alto("rank", "--server", "http://127.0.0.1:1/directory", "--timeout", "5x", "--source", "10.1.0.1", "10.2.0.1")
                .failsWith(2, "alto rank: Invalid value for option '--timeout': '5x' is not a duration such as 500ms, 5s, "
                        + "2m, 1h, 1d or PT5S");
        alto("tracker", "--strategy", "nearest").failsWith(2, "see 'alto tracker --help'");
        alto("peer-proxy", "--port", "0").failsWith(2, "see 'alto peer-proxy --help'");
        alto("peer-proxy", "--server", "http://127.0.0.1:1/directory", "--self", "alto.example")
                .failsWith(2, "see 'alto peer-proxy --help'");
        for (List<String> help : List.of(List.of("query", "--server", "http://127.0.0.1:1/directory", "costmap", "--help"),
                List.of("query", "ecs", "--help"), List.of("query", "eps", "--help"), List.of("rank", "--help"),
                List.of("tracker", "--help"), List.of("peer-proxy", "--help"), List.of("serve", "--help"))) {
            Outcome shown = alto(help.toArray(String[]::new));
            assertThat(shown.exit()).as(help + "\n" + shown.err()).isZero();
            assertThat(shown.out()).as(help.toString()).startsWith("Usage: alto " + help.getFirst());
        }
        assertThat(alto("rank", "--help").out()).as("one vocabulary").contains("--strategy=ecs|map")
                .contains("--cost-mode=numerical|ordinal").doesNotContain("--mode");
        assertThat(alto("tracker", "--help").out()).contains("--server=URI").contains("--strategy=map|ecs")
                .doesNotContain("--alto").doesNotContain("--mode");
    }

    @Test
    void clientFailuresSayWhatHappenedAndExitWith1() throws Exception {
        int closed = started.add(FreePorts.refusing()).port();
        Outcome refused = alto("rank", "--server", "http://127.0.0.1:" + closed + "/directory", "--json",
                "--source", "10.1.2.3", "10.2.0.1");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(JSON.readTree(refused.out()).get("status").asText()).as("the peers, unranked, all the same")
                .isEqualTo("UNAVAILABLE");
        assertThat(refused.err()).contains("connection refused by 127.0.0.1:" + closed).doesNotContain("\tat ");
        alto("query", "--server", "http://nosuch.invalid/directory", "ird")
                .failsWith(1, "alto query ird: GET http://nosuch.invalid/directory (directory) could not connect: "
                        + "unknown host 'nosuch.invalid'");

        Path log = temp.resolve("alto.log");
        Process server = AltoJar.start(log, "serve", "--port", "0");
        started.add(server);
        URI directory = AltoJar.awaitReady(server, log);
        URI networkMap = directory.resolve("/networkmap");
        alto("query", "--server", networkMap.toString(), "ird").failsWith(1, "alto query ird: GET " + networkMap
                + " (directory): this is a network map, not a directory (try " + directory + ")");
        alto("query", "--server", directory.toString(), "costmap", "--metric", "nosuch").failsWith(1,
                "alto query costmap: the directory at " + directory + " lists no cost map of type numerical nosuch");
        alto("rank", "--server", directory.toString(), "--metric", "nosuch", "--source", "10.1.2.3", "10.2.0.1")
                .failsWith(1, "alto rank: no guidance: ALTO ranking failed: the directory at " + directory
                        + " offers no guidance with nosuch");
        alto("query", "--server", directory.toString(), "watch", "nosuch").failsWith(1,
                "alto query watch: the directory at " + directory + " lists no full resource nosuch");
        alto("query", "--server", directory.toString(), "watch", "default-network-map", "default-network-map").failsWith(2,
                "alto query watch: subscribe to one or more distinct resources, not [default-network-map, default-network-map]");
        alto("query", "--server", directory.toString(), "watch", "--via", "carrier-pigeon", "default-network-map")
                .failsWith(2, "see 'alto query watch --help'");
    }

    @Test
    void aStateFileInAMissingDirectoryStopsTheStartNamingTheDirectory() throws Exception {
        Path config = Files.writeString(temp.resolve("net.yaml"), """
                network-map:
                  a: { ipv4: [10.1.0.0/16] }
                costs:
                  routingcost: { a: { a: 1 } }
                """);
        Path missing = temp.resolve("no-such-dir");
        alto("serve", "--config", config.toString(), "--port", "0", "--state-file", missing.resolve("state.bin").toString())
                .failsWith(2, "alto serve: state file " + missing.resolve("state.bin") + ": the directory " + missing
                        + " does not exist");
    }

    @Test
    void theTrackerBindsLoopbackByDefaultAndAnnouncesAUsableUrlOnEveryInterface() throws Exception {
        Path localLog = temp.resolve("tracker-local.log");
        Process local = AltoJar.start(localLog, "tracker", "--port", "0");
        started.add(local);
        assertThat(AltoJar.awaitUri(local, "BitTorrent tracker ready: ", localLog).getHost()).isEqualTo("127.0.0.1");
        Path everywhereLog = temp.resolve("tracker-everywhere.log");
        Process everywhere = AltoJar.start(everywhereLog, "tracker", "--port", "0", "--bind", "0.0.0.0");
        started.add(everywhere);
        URI announce = AltoJar.awaitUri(everywhere, "BitTorrent tracker ready: ", everywhereLog);
        assertThat(announce.getHost()).as("not [0:0:0:0:0:0:0:0]").isEqualTo("127.0.0.1");
        assertThat(announce.getPath()).isEqualTo("/announce");
    }

    private Outcome alto(String... args) throws Exception {
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Process process = AltoJar.processBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        started.add(process);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("alto %s finished", String.join(" ", args)).isTrue();
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
