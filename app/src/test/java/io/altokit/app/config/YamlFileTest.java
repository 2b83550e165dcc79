package io.altokit.app.config;

import io.altokit.core.Snapshot;
import io.altokit.provision.network.NetworkFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file's one reading policy: unknown keys at any level, null as absent, values checked with their path. */
class YamlFileTest {
    private static final String NETWORK = "network-map: { a: { ipv4: [10.0.0.0/8] } }\n";

    @TempDir
    Path dir;

    @Test
    void aMisspeltTopLevelSectionIsAnErrorNamingTheNearestOne() throws IOException {
        Path file = write(NETWORK + "acess: [ { source: 10.0.0.0/8, resources: [\"*\"] } ]");
        assertThatThrownBy(() -> YamlFile.read(file)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.path()).isEqualTo("acess");
            assertThat(e.getMessage()).startsWith(file + ": acess: unknown setting (known: access, auth, bgp, cost-context, costs,")
                    .endsWith("; did you mean 'access'?");
        });
        assertThatThrownBy(() -> YamlFile.read(write(NETWORK + "cots: {}")))
                .hasMessageEndingWith("did you mean 'costs'?");
    }

    @Test
    void aKeyFarFromEveryKnownOneGetsNoSuggestion() throws IOException {
        assertThatThrownBy(() -> YamlFile.read(write(NETWORK + "telemetry: {}")))
                .hasMessageContaining(": telemetry: unknown setting (known: ").hasMessageNotContaining("did you mean");
    }

    @Test
    void nestedKeysGetTheSamePolicyWithTheirFullPath() throws IOException {
        ConfigNode root = YamlFile.read(write(NETWORK + "server: { prot: 8080 }"));
        assertThatThrownBy(() -> root.section("server", Set.of("port", "bind")))
                .hasMessageEndingWith(": server.prot: unknown setting (known: bind, port); did you mean 'port'?");
    }

    @Test
    void nullIsTheSameAsLeavingTheKeyOut() throws IOException {
        ConfigNode root = YamlFile.read(write(NETWORK + "tls:\nserver: { port: null, bind: ~ }"));
        assertThat(root.get("tls")).isEmpty();
        ConfigNode server = root.get("server").orElseThrow();
        assertThat(server.integer("port", 0, 65535)).isEmpty();
        assertThat(server.text("bind")).isEmpty();
        assertThat(server.entries()).isEmpty();
    }

    @Test
    void aKeyGivenTwiceIsAnError() throws IOException {
        Path file = write(NETWORK + "access: [ { source: 10.0.0.0/8, resources: [\"*\"] } ]\naccess: []");
        assertThatThrownBy(() -> YamlFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": not valid YAML: Duplicate field 'access' (line ");
    }

    @Test
    void valuesAreCheckedWhereTheyAreReadWithTheirPath() throws IOException {
        ConfigNode server = YamlFile.read(write(NETWORK + "server: { port: 70000, request-timeout: 5, window: 0s }"))
                .get("server").orElseThrow();
        assertThatThrownBy(() -> server.integer("port", 0, 65535))
                .hasMessageEndingWith(": server.port: expected an integer 0..65535, got 70000");
        assertThatThrownBy(() -> server.duration("request-timeout", Duration.ofMillis(1), Duration.ofHours(1)))
                .hasMessageContaining(": server.request-timeout: expected a duration such as 500ms");
        assertThatThrownBy(() -> server.duration("window", Duration.ofSeconds(1), Duration.ofDays(1)))
                .hasMessageEndingWith(": server.window: must be at least 1s, got \"0s\"");
    }

    @Test
    void syntaxErrorsAndMissingFilesNameTheFile() throws IOException {
        Path broken = write("network-map: { a: [");
        assertThatThrownBy(() -> YamlFile.read(broken)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(broken + ": not valid YAML: ").hasMessageContaining("line ");
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> YamlFile.read(missing)).hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> YamlFile.read(write("- just a list"))).hasMessageContaining("the top level must be a mapping");
    }

    @Test
    void aDocumentOverTheLimitIsRefusedNamingTheLimit() throws IOException {
        Path file = write(NETWORK + "default-pid: " + "x".repeat(100_000));
        assertThatThrownBy(() -> YamlFile.read(Files.newInputStream(file), file, 1000)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": larger than the limit of 1000 characters of YAML; list long prefix lists in "
                        + "prefix-files (CSV) instead");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("net.yaml"), yaml + "\n");
    }
}
