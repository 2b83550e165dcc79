package io.altokit.app;

import io.altokit.app.config.Durations;
import io.altokit.app.trial.AltoLauncher;
import io.altokit.app.trial.Policy;
import io.altokit.app.trial.PolicyResult;
import io.altokit.app.trial.Prerequisites;
import io.altokit.app.trial.Trial;
import io.altokit.app.trial.TrialPlan;
import io.altokit.app.trial.TrialSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code alto trial}: the paper's BitTorrent trial with real clients in network namespaces, one row per policy. */
@Command(name = "trial", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Emulate an operator network on this machine (network namespaces, tbf, BIRD announcing the areas to alto serve over BGP) "
                + "and run a real BitTorrent swarm (aria2) in it under each policy: random (opentracker), alto (the ALTO tracker), "
                + "alto-proxy (opentracker behind one alto peer-proxy per peer). Needs root. Prints inter-area bytes, completion "
                + "and download times per policy.",
                "Everything it creates is removed at the end, also on failure or Ctrl-C; --cleanup removes leftovers of a killed run."})
final class TrialCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--areas", defaultValue = "3", description = "Areas (router namespaces around the core). Default: ${DEFAULT-VALUE}.")
    private int areas;

    @Option(names = "--peers", defaultValue = "12", description = "Peers, the super-seed included, dealt round-robin over the areas. Default: ${DEFAULT-VALUE}.")
    private int peers;

    @Option(names = "--policy", split = ",", paramLabel = "NAME", description = "Policies to run, in order: random, alto, alto-proxy (comma-separated). Default: all three.")
    private List<String> policies = List.of("random", "alto", "alto-proxy");

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the plan (access classes, roles), the payload and the trackers' and proxies' random draws. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--file-mb", defaultValue = "2", description = "Size of the shared file in MB (10^6 bytes). Default: ${DEFAULT-VALUE}.")
    private double fileMb;

    @Option(names = "--connections", description = "Peers each client keeps at most (aria2c --bt-max-peers). Default: the peers of the largest area.")
    private Integer connections;

    @Option(names = "--uplink-kbit", defaultValue = "10000", description = "Rate of each area's uplink to the core, both ways, in kbit/s. Default: ${DEFAULT-VALUE}.")
    private long uplinkKbit;

    @Option(names = "--time-limit", defaultValue = "5m", converter = Durations.Converter.class, paramLabel = "DURATION",
            description = "A policy's run ends here even with peers still downloading. Default: ${DEFAULT-VALUE}.")
    private Duration timeLimit;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Keep logs, torrents and downloads here. Default: a temporary directory, removed at the end.")
    private Path workDir;

    @Option(names = "--json", description = "One JSON object per policy and line instead of the table.")
    private boolean json;

    @Option(names = "--cleanup", description = "Only remove what a killed trial left: its namespaces, the processes in them, its temporary directories.")
    private boolean cleanup;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (cleanup) {
            Prerequisites.checkRoot();
            spec.commandLine().getOut().println(Trial.removeLeftovers());
            return 0;
        }
        TrialSettings settings = settings();
        Prerequisites.check();
        Trial trial = new Trial(settings, Optional.ofNullable(workDir), err);
        // Registered before anything exists: Ctrl-C or a kill at any point still removes what was created.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(trial, err), "trial-cleanup"));
        List<PolicyResult> results;
        try {
            results = trial.run();
        } finally {
            trial.close();
        }
        SimOutput.print(spec.commandLine().getOut(), results.stream().map(PolicyResult::summary).toList(), json);
        return results.stream().allMatch(result -> result.verified() == result.downloaders()) ? 0 : CommandFailures.FAILURE;
    }

    private TrialSettings settings() {
        try {
            TrialPlan plan = TrialPlan.of(areas, peers, seed);
            if (!(fileMb > 0 && fileMb <= 1000)) {
                throw new IllegalArgumentException("--file-mb must be above 0 and at most 1000, got " + fileMb);
            }
            return new TrialSettings(plan, policies.stream().map(Policy::parse).toList(), (int) Math.round(fileMb * 1e6),
                    connections == null ? TrialSettings.defaultConnections(plan) : connections, uplinkKbit, timeLimit,
                    AltoLauncher.ofThisJvm(AltoCommand.class.getName()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static void closeQuietly(Trial trial, PrintWriter err) {
        try {
            trial.close();
        } catch (IOException e) {
            err.println("alto trial: clean-up incomplete (" + e.getMessage() + "); run alto trial --cleanup");
            err.flush();
        }
    }
}
