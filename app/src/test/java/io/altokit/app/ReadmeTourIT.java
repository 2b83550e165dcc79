package io.altokit.app;

import io.altokit.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's five-minute tour verbatim: every shell block after the tour heading, against the
 * packaged server, checking each command succeeds and prints what the README's trailing comments
 * promise. The README's server is {@code ./alto serve} on its default address; the test's server
 * listens on a free port instead (other tests run alongside), and the commands are run with that
 * port, and with free ports for those they listen on themselves, in place of the README's.
 */
class ReadmeTourIT {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern SHELL_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final String SERVE = "./alto serve";
    private static final Pattern LOOPBACK_PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    @Test
    void theTourWorksAsWritten(@TempDir Path dir) throws Exception {
        String readme = Files.readString(README);
        String tour = readme.substring(readme.indexOf("## A five-minute tour"));
        List<String> commands = new ArrayList<>();
        Matcher block = SHELL_BLOCK.matcher(tour.substring(0, tour.indexOf("## Documentation")));
        int serveBlocks = 0;
        while (block.find()) {
            if (block.group(1).strip().equals(SERVE)) {
                serveBlocks++;
            } else {
                commands.add(block.group(1));
            }
        }
        assertThat(serveBlocks).as("the tour starts the server as: " + SERVE).isEqualTo(1);
        assertThat(commands).hasSizeGreaterThanOrEqualTo(6);
        assertThat(new ProcessBuilder("curl", "--version").start().waitFor())
                .as("the README tour uses curl; install it (apt-get install -y curl)").isZero();

        Path log = dir.resolve("alto.log");
        URI directory = AltoJar.awaitReady(started.add(AltoJar.start(log, "serve", "--no-access-log", "--port", "0")), log);
        ServerConfig defaults = ServerConfig.defaults();
        assertThat(directory.getHost()).isEqualTo(defaults.bindAddress());
        assertThat(directory.getPath()).isEqualTo("/directory");
        Map<Integer, Integer> ports = portsInPlaceOfTheReadmes(String.join("\n", commands), defaults.port(), directory.getPort());

        for (String command : commands) {
            String run = withPorts(command, ports);
            // From the repository root, where the README's reader stands (./alto is there). The
            // client commands' timeout is raised as for every test's: a cold JVM on a loaded machine.
            ProcessBuilder shell = new ProcessBuilder("bash", "-euo", "pipefail", "-c", run).directory(README.getParent().toFile())
                    .redirectErrorStream(true);
            shell.environment().put("ALTO_TIMEOUT", "60s");
            Process process = started.add(shell.start());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(run).isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(run + "\n" + output).isZero();
            assertThat(output).as(run).isNotBlank().doesNotContain("Exception");
            for (String promise : promisedOutputs(command)) {
                assertThat(output).as(run).contains(promise);
            }
        }
    }

    /**
     * The port each README port stands for: the server's default port is the test server's; any
     * other one must be one a command of the tour listens on ({@code --port N}), and gets a free port.
     */
    private static Map<Integer, Integer> portsInPlaceOfTheReadmes(String commands, int serverDefault, int server) throws Exception {
        Map<Integer, Integer> ports = new TreeMap<>();
        Matcher address = LOOPBACK_PORT.matcher(commands);
        while (address.find()) {
            int port = Integer.parseInt(address.group(1));
            if (port == serverDefault) {
                ports.put(port, server);
            } else if (!ports.containsKey(port)) {
                assertThat(commands).as("127.0.0.1:" + port + " is neither the server's default address nor one a command listens on")
                        .contains("--port " + port + " ");
                ports.put(port, FreePorts.one());
            }
        }
        assertThat(ports).as("the tour talks to the server at its default address").containsKey(serverDefault);
        return ports;
    }

    private static String withPorts(String command, Map<Integer, Integer> ports) {
        String run = command;
        for (Map.Entry<Integer, Integer> port : ports.entrySet()) {
            run = run.replaceAll("(?<![0-9])" + port.getKey() + "(?![0-9])", Integer.toString(port.getValue()));
        }
        return run;
    }

    /** Lines such as "# 304" or "# {...}" in a block are what the command before them prints. */
    private static List<String> promisedOutputs(String block) {
        List<String> promises = new ArrayList<>();
        for (String line : block.split("\n")) {
            int comment = line.indexOf("  # ");
            if (line.startsWith("# ")) {
                promises.add(line.substring(2).strip());
            } else if (comment > 0) {
                promises.add(line.substring(comment + 4).strip());
            }
        }
        return promises;
    }
}
