package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alto keygen}, {@code alto serve} with a {@code signing:} section, and clients with {@code --verify-key}. */
class SignedGuidanceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    @Test
    void aSigningServerIsTrustedWithItsKeyAndRefusedWithAnother(@TempDir Path dir) throws Exception {
        assertThat(run(0, "keygen", dir.resolve("signing.pem").toString())).contains("keyid:");
        run(0, "keygen", dir.resolve("other.pem").toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("signing.pem")))).isEqualTo("rw-------");
        String key = Files.readString(dir.resolve("signing.pem"));
        run(2, "keygen", dir.resolve("signing.pem").toString());
        assertThat(Files.readString(dir.resolve("signing.pem"))).as("never overwrites a key").isEqualTo(key);

        Path config = dir.resolve("net.yaml");
        Files.writeString(config, Files.readString(Path.of("..", "examples", "minimal.yaml"))
                + "signing: { ed25519-private-key: signing.pem }\n");
        Path log = dir.resolve("alto.log");
        Process server = AltoJar.start(log, "serve", "--config", config.toString(), "--port", "0");
        started.add(server);
        String directory = AltoJar.awaitReady(server, log).toString();
        String trusted = dir.resolve("signing.pub.pem").toString();
        String other = dir.resolve("other.pub.pem").toString();

        for (String mode : List.of("ecs", "map")) {
            JsonNode ranking = JSON.readTree(run(0, "rank", "--server", directory, "--verify-key", trusted, "--mode", mode,
                    "--json", "--random-share", "0", "--source", "10.1.2.3", "10.2.0.1", "10.1.9.9"));
            assertThat(ranking.get("status").asText()).as(mode).isEqualTo("OK");
            assertThat(ranking.at("/peers/0/address").asText()).isEqualTo("10.1.9.9");

            // Exit status 1: no guidance (issue #13); the peers are printed unranked all the same.
            JsonNode refused = JSON.readTree(run(1, "rank", "--server", directory, "--verify-key", other, "--mode", mode,
                    "--json", "--source", "10.1.2.3", "10.2.0.1", "10.1.9.9"));
            assertThat(refused.get("status").asText()).as(mode).isEqualTo("UNAVAILABLE");
            assertThat(refused.get("reason").asText()).contains("UNKNOWN_KEYID");
        }
        assertThat(JSON.readTree(run(0, "query", "--server", directory, "--verify-key", trusted, "networkmap"))
                .at("/network-map/area-01/ipv4/0").asText()).isEqualTo("10.1.0.0/16");
        assertThat(run(1, "query", "--server", directory, "--verify-key", other, "networkmap")).isEmpty();
        assertThat(run(2, "query", "--server", directory, "--verify-key", dir.resolve("nosuch.pem").toString(), "networkmap"))
                .isEmpty();
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aMissingKeyFileIsAConfigurationError(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("net.yaml");
        Files.writeString(config, Files.readString(Path.of("..", "examples", "minimal.yaml"))
                + "signing: { ed25519-private-key: absent.pem }\n");
        Process broken = AltoJar.processBuilder("serve", "--config", config.toString(), "--port", "0")
                .redirectErrorStream(true).start();
        started.add(broken);
        assertThat(broken.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(broken.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(broken.exitValue()).isEqualTo(2);
        assertThat(output).contains("signing.ed25519-private-key").contains("absent.pem").doesNotContain("Exception");
    }

    /** Runs the jar, expects the exit status, returns standard output. */
    private String run(int expectedStatus, String... args) throws Exception {
        Process process = AltoJar.processBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", args) + "\n" + output).isEqualTo(expectedStatus);
        return output;
    }
}
