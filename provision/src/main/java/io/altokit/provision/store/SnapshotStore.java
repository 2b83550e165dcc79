package io.altokit.provision.store;

import io.altokit.core.Snapshot;
import io.altokit.provision.ProvisioningException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The last good snapshot in a state file, so that a restarted server answers at once, before its
 * live sources (a BGP session, say) are back. The format is described in {@link SnapshotCodec}.
 */
public final class SnapshotStore {

    private final Path file;

    public SnapshotStore(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * This store, after checking that its directory exists, so that a mistake in the path shows at
     * the start rather than as a failed write at the first publication.
     *
     * @throws ProvisioningException naming the file and the missing directory
     */
    public SnapshotStore requireDirectory() {
        if (!Files.isDirectory(directory())) {
            throw new ProvisioningException("state file " + file + ": the directory " + directory() + " does not exist");
        }
        return this;
    }

    private Path directory() {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null ? parent : file.toAbsolutePath().getRoot();
    }

    public Path file() {
        return file;
    }

    /**
     * The stored snapshot, with the same content and vtags as the one saved; empty when there is
     * no state file yet.
     *
     * @throws ProvisioningException naming the file and why it cannot be used: unreadable,
     *     truncated, corrupt, not a state file, or a format version this AltoKit does not read
     */
    public Optional<Snapshot> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ProvisioningException(file + ": cannot read the state file: " + e, e);
        }
        return Optional.of(SnapshotCodec.read(bytes, file.toString()));
    }

    /**
     * Replaces the state file with {@code snapshot} atomically.
     *
     * @throws ProvisioningException naming the file and the I/O failure; the old file is then intact
     */
    public void save(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        try {
            AtomicFile.write(file, out -> SnapshotCodec.write(snapshot, out));
        } catch (IOException e) {
            // The temporary file it writes first is not what the operator named: say which directory is missing.
            String reason = Files.isDirectory(directory()) ? e.toString() : "the directory " + directory() + " does not exist";
            throw new ProvisioningException(file + ": cannot write the state file: " + reason, e);
        }
    }
}
