package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.altokit.app.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alto query watch --json RESOURCE...} running as its own process: every line it prints is
 * parsed, and the latest whole resource per resource id is kept for the test to wait on.
 */
final class WatchProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    private final Process process;
    private final Map<String, JsonNode> latest = new ConcurrentHashMap<>();
    /** The "kind" of every update printed, in order. */
    final List<String> kinds = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private WatchProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofVirtual().name("watch-output").start(this::read);
    }

    /** Starts the command against {@code directory} through the update service {@code via} ({@code sse} or {@code tips}), its standard error in {@code log}. */
    static WatchProcess start(URI directory, Path log, String via, String... resources) throws IOException {
        List<String> args = new ArrayList<>(List.of("query", "--server", directory.toString(), "watch", "--json", "--via", via));
        args.addAll(List.of(resources));
        return new WatchProcess(AltoJar.processBuilder(args.toArray(String[]::new))
                .redirectError(log.toFile()).start());
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode update = JSON.readTree(line);
                kinds.add(update.path("kind").asText());
                latest.put(update.path("resource-id").asText(), update.path("resource"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resource as the watching client last printed it; fails if none came yet. */
    JsonNode latest(String resourceId) {
        JsonNode resource = latest.get(resourceId);
        assertThat(resource).as("an update of " + resourceId).isNotNull();
        return resource;
    }

    /** Waits (bounded) until the watching client holds {@code resourceId} meeting {@code condition}. */
    JsonNode await(String resourceId, Predicate<JsonNode> condition, String what) {
        return eventually("the watching client's " + resourceId + ": " + what, PATIENCE)
                .until(() -> latest.get(resourceId), resource -> resource != null && condition.test(resource));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        reader.join(Duration.ofSeconds(10));
    }
}
