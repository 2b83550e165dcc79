package io.altokit.app.trial;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The paper's BitTorrent trial on one Linux machine: builds the emulated operator network, starts
 * {@code alto serve} in the core and BIRD in every area router (the areas reach the ALTO map only
 * through BGP), runs each policy on the same network and payload, and removes everything again.
 * {@link #close} is idempotent and safe from a shutdown hook: a trial interrupted at any point leaves
 * no namespace, process or (unless the user named the directory) file behind.
 */
public final class Trial implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final int ALTO_PORT = 8181;
    private static final String TEMP_PREFIX = "alto-trial-";

    private final TrialSettings settings;
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final PrintWriter progress;
    /** Set as the clean-up begins, from any thread: the build stops at its next step, no process starts. */
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Daemons services = new Daemons(stopping::get);
    private boolean closed;

    /**
     * @param workDir where logs, torrents and downloads go; empty for a temporary directory removed at the end
     */
    public Trial(TrialSettings settings, Optional<Path> workDir, PrintWriter progress) throws IOException {
        this.settings = settings;
        this.ownsWorkDir = workDir.isEmpty();
        this.workDir = (workDir.isPresent() ? Files.createDirectories(workDir.get()) : Files.createTempDirectory(TEMP_PREFIX)).toAbsolutePath();
        this.progress = progress;
    }

    /** Builds the network, runs every policy in turn, returns what each measured. */
    public List<PolicyResult> run() throws IOException {
        TrialPlan plan = settings.plan();
        say("building %d areas and %d peers in network namespaces (%s)", plan.areas(), plan.peers().size(), workDir);
        EmulatedIsp isp = new EmulatedIsp(plan, settings.uplinkKbit());
        isp.build(stopping::get);
        URI directory = startAltoServer();
        startRouters();
        Await.body(directory.resolve("networkmap"), body -> everyAreaIn(new String(body, StandardCharsets.UTF_8)),
                "every area router's routes in the ALTO network map (BGP)", STARTUP);
        say("ALTO map learned from BGP: %d areas; payload %d bytes, %d connections per client", plan.areas(), settings.fileBytes(),
                settings.connections());
        byte[] payload = new byte[settings.fileBytes()];
        new Random(plan.seed()).nextBytes(payload);
        List<PolicyResult> results = new ArrayList<>();
        for (Policy policy : settings.policies()) {
            results.add(new PolicyRun(policy, settings, isp, directory, payload, workDir.resolve(policy.label()), progress)
                    .run(new Daemons(stopping::get)));
        }
        return results;
    }

    private URI startAltoServer() throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("core"));
        Path network = Files.writeString(dir.resolve("network.yaml"), ServiceFiles.networkFile(settings.plan().areas()));
        Path log = dir.resolve("alto-serve.log");
        Process server = services.startReporting(AddressPlan.CORE_NAMESPACE, settings.alto().command("serve", "--config", network.toString(),
                "--bind", AddressPlan.CORE_ADDRESS, "--port", Integer.toString(ALTO_PORT), "--no-access-log"), log);
        return URI.create(Daemons.awaitReady(server, "ALTO server ready: ", "alto serve", log, STARTUP));
    }

    /** BIRD in every area router; it daemonizes, and goes with its namespace. */
    private void startRouters() throws IOException {
        for (int area = 1; area <= settings.plan().areas(); area++) {
            Path dir = Files.createDirectories(workDir.resolve(AddressPlan.routerNamespace(area)));
            Path config = Files.writeString(dir.resolve("bird.conf"), ServiceFiles.birdConfig(area));
            Shell.run(Namespaces.exec(AddressPlan.routerNamespace(area), List.of("bird", "-c", config.toString(),
                    "-s", dir.resolve("bird.ctl").toString(), "-P", dir.resolve("bird.pid").toString())));
        }
    }

    private boolean everyAreaIn(String networkMap) {
        return IntStream.rangeClosed(1, settings.plan().areas()).allMatch(area -> networkMap.contains(AddressPlan.areaPrefix(area)));
    }

    private void say(String format, Object... arguments) {
        progress.printf("trial: " + format + "%n", arguments);
        progress.flush();
    }

    /** Stops the services, removes every trial namespace with what runs in it, and the temporary directory. */
    @Override
    public void close() throws IOException {
        stopping.set(true);
        // One clean-up: a second caller (the shutdown hook during the main thread's) waits for it to finish.
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            removeEverything();
        }
    }

    private void removeEverything() throws IOException {
        services.close();
        int removed = Namespaces.removeAll();
        if (ownsWorkDir) {
            deleteTree(workDir);
        }
        say("removed %d namespaces%s", removed, ownsWorkDir ? " and the working directory" : "; files kept in " + workDir);
    }

    /**
     * What a killed trial (SIGKILL, a crash) left: its namespaces with the processes in them, and its
     * temporary directories; returns what was removed, in words.
     */
    public static String removeLeftovers() throws IOException {
        int namespaces = Namespaces.removeAll();
        int directories = 0;
        try (Stream<Path> temporary = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path dir : temporary.filter(path -> path.getFileName().toString().startsWith(TEMP_PREFIX)).toList()) {
                deleteTree(dir);
                directories++;
            }
        }
        return "removed " + namespaces + " trial namespaces and " + directories + " temporary directories";
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
