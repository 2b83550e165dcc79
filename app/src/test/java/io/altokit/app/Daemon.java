package io.altokit.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A daemon a test started that detached from the process that launched it (BIRD, FRR's bgpd), found
 * by the pid file it writes.
 */
record Daemon(Path pidFile) implements AutoCloseable {

    /** Stops the daemon as {@link StartedProcesses} stops a process; does nothing if it never wrote its pid file, or the second time. */
    @Override
    public void close() throws Exception {
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        Files.delete(pidFile);
        Optional<ProcessHandle> daemon = ProcessHandle.of(pid);
        if (daemon.isPresent()) {
            StartedProcesses.stop(daemon.get());
        }
    }
}
