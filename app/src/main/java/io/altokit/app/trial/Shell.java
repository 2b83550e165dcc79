package io.altokit.app.trial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the short set-up commands ({@code ip}, {@code tc}, {@code bird}) and turns a failure into one line. */
final class Shell {
    private static final long TIMEOUT_SECONDS = 60;

    private Shell() {
    }

    /** Runs {@code command} and returns its standard output; fails with the command and its first error line. */
    static String run(String... command) throws IOException {
        return run(List.of(command));
    }

    static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String output = read(process.getInputStream());
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new TrialException("`" + String.join(" ", command) + "` did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TrialException("interrupted while running `" + String.join(" ", command) + "`");
        }
        if (process.exitValue() != 0) {
            String reason = errors.join().strip().lines().findFirst().orElse("exit status " + process.exitValue());
            throw new TrialException("`" + String.join(" ", command) + "` failed: " + reason);
        }
        return output;
    }

    private static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
