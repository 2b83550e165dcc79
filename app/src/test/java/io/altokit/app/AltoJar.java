package io.altokit.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar as the end-to-end tests run it: as a separate process of the test's own JVM. */
final class AltoJar {
    static final Path JAR = Path.of("target", "altokit.jar");
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    /** Lines of standard error a failure to start shows: the reason and what led to it. */
    private static final int STDERR_LINES_SHOWN = 20;

    private AltoJar() {
    }

    /** {@code java -jar target/altokit.jar ARGS...}. */
    static List<String> command(String... args) {
        assertThat(JAR).as("the packaged jar (mvn package runs before integration tests)").exists();
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * {@code alto ARGS...} to start, with the client commands' default timeout raised: the tests run on
     * loaded machines, where a cold JVM's first TLS exchange can take longer than the 5 s default. A
     * test about timeouts passes {@code --timeout} itself.
     */
    static ProcessBuilder processBuilder(String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(args));
        builder.environment().put("ALTO_TIMEOUT", "60s");
        return builder;
    }

    /** Starts {@code alto ARGS...} with its standard error written to {@code stderr}. */
    static Process start(Path stderr, String... args) throws IOException {
        return processBuilder(args).redirectError(stderr.toFile()).start();
    }

    /** The text of a network file written for the ports given (a BGP listener, an admin listener...). */
    @FunctionalInterface
    interface NetworkFile {
        String forPorts(int... ports) throws Exception;
    }

    /** A ready {@code alto serve} process, the ports its network file was written for, and its directory URI. */
    record Served(Process process, URI directory, int[] ports) {
    }

    /**
     * Writes {@code config} for {@code portCount} free ports, starts {@code alto serve --config config
     * ARGS...} (stopped after the test) and waits until it is ready; when another process took one of
     * those ports first, does it all again with others.
     */
    static Served serveOnFreePorts(StartedProcesses started, Path config, Path stderr, int portCount, NetworkFile file,
                                   String... args) throws Exception {
        return FreePorts.retryOnClash(() -> {
            int[] ports = new int[portCount];
            for (int i = 0; i < portCount; i++) {
                ports[i] = FreePorts.one();
            }
            Files.writeString(config, file.forPorts(ports));
            List<String> serve = new ArrayList<>(List.of("serve", "--config", config.toString()));
            serve.addAll(List.of(args));
            Process process = started.add(start(stderr, serve.toArray(String[]::new)));
            return new Served(process, awaitReady(process, stderr), ports);
        });
    }

    /**
     * Waits (bounded) for the line announcing the directory URI on the process's standard output.
     *
     * @param stderr where the process writes its standard error: shown, with the exit code, if it does not start
     */
    static URI awaitReady(Process process, Path stderr) throws Exception {
        return awaitUri(process, "ALTO server ready: ", stderr);
    }

    /** Waits (bounded) for the first line of standard output, which must be {@code prefix} and a URI. */
    static URI awaitUri(Process process, String prefix, Path stderr) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String first;
        try {
            first = line.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no line on standard output within 60 s, expected \"" + prefix + "<uri>\"" + state(process, stderr));
        }
        if (first == null) {
            process.waitFor(10, TimeUnit.SECONDS); // its output ended: it is exiting
            String ended = "standard output ended, expected \"" + prefix + "<uri>\"" + state(process, stderr);
            throw lostAPort(stderr) ? new FreePorts.PortTaken(ended) : new AssertionError(ended);
        }
        if (!first.startsWith(prefix + "http")) {
            throw new AssertionError("first line on standard output \"" + first + "\", expected \"" + prefix + "<uri>\""
                    + state(process, stderr));
        }
        return URI.create(first.substring(prefix.length()));
    }

    /** Whether the process said it could not listen because the port was taken (another process won the race for it). */
    private static boolean lostAPort(Path stderr) throws IOException {
        return Files.exists(stderr) && new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8).lines()
                .anyMatch(line -> line.contains("cannot listen on ") && line.endsWith(": address already in use"));
    }

    /** Whether the process still runs or its exit code, and the last lines of its standard error. */
    private static String state(Process process, Path stderr) throws IOException {
        String status = process.isAlive() ? "still running" : "exit code " + process.exitValue();
        List<String> lines = Files.exists(stderr)
                ? new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8).lines().toList() : List.of();
        List<String> last = lines.subList(Math.max(0, lines.size() - STDERR_LINES_SHOWN), lines.size());
        return "; " + status + "; the last " + last.size() + " lines of its standard error (" + stderr + "):"
                + System.lineSeparator() + String.join(System.lineSeparator(), last);
    }
}
