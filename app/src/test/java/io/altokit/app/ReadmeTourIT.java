package io.altokit.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's five-minute tour verbatim: every shell block after the tour heading, against the
 * packaged server on the port the README uses, checking each command succeeds and prints what the
 * README's trailing comments promise.
 */
class ReadmeTourIT {
    private static final Path README = Path.of("..", "README.md");
    private static final int TOUR_PORT = 8181;
    private static final Pattern SHELL_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void theTourWorksAsWritten() throws Exception {
        String readme = Files.readString(README);
        String tour = readme.substring(readme.indexOf("## A five-minute tour"));
        List<String> commands = new ArrayList<>();
        Matcher block = SHELL_BLOCK.matcher(tour.substring(0, tour.indexOf("## Documentation")));
        while (block.find()) {
            if (!block.group(1).strip().equals("./alto serve")) {
                commands.add(block.group(1));
            }
        }
        assertThat(commands).hasSizeGreaterThanOrEqualTo(6);
        assertThat(new ProcessBuilder("curl", "--version").start().waitFor())
                .as("the README tour uses curl; install it (apt-get install -y curl)").isZero();

        try (ServerSocket probe = new ServerSocket(TOUR_PORT)) {
            probe.close();
        } catch (IOException e) {
            throw new AssertionError("the README tour needs port " + TOUR_PORT + " free on this machine", e);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        server = new ProcessBuilder(java, "-jar", "target/altokit.jar", "serve", "--no-access-log")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        assertThat(CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }).get(60, TimeUnit.SECONDS)).isEqualTo("ALTO server ready: http://127.0.0.1:" + TOUR_PORT + "/directory");

        for (String command : commands) {
            // From the repository root, where the README's reader stands (./alto is there).
            Process shell = new ProcessBuilder("bash", "-euo", "pipefail", "-c", command).directory(README.getParent().toFile())
                    .redirectErrorStream(true).start();
            assertThat(shell.waitFor(30, TimeUnit.SECONDS)).as(command).isTrue();
            String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(shell.exitValue()).as(command + "\n" + output).isZero();
            assertThat(output).as(command).isNotBlank().doesNotContain("Exception");
            for (String promise : promisedOutputs(command)) {
                assertThat(output).as(command).contains(promise);
            }
        }
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
