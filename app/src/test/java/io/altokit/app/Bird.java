package io.altokit.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A BIRD 2 daemon an end-to-end test starts as the operator's router: its configuration file, its
 * control socket and its pid file live in the test's directory; {@link #configure} rewrites the
 * configuration and reloads it (birdc), {@link #close} stops the daemon and waits until it is gone.
 */
final class Bird implements AutoCloseable {
    private final Path dir;
    private final Path config;
    private final Daemon daemon;

    private Bird(Path dir) {
        this.dir = dir;
        this.config = dir.resolve("bird.conf");
        this.daemon = new Daemon(dir.resolve("bird.pid"));
    }

    /** Installs BIRD if it is missing (or fails clearly). */
    static void require() throws Exception {
        SystemTools.requirePackage("bird2", "BIRD 2", "bird", "birdc");
    }

    /**
     * BIRD as the operator's router: source 127.0.0.2, AS 65001, short timers so the test is quick;
     * these IPv4 static routes and 2001:db8:11::/48 with community 65000:101, exported to the server
     * at 127.0.0.1:{@code port} (AS 65000).
     */
    static String routerConfig(int port, String ipv4Routes) {
        return """
                router id 127.0.0.2;
                protocol device {}
                protocol static s4 {
                  ipv4;
                %s}
                protocol static s6 { ipv6; route 2001:db8:11::/48 blackhole { bgp_community.add((65000,101)); }; }
                protocol bgp alto {
                  local 127.0.0.2 as 65001;
                  neighbor 127.0.0.1 port %d as 65000;
                  multihop;
                  hold time 3;
                  connect delay time 1;
                  connect retry time 1;
                  error wait time 1, 2;
                  ipv4 { import none; export all; };
                  ipv6 { import none; export all; next hop address 2001:db8::2; };
                }
                """.formatted(ipv4Routes, port);
    }

    /** Starts BIRD with this configuration; it daemonizes, logging to {@code dir/bird.log}. */
    static Bird start(Path dir, String configuration) throws Exception {
        Bird bird = new Bird(dir);
        Files.writeString(bird.config, configuration);
        Process launcher = new ProcessBuilder("bird", "-c", bird.config.toString(), "-s", bird.socket(), "-P",
                bird.daemon.pidFile().toString()).redirectErrorStream(true).redirectOutput(dir.resolve("bird.log").toFile()).start();
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).as("bird daemonizes").isTrue();
        assertThat(launcher.exitValue()).as("bird started; see " + dir.resolve("bird.log")).isZero();
        return bird;
    }

    /** Replaces the configuration and has BIRD reload it. */
    void configure(String configuration) throws Exception {
        Files.writeString(config, configuration);
        Process birdc = new ProcessBuilder("birdc", "-s", socket(), "configure").redirectErrorStream(true).start();
        String output = new String(birdc.getInputStream().readAllBytes());
        assertThat(birdc.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("birdc configure").contains("Reconfigured");
    }

    private String socket() {
        return dir.resolve("bird.ctl").toString();
    }

    /** Stops the daemon, waiting until it is gone; does nothing the second time. */
    @Override
    public void close() throws Exception {
        daemon.close();
    }
}
