package io.altokit.app;

import io.altokit.app.config.YamlFile;
import io.altokit.core.Snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The example network shipped in the jar ({@code examples/poland-isp.yaml}): what {@code alto serve}
 * serves without a configuration file, and the network of the benchmarks.
 */
public final class ExampleNetwork {
    static final String RESOURCE = "/io/altokit/app/poland-isp.yaml";

    private ExampleNetwork() {
    }

    /** Read through the same reader and checks as any configuration file. */
    public static Snapshot snapshot() {
        try (InputStream in = ExampleNetwork.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the example network " + RESOURCE);
            }
            return NetworkSettings.snapshot(YamlFile.read(in, Path.of("embedded-example-network.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
