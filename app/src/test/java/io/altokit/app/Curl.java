package io.altokit.app;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One run of the real curl: its exit status, the HTTP status (0 = no answer, e.g. a refused TLS
 * handshake), the HTTP version it spoke and the body.
 */
record Curl(int exit, int status, String version, String body) {

    /** {@code curl OPTIONS... uri}, bounded to 10 s; the body goes through a file in {@code workDirectory}. */
    static Curl fetch(Path workDirectory, URI uri, String... options) throws Exception {
        SystemTools.requirePackage("curl", "curl (a real HTTP and TLS client)", "curl");
        Path body = Files.createTempFile(workDirectory, "body", ".out");
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--max-time", "10", "--output", body.toString(),
                "--write-out", "%{http_code} %{http_version}"));
        command.addAll(List.of(options));
        command.add(uri.toString());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        assertThat(process.isAlive()).as("curl finished").isFalse();
        String[] written = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split(" ");
        return new Curl(process.exitValue(), Integer.parseInt(written[0]), written.length > 1 ? written[1] : "",
                Files.readString(body));
    }
}
