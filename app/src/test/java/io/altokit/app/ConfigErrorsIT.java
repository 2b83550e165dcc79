package io.altokit.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A mistake in the configuration file stops {@code alto serve} before it listens: exit status 2 and
 * one line on stderr naming the file, the key path and the problem, without a stack trace.
 */
class ConfigErrorsIT {
    private static final String NETWORK = """
            network-map:
              area-01: { ipv4: [10.1.0.0/16] }
              area-02: { ipv4: [10.2.0.0/16] }
            """;

    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    @TempDir
    Path dir;

    @Test
    void aServerAwaitedThatStopsAtStartIsReportedWithItsExitCodeAndItsStandardError() throws Exception {
        Path config = Files.writeString(dir.resolve("net.yaml"), NETWORK + "cots: {}\n");
        Path log = dir.resolve("alto.log");
        Process serve = AltoJar.start(log, "serve", "--config", config.toString(), "--port", "0");
        started.add(serve);
        assertThatThrownBy(() -> AltoJar.awaitReady(serve, log)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("standard output ended").hasMessageContaining("exit code 2")
                .hasMessageContaining("cots: unknown setting");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            acess: [ { source: 10.0.0.0/8, resources: ["*"] } ]                 | acess: unknown setting (known: access, auth,  | did you mean 'access'?
            cots: { routingcost: { area-01: { area-02: 1 } } }                  | cots: unknown setting (known: access, auth,   | did you mean 'costs'?
            access: [ { source: 10.0.0.0/8, resources: [networkmap] } ]         | access[0].resources: 'networkmap' is not a resource this server offers (it offers: costmap-num-routingcost, | default-network-map
            costs: { routing_cost: { area-01: { area-02: 1 } } }                | costs.routing_cost: 'routing_cost' is neither a registered cost metric | did you mean 'routingcost'?
            server: { request-timeout: 10 }                                     | server.request-timeout: expected a duration such as 500ms | a bare number has no unit: write 10s for seconds
            bgp: { listen: "127.0.0.1:0", local-as: 65000, peers: [ { address: 127.0.0.1, remote-as: 65001 } ], debounce-ms: 250 } | bgp.debounce-ms: 'debounce-ms' was renamed | write debounce: 250ms
            mrt: { fil: routes.mrt }                                            | mrt.fil: unknown setting (known: default-pid, | did you mean 'file'?
            """)
    void aMistakeIsOneLineOnStderrAndExitStatus2(String section, String where, String detail) throws Exception {
        Path config = Files.writeString(dir.resolve("net.yaml"), NETWORK + "costs: { routingcost: { area-01: { area-02: 1 } } }\n"
                .repeat(section.startsWith("costs:") ? 0 : 1) + section + "\n");
        Process serve = AltoJar.processBuilder("serve", "--config", config.toString(), "--port", "0").start();
        started.add(serve);
        CompletableFuture<String> stdout = read(serve.getInputStream());
        CompletableFuture<String> stderr = read(serve.getErrorStream());
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("stops by itself").isTrue();

        assertThat(serve.exitValue()).isEqualTo(2);
        assertThat(stdout.get(10, TimeUnit.SECONDS)).isEmpty();
        String error = stderr.get(10, TimeUnit.SECONDS);
        assertThat(error.lines().toList()).as(error).hasSize(1);
        assertThat(error).startsWith("alto serve: " + config + ": " + where.strip()).contains(detail.strip())
                .doesNotContain("\tat ", "Exception");
    }

    private static CompletableFuture<String> read(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
