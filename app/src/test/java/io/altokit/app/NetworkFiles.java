package io.altokit.app;

import io.altokit.app.config.YamlFile;
import io.altokit.core.Snapshot;

import java.nio.file.Path;

/** Loads a network file the way {@code alto serve} does: the one reader, then {@code provision}'s builder. */
final class NetworkFiles {
    private NetworkFiles() {
    }

    static Snapshot load(Path file) {
        return NetworkSettings.snapshot(YamlFile.read(file));
    }
}
