package io.altokit.client.discovery;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real dnsmasq on a free loopback port, in the foreground as a child of the test, answering only from its
 * command line ({@code --no-resolv --no-hosts}, {@code --local} for the zones used). Installs the Debian package
 * dnsmasq-base when it is missing and the test runs as root; fails (never skips) otherwise.
 */
final class Dnsmasq implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final Path log;
    final List<String> command;

    private Dnsmasq(Process process, int port, Path log, List<String> command) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.command = command;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Starts dnsmasq with these extra options (e.g. {@code --naptr-record=...}); {@code probe} must answer NOERROR. */
    static Dnsmasq start(Path dir, List<String> options, String probe) throws Exception {
        String binary = ensureInstalled();
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Path log = dir.resolve("dnsmasq-" + port + ".log");
            List<String> cmd = new ArrayList<>(List.of(binary, "--keep-in-foreground", "--conf-file=/dev/null",
                    "--no-resolv", "--no-hosts", "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces",
                    "--pid-file=" + dir.resolve("dnsmasq-" + port + ".pid"), "--log-queries", "--log-facility=-"));
            cmd.addAll(options);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Dnsmasq d = new Dnsmasq(p, port, log, cmd);
            if (d.awaitAnswering(probe)) return d;
            d.close();
            if (attempt == 3) fail("dnsmasq did not answer on 127.0.0.1:" + port + " within " + READY_WITHIN + ":\n" + d.log());
        }
    }

    private boolean awaitAnswering(String probe) throws Exception {
        SimpleResolver r = new SimpleResolver(address());
        r.setTimeout(Duration.ofMillis(200));
        Message q = Message.newQuery(Record.newRecord(Name.fromString(probe), Type.NAPTR, DClass.IN));
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                r.send(q);
                return true;
            } catch (IOException notYet) {
                // not listening yet (port unreachable returns at once, a timeout after 200 ms): ask again
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            int port;
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                port = udp.getLocalPort();
            }
            try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException tcpTaken) {
                // try another
            }
        }
        throw new IOException("no free loopback port for both UDP and TCP");
    }

    static synchronized String ensureInstalled() throws Exception {
        String found = find();
        if (found != null) return found;
        if (!"root".equals(System.getProperty("user.name"))) {
            fail("dnsmasq is not installed and this test is not root: apt-get install -y dnsmasq-base");
        }
        for (List<String> step : List.of(List.of("apt-get", "install", "-y", "dnsmasq-base"),
                List.of("apt-get", "update"), List.of("apt-get", "install", "-y", "dnsmasq-base"))) {
            ProcessBuilder pb = new ProcessBuilder(step).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process apt = pb.start();
            if (!apt.waitFor(300, TimeUnit.SECONDS)) {
                apt.destroyForcibly();
                fail(String.join(" ", step) + " took over 300 s: dnsmasq (Debian package dnsmasq-base) is needed");
            }
            if ((found = find()) != null) return found;
        }
        fail("apt-get could not install dnsmasq-base: dnsmasq is needed for the ALTO discovery tests");
        return null;
    }

    private static String find() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin"));
        for (String d : dirs) {
            File f = new File(d, "dnsmasq");
            if (!d.isEmpty() && f.canExecute()) return f.getPath();
        }
        return null;
    }
}
