package io.altokit.app.trial;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The long-running processes of one part of a trial (services, clients), each started inside a
 * namespace with its output in a log file; {@link #close} stops them all (TERM, then KILL).
 */
final class Daemons implements AutoCloseable {
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

    private final List<Process> started = new ArrayList<>();
    private final BooleanSupplier stopping;

    /** @param stopping holds once the trial's clean-up has begun: nothing new starts then */
    Daemons(BooleanSupplier stopping) {
        this.stopping = stopping;
    }

    /** Starts {@code command} in {@code namespace}, standard output and error to {@code log}. */
    Process start(String namespace, List<String> command, Path log) throws IOException {
        refuseWhenStopping();
        return track(new ProcessBuilder(Namespaces.exec(namespace, command)).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    /** Starts an {@code alto} command in {@code namespace}, standard error to {@code log}; it reports on standard output when ready. */
    Process startReporting(String namespace, List<String> command, Path log) throws IOException {
        refuseWhenStopping();
        return track(new ProcessBuilder(Namespaces.exec(namespace, command)).redirectError(log.toFile()).start());
    }

    /**
     * Waits for the first line {@code process} prints, which must start with {@code readyPrefix}; returns
     * the rest of the line (the URI the {@code alto} commands announce).
     */
    static String awaitReady(Process process, String readyPrefix, String what, Path log, Duration patience) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = first.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TrialException(what + " was not ready within " + patience.toSeconds() + " s; see " + log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrialException("interrupted while starting " + what);
        } catch (ExecutionException e) {
            line = null;
        }
        if (line == null || !line.startsWith(readyPrefix)) {
            throw new TrialException(what + " did not start: " + lastLine(log));
        }
        return line.substring(readyPrefix.length()).strip();
    }

    private void refuseWhenStopping() throws TrialException {
        if (stopping.getAsBoolean()) {
            throw new TrialException("stopped: the clean-up has begun");
        }
    }

    private Process track(Process process) {
        started.add(process);
        return process;
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return (lines.isEmpty() ? "no output" : lines.getLast().strip()) + " (" + log + ")";
        } catch (IOException e) {
            return "no log at " + log;
        }
    }

    /** Stops every process started here. */
    @Override
    public void close() {
        started.forEach(Process::destroy);
        for (Process process : started) {
            try {
                if (!process.waitFor(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        started.clear();
    }
}
