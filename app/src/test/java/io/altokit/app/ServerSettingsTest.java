package io.altokit.app;

import io.altokit.app.config.YamlFile;
import io.altokit.server.ServerConfig;
import io.altokit.server.update.UpdateStreams;
import io.altokit.server.update.tips.TipsViews;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code server.idle-timeout}, {@code server.update-streams}, {@code server.tips} and {@code server.admin-listen}: what they configure, their defaults and their precise errors. */
class ServerSettingsTest {
    @TempDir
    Path directory;

    @Test
    void withoutThemTheDefaultsHold() throws Exception {
        ServerConfig config = ServerSettings.read(YamlFile.read(write("server: { port: 0 }")));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.updateStreams()).isEqualTo(new UpdateStreams.Limits(10_000, 8, 64, 64L << 20, Duration.ofSeconds(20)));
        assertThat(config.tips()).isEqualTo(new TipsViews.Limits(10_000, 64, 64, 10_000, 64, Duration.ofSeconds(30),
                Duration.ofMinutes(5)));
    }

    @Test
    void everyTipsLimitIsSetOnItsOwn() throws Exception {
        ServerConfig config = ServerSettings.read(YamlFile.read(write("""
                server:
                  tips:
                    max-views: 500
                    max-views-per-client: 4
                    max-versions: 8
                    max-polls: 900
                    max-polls-per-client: 3
                    long-poll: 2m
                    view-expiry: 10m
                """)));
        assertThat(config.tips()).isEqualTo(new TipsViews.Limits(500, 4, 8, 900, 3, Duration.ofMinutes(2), Duration.ofMinutes(10)));
        assertThat(ServerSettings.read(YamlFile.read(write("server: { tips: { long-poll: 5s } }"))).tips())
                .isEqualTo(new TipsViews.Limits(10_000, 64, 64, 10_000, 64, Duration.ofSeconds(5), Duration.ofMinutes(5)));
    }

    @Test
    void everyLimitIsSetOnItsOwn() throws Exception {
        ServerConfig config = ServerSettings.read(YamlFile.read(write("""
                server:
                  idle-timeout: 2m
                  update-streams:
                    max-streams: 50000
                    max-streams-per-client: 2
                    max-substreams: 16
                    max-pending-bytes: 1048576
                    keep-alive: 45s
                """)));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.updateStreams()).isEqualTo(new UpdateStreams.Limits(50_000, 2, 16, 1 << 20, Duration.ofSeconds(45)));
        assertThat(ServerSettings.read(YamlFile.read(write("server: { update-streams: { max-substreams: 3 } }"))).updateStreams())
                .isEqualTo(new UpdateStreams.Limits(10_000, 8, 3, 64L << 20, Duration.ofSeconds(20)));
    }

    @Test
    void theAdminListenerIsAnAddressAndPortOrNothing() throws Exception {
        assertThat(ServerSettings.adminListen(YamlFile.read(write("server: { port: 0 }")))).isEmpty();
        assertThat(ServerSettings.adminListen(YamlFile.read(write("server: { admin-listen: \"[::1]:9181\" }"))))
                .hasValue(new InetSocketAddress("::1", 9181));
        Path noPort = write("server: { admin-listen: 127.0.0.1 }");
        assertThatThrownBy(() -> ServerSettings.adminListen(YamlFile.read(noPort)))
                .hasMessage(noPort + ": server.admin-listen: expected ADDRESS:PORT, e.g. \"127.0.0.1:9181\" or \"[::1]:9181\", got \"127.0.0.1\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            server: { update-streams: { max-stream: 5 } }             | server.update-streams.max-stream: unknown setting (known: keep-alive, max-pending-bytes, max-streams, max-streams-per-client, max-substreams); did you mean 'max-streams'?
            server: { update-streams: { keep-alive: 20 } }            | server.update-streams.keep-alive: expected a duration such as 500ms, 5s, 2m, 1h, 1d or PT5S; a bare number has no unit: write 20s for seconds
            server: { update-streams: { keep-alive: 10ms } }          | server.update-streams.keep-alive: must be at least 1s, got "10ms"
            server: { update-streams: { max-streams-per-client: 0 } } | server.update-streams.max-streams-per-client: expected an integer 1..
            server: { update-streams: { max-pending-bytes: 64MiB } }  | server.update-streams.max-pending-bytes: expected a positive whole number, got "64MiB"
            server: { update-streams: 5 }                             | server.update-streams: expected a mapping
            server: { tips: { max-version: 5 } }                      | server.tips.max-version: unknown setting (known: long-poll, max-polls, max-polls-per-client, max-versions, max-views, max-views-per-client, view-expiry); did you mean 'max-versions'?
            server: { tips: { max-versions: 1 } }                     | server.tips.max-versions: expected an integer 2..
            server: { tips: { max-views-per-client: 0 } }             | server.tips.max-views-per-client: expected an integer 1..
            server: { tips: { long-poll: 30 } }                       | server.tips.long-poll: expected a duration such as 500ms, 5s, 2m, 1h, 1d or PT5S; a bare number has no unit: write 30s for seconds
            server: { tips: { view-expiry: 100ms } }                  | server.tips.view-expiry: must be at least 1s, got "100ms"
            server: { tips: 5 }                                       | server.tips: expected a mapping
            server: { idle-timeout: 60 }                              | server.idle-timeout: expected a duration such as 500ms, 5s, 2m, 1h, 1d or PT5S; a bare number has no unit: write 60s for seconds
            """)
    void mistakesNameTheFileAndTheKey(String yaml, String message) throws Exception {
        Path config = write(yaml);
        assertThatThrownBy(() -> ServerSettings.read(YamlFile.read(config))).hasMessageStartingWith(config + ": " + message.strip());
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(directory.resolve("network.yaml"), yaml + "\n");
    }
}
