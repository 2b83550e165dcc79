package io.altokit.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar as the end-to-end tests run it: as a separate process of the test's own JVM. */
final class AltoJar {
    static final Path JAR = Path.of("target", "altokit.jar");
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private AltoJar() {
    }

    /** {@code java -jar target/altokit.jar ARGS...}. */
    static List<String> command(String... args) {
        assertThat(JAR).as("the packaged jar (mvn package runs before integration tests)").exists();
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Waits (bounded) for the line announcing the directory URI on the process's standard output. */
    static URI awaitReady(Process process) throws Exception {
        return awaitUri(process, "ALTO server ready: ");
    }

    /** Waits (bounded) for the first line of standard output, which must be {@code prefix} and a URI. */
    static URI awaitUri(Process process, String prefix) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String ready = line.get(60, TimeUnit.SECONDS);
        assertThat(ready).startsWith(prefix + "http");
        return URI.create(ready.substring(prefix.length()));
    }
}
